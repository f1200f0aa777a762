using System.Globalization;
using OverdueSmsPortal.Core.Segments;

namespace OverdueSmsPortal.Web.Components.Shared;

/// <summary>A stage's name in the portal's current language.</summary>
public static class StageNames
{
    public static string Of(StageDefinition stage) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" ? stage.NameZh : stage.NameEn;
}

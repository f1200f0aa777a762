using System.Globalization;
using OverdueSmsPortal.Core.Importing;
using OverdueSmsPortal.Infrastructure.Importing;

namespace OverdueSmsPortal.Web.Api;

/// <summary>
/// <c>GET /import-templates/{kind}.csv</c>: the template of the customer, repayment or complaint upload in
/// the reader's language (Chinese by default, English when the UI is English). It lives outside
/// <c>/templates</c>, the SMS templates' address, whose static <c>/templates/*-template.csv</c> files stay
/// as they were for the lender's systems that fetch them. It holds an example row only, no customer's data.
/// </summary>
public static class ImportTemplatesApi
{
    public const string CustomersPath = "/import-templates/customers.csv";
    public const string RepaymentsPath = "/import-templates/repayments.csv";
    public const string ComplaintsPath = "/import-templates/complaints.csv";

    public static IEndpointRouteBuilder MapImportTemplates(this IEndpointRouteBuilder app)
    {
        app.MapGet(CustomersPath, () => Template(ImportVocabulary.Customers, "客户导入模板", "customers-template")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(RepaymentsPath, () => Template(ImportVocabulary.Repayments, "还款导入模板", "repayments-template")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(ComplaintsPath, () => Template(ImportVocabulary.Complaints, "投诉导入模板", "complaints-template")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>Whether the reader's culture (set by the request localization from the culture cookie) is Chinese.</summary>
    internal static bool ReadsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    private static IResult Template(ImportSheet sheet, string chineseName, string englishName) =>
        TypedResults.File(ImportTemplate.Csv(sheet, ReadsChinese), "text/csv; charset=utf-8", (ReadsChinese ? chineseName : englishName) + ".csv");
}

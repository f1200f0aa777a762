using System.Reflection;
using OverdueSmsPortal.Core.Audit;

namespace OverdueSmsPortal.Web.Tests.Localization;

/// <summary>The audit page shows entity types and actions by name: every name the portal records has one in both languages.</summary>
public sealed class AuditNameCoverageTests
{
    [Fact]
    public void Every_entity_type_and_action_the_portal_records_has_a_name()
    {
        var keys = typeof(AuditNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(AuditNames.SystemActor))
            .Select(f => $"Audit.Name.{f.GetRawConstantValue()}")
            .ToList();

        Assert.Contains("Audit.Name.Exported", keys);
        Assert.Empty(ResourceFiles.Missing(keys));
    }
}

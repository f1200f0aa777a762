using OverdueSmsPortal.Core.Audit;

namespace OverdueSmsPortal.Core.Tests.Audit;

public sealed class AuditDiffTests
{
    [Fact]
    public void A_changed_top_level_value_is_the_only_change_and_only_its_lines_are_highlighted()
    {
        var comparison = AuditDiff.Compare("""{"name":"十一月提醒","cap":100}""", """{"name":"十一月提醒","cap":250}""");

        var change = Assert.Single(comparison.Changes);
        Assert.Equal(new AuditChange("cap", AuditChangeKind.Changed, "100", "250"), change);
        Assert.Equal(["\"cap\": 100"], comparison.Before.Where(l => l.Changed).Select(l => l.Text));
        Assert.Equal(["\"cap\": 250"], comparison.After.Where(l => l.Changed).Select(l => l.Text));
    }

    [Fact]
    public void Nested_values_are_compared_by_their_path()
    {
        var comparison = AuditDiff.Compare(
            """{"window":{"start":"08:00","end":"20:00"},"tones":["gentle","standard"]}""",
            """{"window":{"start":"09:00","end":"20:00"},"tones":["gentle","firm"]}""");

        Assert.Equal(["window.start", "tones[1]"], comparison.Changes.Select(c => c.Path));
        Assert.All(comparison.Changes, c => Assert.Equal(AuditChangeKind.Changed, c.Kind));
    }

    [Fact]
    public void Properties_only_on_one_side_are_added_or_removed()
    {
        var comparison = AuditDiff.Compare("""{"hold":"None","note":"x"}""", """{"hold":"Legal","by":"admin"}""");

        Assert.Equal(
            [
                new AuditChange("hold", AuditChangeKind.Changed, "None", "Legal"),
                new AuditChange("note", AuditChangeKind.Removed, "x", null),
                new AuditChange("by", AuditChangeKind.Added, null, "admin"),
            ],
            comparison.Changes);
    }

    [Fact]
    public void A_created_entity_adds_every_value_of_its_after_state()
    {
        var comparison = AuditDiff.Compare(null, """{"name":"晚间","rules":{"stage":"overdue_8_15"}}""");

        Assert.Equal(["name", "rules.stage"], comparison.Changes.Select(c => c.Path));
        Assert.All(comparison.Changes, c => Assert.Equal(AuditChangeKind.Added, c.Kind));
        Assert.Empty(comparison.Before);
        Assert.Equal(["\"name\": \"晚间\",", "\"stage\": \"overdue_8_15\""], comparison.After.Where(l => l.Changed).Select(l => l.Text));
    }

    [Fact]
    public void Equal_states_have_no_changes_even_when_their_properties_are_in_another_order()
    {
        var comparison = AuditDiff.Compare("""{"a":1,"b":{"c":[1,2]}}""", """{"b":{"c":[1,2]},"a":1}""");

        Assert.Empty(comparison.Changes);
        Assert.DoesNotContain(comparison.After, l => l.Changed);
    }

    [Fact]
    public void A_value_that_changes_kind_is_one_change_and_all_of_its_lines_are_highlighted()
    {
        var comparison = AuditDiff.Compare("""{"limit":{"perMonth":3}}""", """{"limit":"none"}""");

        var change = Assert.Single(comparison.Changes);
        Assert.Equal("limit", change.Path);
        Assert.Equal(AuditChangeKind.Changed, change.Kind);
        Assert.Equal(["\"limit\": {", "\"perMonth\": 3", "}"], comparison.Before.Where(l => l.Changed).Select(l => l.Text));
    }

    [Fact]
    public void Pretty_printed_lines_are_indented_by_depth_and_keep_Chinese_readable()
    {
        var comparison = AuditDiff.Compare(null, """{"customer":{"name":"陈美玲"}}""");

        Assert.Equal([(0, "{"), (1, "\"customer\": {"), (2, "\"name\": \"陈美玲\""), (1, "}"), (0, "}")],
            comparison.After.Select(l => (l.Depth, l.Text)));
    }

    [Fact]
    public void Text_that_is_not_json_is_compared_whole()
    {
        var comparison = AuditDiff.Compare("old text", "new text");

        Assert.Equal(new AuditChange("", AuditChangeKind.Changed, "old text", "new text"), Assert.Single(comparison.Changes));
        Assert.Equal("new text", Assert.Single(comparison.After).Text);
        Assert.True(comparison.After[0].Changed);
    }
}

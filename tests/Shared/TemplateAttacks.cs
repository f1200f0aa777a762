namespace OverdueSmsPortal.Tests.Shared;

/// <summary>
/// Template texts that try to take the machine through the renderer: doubling strings, quadratic
/// replaces and joins, loops, ranges and captures that grow without end. Each fits the body rules
/// (2,000 characters), so only the render limits stand between it and the portal's memory. Linked into
/// the unit and web tests so both attack the same way.
/// </summary>
public static class TemplateAttacks
{
    /// <summary>The outside test's body: 10 characters doubled 40 times (10 TB) answered 500 at 15.9 GB.</summary>
    public const string AppendDoubling =
        "{% assign s = \"xxxxxxxxxx\" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}";

    /// <summary>Each attack by name, as xunit theory data.</summary>
    public static TheoryData<string> All => [.. Bodies.Keys];

    /// <summary>Name → body.</summary>
    public static readonly IReadOnlyDictionary<string, string> Bodies = new Dictionary<string, string>
    {
        ["append doubling"] = AppendDoubling,
        ["prepend doubling"] =
            "{% assign s = \"xxxxxxxxxx\" %}{% for i in (1..40) %}{% assign s = s | prepend: s %}{% endfor %}{{ s | size }}",
        ["replace growth"] =
            "{% assign s = \"xxxxxxxxxx\" %}{% for i in (1..40) %}{% assign s = s | replace: \"x\", \"xxxxxxxxxx\" %}{% endfor %}{{ s | size }}",
        ["replace_first and replace_last chain"] =
            "{% assign s = \"ab\" %}{% for i in (1..40) %}{% assign s = s | replace_first: \"a\", s | replace_last: \"b\", s %}{% endfor %}{{ s | size }}",
        ["split and join by itself"] =
            "{% assign s = \"x,x,x,x,x,x,x,x,x,x\" %}{% for i in (1..40) %}{% assign s = s | split: \",\" | join: s %}{% endfor %}{{ s | size }}",
        ["split into characters and join with a long separator"] =
            "{% assign s = \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" %}{% for i in (1..40) %}{% assign s = s | split: \"\" | join: s %}{% endfor %}{{ s | size }}",
        ["concat doubling a list"] =
            "{% assign a = \"x,y\" | split: \",\" %}{% for i in (1..40) %}{% assign a = a | concat: a %}{% endfor %}{{ a | size }}",
        ["capture doubling"] =
            "{% assign s = \"xxxxxxxxxx\" %}{% for i in (1..40) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s | size }}",
        ["append chain inside a capture"] =
            "{% capture s %}{{ \"x\" | append: \"xxxxxxxxxx\" | append: \"xxxxxxxxxx\" }}{% endcapture %}{% for i in (1..40) %}{% capture s %}{{ s | append: s | append: s }}{% endcapture %}{% endfor %}{{ s | size }}",
        ["a loop of a hundred million"] = "{% for i in (1..100000000) %}x{% endfor %}",
        ["nested loops"] = "{% for i in (1..999) %}{% for j in (1..999) %}{% for k in (1..999) %}x{% endfor %}{% endfor %}{% endfor %}",
        ["a huge range"] = "{% assign r = (1..2147483647) %}{{ r | size }}",
        ["a loop writing a long text"] =
            "{% assign s = \"还款提醒还款提醒还款提醒还款提醒还款提醒\" %}{% for i in (1..999) %}{% for j in (1..999) %}{{ s }}{% endfor %}{% endfor %}",
        ["a capture of a loop of long texts"] =
            "{% assign s = \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" %}{% capture c %}{% for i in (1..999) %}{% for j in (1..999) %}{{ s }}{% endfor %}{% endfor %}{% endcapture %}{{ c | size }}",
        ["times on a growing number"] =
            "{% assign n = 10 %}{% for i in (1..999) %}{% assign n = n | times: n %}{% endfor %}{{ n }}",
        ["a number format of a billion digits"] = "{{ 1 | format_number: \"F999999999\" }}",
        ["a string format padded to a million"] = "{{ \"{0,999999}\" | format_string: 1 }}",
    };
}

namespace OverdueSmsPortal.BrowserTests;

/// <summary>
/// Searches log lines for personal data written in full: a customer's mobile number in any of the
/// forms a log could write it, their full name, and the texts they were sent. Masked forms
/// (139****0001, 欧*) are what the portal writes instead, and pass.
/// </summary>
public static class PersonalDataScan
{
    /// <summary>A customer as the scan knows them: what names them in a finding, their name and their national number.</summary>
    public sealed record Person(string Key, string Name, string NationalPhone);

    /// <summary>Each line that holds something in full, with what it holds and whose it is.</summary>
    public static IReadOnlyList<string> Leaks(IEnumerable<string> lines, IEnumerable<Person> people, IEnumerable<string> texts)
    {
        var secrets = people
            .SelectMany(p => PhoneForms(p.NationalPhone).Select(form => (What: $"phone of {p.Key}", Value: form)).Append((What: $"name of {p.Key}", Value: p.Name)))
            .Concat(texts.Select((text, i) => (What: $"message text {i + 1}", Value: text)))
            .Where(s => s.Value.Length > 0)
            .ToList();
        return (from line in lines
                from secret in secrets
                where line.Contains(secret.Value, StringComparison.Ordinal)
                select $"{secret.What}: {line}").Distinct().ToList();
    }

    /// <summary>
    /// A national number (13912340001) bare, in E.164 with and without the plus (as a query string
    /// would carry it), and grouped 3-4-4 with spaces or hyphens.
    /// </summary>
    public static IReadOnlyList<string> PhoneForms(string national) =>
    [
        national,
        "+86" + national,
        "%2B86" + national,
        $"{national[..3]} {national[3..7]} {national[7..]}",
        $"{national[..3]}-{national[3..7]}-{national[7..]}",
    ];
}

using System.Globalization;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Core.Campaigns;

namespace OverdueSmsPortal.Web.Localization;

/// <summary>Says a schedule's <see cref="CronPhrase"/> in the reader's language, from the portal's resource files.</summary>
public static class CronSentences
{
    /// <summary>The whole sentence, starting with a capital where the language has capitals.</summary>
    public static string Say(CronPhrase phrase, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        ArgumentNullException.ThrowIfNull(localizer);
        var sentence = Render(phrase, localizer);
        return sentence.Length == 0
            ? sentence
            : CultureInfo.CurrentUICulture.TextInfo.ToUpper(sentence[0]) + sentence[1..];
    }

    private static string Render(object value, IStringLocalizer localizer) => value switch
    {
        CronPhrase phrase => localizer[phrase.Key, [.. phrase.Values.Select(v => Render(v, localizer))]].Value,
        CronList list => Join(list, localizer),
        CronOrdinal ordinal => localizer[OrdinalKey(ordinal.Value, localizer), Number(ordinal.Value)].Value,
        int number => Number(number),
        string text => text,
        _ => throw new ArgumentException($"A schedule phrase holds a {value.GetType().Name}, which has no words.", nameof(value)),
    };

    private static string Join(CronList list, IStringLocalizer localizer)
    {
        var items = list.Items.Select(i => Render(i, localizer)).ToList();
        return items.Count <= 1
            ? string.Concat(items)
            : string.Join(localizer[CronKeys.ListSeparator].Value, items.Take(items.Count - 1))
              + localizer[CronKeys.ListLast].Value + items[^1];
    }

    // "21st" but "11th": a language's exceptions are keyed by the last two digits, then the last one.
    private static string OrdinalKey(int number, IStringLocalizer localizer) =>
        new[] { number % 100, number % 10 }
            .Select(tail => string.Create(CultureInfo.InvariantCulture, $"{CronKeys.Ordinal}.{tail}"))
            .FirstOrDefault(key => !localizer[key].ResourceNotFound) ?? CronKeys.Ordinal;

    private static string Number(int number) => number.ToString(CultureInfo.InvariantCulture);
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Infrastructure.Templates;

/// <summary>
/// Who the messages speak for (<c>Portal:Lender</c>): the values behind <c>lender.*</c> placeholders,
/// and the culture that formats amounts and dates in messages.
/// </summary>
public sealed class LenderOptions
{
    public const string Section = "Portal:Lender";

    /// <summary>The signature name, shown as 【name】 at the start or end of each message.</summary>
    [Required, MaxLength(20)]
    public string Name { get; set; } = "示例消费金融";

    [Required, MaxLength(30)]
    public string Hotline { get; set; } = "400-800-1234";

    [Required, Url, MaxLength(200)]
    public string PaymentLink { get; set; } = "https://pay.example.cn/repay";

    /// <summary>How amounts and dates are written in messages (zh-CN: ¥1,234.50 and 2026年11月24日).</summary>
    [Required]
    public string MessageCulture { get; set; } = "zh-CN";

    /// <summary>
    /// Once a debt is overdue, {{ debt.pay_by }} is the day of the message plus this many days (before then it
    /// is the due date). Zero asks for payment the same day; more than a month would not read as a reminder.
    /// </summary>
    [Range(0, 30)]
    public int PayWithinDays { get; set; } = LenderProfile.DefaultPayWithinDays;

    public LenderProfile Profile() => new(Name, Hotline, PaymentLink, PayWithinDays);

    public CultureInfo Culture() => CultureInfo.GetCultureInfo(MessageCulture);

    /// <summary>The payment link's host, which the lint always allows.</summary>
    public string PaymentHost() => Uri.TryCreate(PaymentLink, UriKind.Absolute, out var uri) ? uri.Host : "";
}

namespace OverdueSmsPortal.Core.Replies;

/// <summary>What a customer's reply is about (DESIGN §2.11).</summary>
public enum ReplyCategory
{
    /// <summary>Not classified yet, or nothing matched.</summary>
    Other = 0,
    /// <summary>退订, TD, STOP…: takes effect at once.</summary>
    OptOut = 1,
    PromiseToPay = 2,
    AlreadyPaid = 3,
    /// <summary>Disputes the debt or the person: 不是我, 打错了, 金额不对.</summary>
    Dispute = 4,
    /// <summary>投诉, 举报…: opens a complaint record.</summary>
    Complaint = 5,
    Question = 6,
    /// <summary>不是本人, 打错了: the number is not the customer's. It stops receiving, and it is not the customer's answer.</summary>
    WrongNumber = 7,
}

public static class ReplyCategories
{
    /// <summary>
    /// The order categories win in when a reply matches several: a complaint must never be filed as a
    /// question, and "已经还了" is already paid even though it contains "还".
    /// </summary>
    public static IReadOnlyList<ReplyCategory> ByPrecedence { get; } =
    [
        ReplyCategory.Complaint, ReplyCategory.OptOut, ReplyCategory.WrongNumber, ReplyCategory.Dispute, ReplyCategory.AlreadyPaid,
        ReplyCategory.PromiseToPay, ReplyCategory.Question,
    ];

    public static IReadOnlyList<ReplyCategory> All { get; } = [.. ByPrecedence, ReplyCategory.Other];

    public static string Code(this ReplyCategory category) => category switch
    {
        ReplyCategory.OptOut => "opt_out",
        ReplyCategory.PromiseToPay => "promise_to_pay",
        ReplyCategory.AlreadyPaid => "already_paid",
        ReplyCategory.Dispute => "dispute",
        ReplyCategory.WrongNumber => "wrong_number",
        ReplyCategory.Complaint => "complaint",
        ReplyCategory.Question => "question",
        _ => "other",
    };

    public static ReplyCategory? FromCode(string? code) => All.Cast<ReplyCategory?>().FirstOrDefault(c => c!.Value.Code() == code);
}

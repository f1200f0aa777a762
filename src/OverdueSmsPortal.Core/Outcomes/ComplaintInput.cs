using System.Globalization;
using FluentValidation;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Importing;
using OverdueSmsPortal.Core.Policy;

namespace OverdueSmsPortal.Core.Outcomes;

/// <summary>
/// A complaint as someone records it: the form, one row of an upload, one object of the API.
/// <see cref="Hold"/> null leaves the hold to <see cref="Complaint.HoldsByDefault"/>; <see cref="MessageId"/>
/// null links the last message sent to the customer.
/// </summary>
public sealed class ComplaintInput
{
    public string? ComplaintRef { get; set; }
    public string? AccountRef { get; set; }
    public ComplaintCategory? Category { get; set; }
    public ComplaintSeverity? Severity { get; set; }
    public string? Summary { get; set; }
    public long? MessageId { get; set; }
    public ComplaintSource Source { get; set; } = ComplaintSource.Hotline;
    public bool? Hold { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }

    /// <summary>Whether the complaint holds the customer: as asked, else the documented default.</summary>
    public bool HoldsCustomer => Hold ?? Complaint.HoldsByDefault(Source, Severity ?? ComplaintSeverity.Medium);
}

/// <summary>A reason a complaint was not recorded: the field (the API's name), a resource key, and an English sentence.</summary>
public sealed record ComplaintFieldError(string Field, string Code, string Message);

/// <summary>The rules every recorded complaint passes; error codes are resource keys.</summary>
public sealed class ComplaintInputValidator : AbstractValidator<ComplaintInput>
{
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(10);

    public ComplaintInputValidator(DateTimeOffset now)
    {
        RuleFor(c => c.AccountRef).Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("Complaints.Error.AccountRefRequired").WithMessage("accountRef is required.")
            .MaximumLength(CustomerRecordValidator.MaxAccountRefLength).WithErrorCode("Complaints.Error.AccountRefTooLong")
            .WithMessage($"accountRef has {CustomerRecordValidator.MaxAccountRefLength} characters at most.");
        RuleFor(c => c.Category).Cascade(CascadeMode.Stop)
            .NotNull().WithErrorCode("Complaints.Error.CategoryRequired").WithMessage("category is required: " + ComplaintCodes.CategoryList + ".")
            .IsInEnum().WithErrorCode("Complaints.Error.CategoryUnknown").WithMessage("category is one of " + ComplaintCodes.CategoryList + ".");
        RuleFor(c => c.Severity).Cascade(CascadeMode.Stop)
            .NotNull().WithErrorCode("Complaints.Error.SeverityRequired").WithMessage("severity is required: " + ComplaintCodes.SeverityList + ".")
            .IsInEnum().WithErrorCode("Complaints.Error.SeverityUnknown").WithMessage("severity is one of " + ComplaintCodes.SeverityList + ".");
        RuleFor(c => c.Summary).Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("Complaints.Error.SummaryRequired").WithMessage("summary is required.")
            .Must(s => s!.Trim().Length <= Complaint.MaxSummaryLength).WithErrorCode("Complaints.Error.SummaryTooLong")
            .WithMessage($"summary has {Complaint.MaxSummaryLength} characters at most.");
        RuleFor(c => c.Source)
            .Must(s => !s.IsFromReply() && Enum.IsDefined(s)).WithErrorCode("Complaints.Error.SourceInvalid")
            .WithMessage("source is one of " + ComplaintCodes.SourceList + ".");
        RuleFor(c => c.ComplaintRef)
            .Must(r => r is null || r.Trim().Length <= Complaint.MaxComplaintRefLength).WithErrorCode("Complaints.Error.ComplaintRefTooLong")
            .WithMessage($"complaintRef has {Complaint.MaxComplaintRefLength} characters at most.");
        RuleFor(c => c.MessageId)
            .Must(id => id is null or > 0).WithErrorCode("Complaints.Error.MessageIdInvalid").WithMessage("messageId is a positive whole number.");
        RuleFor(c => c.ReceivedAt)
            .Must(at => at is null || at <= now + AllowedSkew).WithErrorCode("Complaints.Error.ReceivedAtFuture")
            .WithMessage("receivedAt is in the future.");
        RuleFor(c => c.ReceivedAt)
            .Must(at => at is null || at >= ReportedTime.Earliest).WithErrorCode("Complaints.Error.ReceivedAtTooEarly")
            .WithMessage($"receivedAt is before {ReportedTime.Earliest:yyyy-MM-dd}.");
    }
}

/// <summary>The lower-case codes the API and upload files use for a complaint's category, severity and source.</summary>
public static class ComplaintCodes
{
    public static readonly IReadOnlyDictionary<string, ComplaintCategory> Categories = new Dictionary<string, ComplaintCategory>(StringComparer.OrdinalIgnoreCase)
    {
        ["frequency"] = ComplaintCategory.Frequency, ["tone"] = ComplaintCategory.Tone, ["wrong_person"] = ComplaintCategory.WrongPerson,
        ["privacy"] = ComplaintCategory.Privacy, ["other"] = ComplaintCategory.Other,
    };

    public static readonly IReadOnlyDictionary<string, ComplaintSeverity> Severities = new Dictionary<string, ComplaintSeverity>(StringComparer.OrdinalIgnoreCase)
    {
        ["low"] = ComplaintSeverity.Low, ["medium"] = ComplaintSeverity.Medium, ["high"] = ComplaintSeverity.High,
    };

    /// <summary>Where the lender says a complaint came from; a reply's complaints are opened by the replies themselves.</summary>
    public static readonly IReadOnlyDictionary<string, ComplaintSource> Sources = new Dictionary<string, ComplaintSource>(StringComparer.OrdinalIgnoreCase)
    {
        ["hotline"] = ComplaintSource.Hotline, ["regulator"] = ComplaintSource.Regulator, ["upload"] = ComplaintSource.Upload,
        ["api"] = ComplaintSource.Api,
    };

    public static string CategoryList => string.Join(", ", Categories.Keys);
    public static string SeverityList => string.Join(", ", Severities.Keys);
    public static string SourceList => string.Join(", ", Sources.Keys);
}

/// <summary>
/// Reads a complaint from text fields, as an upload row or the API gives them. Field names:
/// complaintRef, accountRef, category, severity, summary, messageId, source, hold, receivedAt.
/// </summary>
public static class ComplaintFields
{
    public static readonly IReadOnlyList<string> Names =
        ["complaintRef", "accountRef", "category", "severity", "summary", "messageId", "source", "hold", "receivedAt"];

    /// <summary>The fields a file must have a column for.</summary>
    public static readonly IReadOnlyList<string> Required = ["accountRef", "category", "severity", "summary"];

    /// <param name="field">The text of a field by its name; null or blank when it is not given.</param>
    /// <param name="channel">The source when the record names none: <see cref="ComplaintSource.Upload"/> or <see cref="ComplaintSource.Api"/>.</param>
    /// <param name="zone">The time zone a <c>receivedAt</c> without an offset is read in.</param>
    /// <returns>The complaint, and the fields whose text could not be read (left empty in the complaint).</returns>
    public static (ComplaintInput Input, IReadOnlyList<ComplaintFieldError> Errors) Read(Func<string, string?> field, ComplaintSource channel,
        TimeZoneInfo zone)
    {
        var errors = new List<ComplaintFieldError>();
        string? Text(string name) => field(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        T? Code<T>(string name, IReadOnlyDictionary<string, T> codes, string error, string list) where T : struct
        {
            if (Text(name) is not { } text)
            {
                return null;
            }
            // Codes, the portal's own labels and their synonyms all read through the one import table.
            if (ImportVocabulary.Complaints.Column(name).Values!.Read(text) is { } term && codes.TryGetValue(term.Code, out var value))
            {
                return value;
            }
            errors.Add(new ComplaintFieldError(name, error, $"{name} is one of {list}."));
            return null;
        }

        var input = new ComplaintInput
        {
            ComplaintRef = Text("complaintRef"),
            AccountRef = Text("accountRef"),
            Category = Code("category", ComplaintCodes.Categories, "Complaints.Error.CategoryUnknown", ComplaintCodes.CategoryList),
            Severity = Code("severity", ComplaintCodes.Severities, "Complaints.Error.SeverityUnknown", ComplaintCodes.SeverityList),
            Summary = Text("summary"),
            Source = channel,
        };
        // An unknown source is refused rather than guessed: a regulator's referral read as a hotline call would not hold.
        if (Code("source", ComplaintCodes.Sources, "Complaints.Error.SourceInvalid", ComplaintCodes.SourceList) is { } source)
        {
            input.Source = source;
        }
        if (Text("messageId") is { } messageId)
        {
            if (long.TryParse(messageId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                input.MessageId = id;
            }
            else
            {
                errors.Add(new ComplaintFieldError("messageId", "Complaints.Error.MessageIdInvalid", "messageId is a positive whole number."));
            }
        }
        if (Text("hold") is { } hold)
        {
            input.Hold = ImportVocabulary.YesNo.Read(hold)?.Code switch { "true" => true, "false" => false, _ => null };
            if (input.Hold is null)
            {
                errors.Add(new ComplaintFieldError("hold", "Complaints.Error.HoldInvalid", "hold is true or false."));
            }
        }
        if (Text("receivedAt") is { } receivedAt)
        {
            input.ReceivedAt = IsoInstant.Parse(receivedAt, zone);
            if (input.ReceivedAt is null)
            {
                errors.Add(new ComplaintFieldError("receivedAt", "Complaints.Error.ReceivedAtInvalid",
                    "receivedAt is an ISO 8601 time, e.g. 2026-11-30T10:15:00+08:00."));
            }
        }
        return (input, errors);
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Outcomes;

/// <summary>
/// One complaint as the customer page lists it; the summary and the resolution note (which may quote the customer) are left
/// out for roles without personal data.
/// </summary>
public sealed record ComplaintRow(long Id, ComplaintSource Source, ComplaintCategory Category, ComplaintSeverity Severity,
    ComplaintStatus Status, string? Summary, bool HoldsCustomer, long? MessageId, long? ReplyId, DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt, string? ClosedBy, string? StartedBy, string? ResolutionNote = null);

/// <summary>The complaints page's filters; a period is [From, To) on the time the complaint was opened.</summary>
public sealed record ComplaintQuery
{
    public ComplaintStatus? Status { get; init; }
    public ComplaintCategory? Category { get; init; }
    public ComplaintSeverity? Severity { get; init; }
    public ComplaintSource? Source { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? AccountRef { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

/// <summary>
/// One complaint in the list. For roles without personal data the customer's name and account reference are masked and the
/// summary (which quotes the customer), the resolution note and the linked message's text are left out. <see cref="RunId"/>
/// is the run of the linked message; <see cref="MessageSentAt"/> and <see cref="CampaignName"/> name that message for a reader.
/// </summary>
public sealed record ComplaintListRow(long Id, DateTimeOffset OpenedAt, DateTimeOffset ReceivedAt, ComplaintSource Source,
    ComplaintCategory Category, ComplaintSeverity Severity, ComplaintStatus Status, string? Summary, bool HoldsCustomer,
    long? CustomerId, string? CustomerName, string? AccountRef, long? MessageId, long? RunId, string? ComplaintRef,
    string OpenedBy, string? StartedBy, string? ClosedBy, DateTimeOffset? ClosedAt, string? ResolutionNote = null,
    DateTimeOffset? MessageSentAt = null, string? CampaignName = null, string? MessageText = null);

public sealed record ComplaintPage(IReadOnlyList<ComplaintListRow> Items, int Total);

/// <summary>A complaint of the request recorded now, by its index.</summary>
public sealed record RecordedComplaint(int Index, long ComplaintId);

/// <summary>A complaint whose <c>complaintRef</c> was recorded before (in an earlier call or earlier in this one): nothing changed.</summary>
public sealed record RepeatedComplaint(int Index, string ComplaintRef, long ComplaintId);

public sealed record RefusedComplaint(int Index, string? AccountRef, IReadOnlyList<ComplaintFieldError> Errors);

public sealed record ComplaintReceipt(IReadOnlyList<RecordedComplaint> Recorded, IReadOnlyList<RepeatedComplaint> AlreadyRecorded,
    IReadOnlyList<RefusedComplaint> Refused);

/// <summary>
/// Complaints about the portal's messages (DESIGN §2.13): recorded by hand, by upload and by API,
/// worked on and closed. Closing one lifts the customer's complaint hold once no other open complaint
/// holds them.
/// </summary>
public sealed class ComplaintDesk(PortalDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<ComplaintRow>> ForCustomerAsync(long customerId, bool seesPersonalData,
        CancellationToken cancellationToken = default)
    {
        var rows = await db.Complaints.AsNoTracking().Where(c => c.CustomerId == customerId)
            .OrderByDescending(c => c.OpenedAt)
            .Select(c => new ComplaintRow(c.Id, c.Source, c.Category, c.Severity, c.Status, c.Summary, c.HoldsCustomer, c.MessageId,
                c.ReplyId, c.OpenedAt, c.ClosedAt, c.ClosedBy, c.StartedBy, c.ResolutionNote))
            .ToListAsync(cancellationToken);
        return seesPersonalData ? rows : rows.Select(r => r with { Summary = null, ResolutionNote = null }).ToList();
    }

    public async Task<ComplaintPage> FindAsync(ComplaintQuery query, bool seesPersonalData, CancellationToken cancellationToken = default)
    {
        var complaints = db.Complaints.AsNoTracking();
        if (query.Status is { } status)
        {
            complaints = complaints.Where(c => c.Status == status);
        }
        if (query.Category is { } category)
        {
            complaints = complaints.Where(c => c.Category == category);
        }
        if (query.Severity is { } severity)
        {
            complaints = complaints.Where(c => c.Severity == severity);
        }
        if (query.Source is { } source)
        {
            complaints = complaints.Where(c => c.Source == source);
        }
        if (query.From is { } from)
        {
            complaints = complaints.Where(c => c.OpenedAt >= from);
        }
        if (query.To is { } to)
        {
            complaints = complaints.Where(c => c.OpenedAt < to);
        }
        if (!string.IsNullOrWhiteSpace(query.AccountRef))
        {
            var accountRef = query.AccountRef.Trim();
            var customerIds = db.Customers.Where(c => c.AccountRef == accountRef).Select(c => c.Id);
            complaints = complaints.Where(c => c.CustomerId != null && customerIds.Contains(c.CustomerId.Value));
        }
        var total = await complaints.CountAsync(cancellationToken);
        var page = await complaints
            .OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id)
            .Skip(Math.Max(0, query.Page) * query.PageSize).Take(query.PageSize)
            .Select(c => new
            {
                Complaint = c,
                Customer = db.Customers.Where(x => x.Id == c.CustomerId).Select(x => new { x.Name, x.AccountRef }).FirstOrDefault(),
                Message = db.OutboxMessages.Where(m => m.Id == c.MessageId)
                    .Select(m => new
                    {
                        m.RunId, m.SentAt, m.DueAt, m.Body,
                        CampaignName = db.Campaigns.Where(k => k.Id == m.CampaignId).Select(k => k.Name).FirstOrDefault(),
                    })
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var rows = page.Select(p => new ComplaintListRow(p.Complaint.Id, p.Complaint.OpenedAt, p.Complaint.ReceivedAt, p.Complaint.Source,
                p.Complaint.Category, p.Complaint.Severity, p.Complaint.Status, seesPersonalData ? p.Complaint.Summary : null,
                p.Complaint.HoldsCustomer, p.Complaint.CustomerId,
                p.Customer is null ? null : seesPersonalData ? p.Customer.Name : PersonalDataMask.Name(p.Customer.Name),
                p.Customer is null ? null : seesPersonalData ? p.Customer.AccountRef : PersonalDataMask.AccountRef(p.Customer.AccountRef), p.Complaint.MessageId, p.Message?.RunId, p.Complaint.ComplaintRef, p.Complaint.OpenedBy,
                p.Complaint.StartedBy, p.Complaint.ClosedBy, p.Complaint.ClosedAt,
                seesPersonalData ? p.Complaint.ResolutionNote : null,
                // A message never sent (a complaint recorded against a planned one) is named by when it was due.
                p.Message?.SentAt ?? p.Message?.DueAt, p.Message?.CampaignName,
                seesPersonalData ? p.Message?.Body : null))
            .ToList();
        return new ComplaintPage(rows, total);
    }

    /// <summary>One complaint recorded by hand (the hotline, a regulator's referral); see <see cref="RecordAsync(IReadOnlyList{ComplaintInput}, string, Func{int, IReadOnlyList{ComplaintFieldError}}?, CancellationToken)"/>.</summary>
    public Task<ComplaintReceipt> RecordAsync(ComplaintInput input, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.HandleComplaints);
        return RecordAsync([input], by.Name, null, cancellationToken);
    }

    /// <summary>
    /// Records complaints, each for the customer its account reference names. The message it names
    /// must be one sent to that customer; when it names none, the last message sent to the customer
    /// is linked (the one a complaint is most likely about), or none if nothing was ever sent. A
    /// complaint that holds the customer (as asked, else <see cref="Complaint.HoldsByDefault"/>)
    /// places the complaint hold at once. A <c>complaintRef</c> recorded before, in an earlier call or
    /// earlier in this one, changes nothing and is reported as already recorded. The request is one
    /// transaction; a bad complaint is refused with its reasons and the others are still recorded.
    /// </summary>
    /// <param name="readErrors">
    /// Per index, the fields the caller could not read; they are reported instead of "required". An error
    /// with an empty field means the record could not be read at all.
    /// </param>
    public async Task<ComplaintReceipt> RecordAsync(IReadOnlyList<ComplaintInput> inputs, string actor,
        Func<int, IReadOnlyList<ComplaintFieldError>>? readErrors = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await RecordOnceAsync(inputs, actor, readErrors, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request recorded one of these complaint refs in the meantime: read again, it is now known.
            db.ChangeTracker.Clear();
            return await RecordOnceAsync(inputs, actor, readErrors, cancellationToken);
        }
    }

    private async Task<ComplaintReceipt> RecordOnceAsync(IReadOnlyList<ComplaintInput> inputs, string actor,
        Func<int, IReadOnlyList<ComplaintFieldError>>? readErrors, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var validator = new ComplaintInputValidator(now);
        var refused = new List<RefusedComplaint>();
        var valid = new List<(int Index, ComplaintInput Input)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            // A field that could not be read is reported as such, not again as "required"; a record that could not be read at all
            // (an error without a field) only as that.
            var unread = readErrors?.Invoke(i) ?? [];
            var errors = unread.Any(u => u.Field.Length == 0)
                ? unread.ToList()
                : unread.Concat(validator.Validate(inputs[i]).Errors
                        .Select(e => new ComplaintFieldError(CamelCase(e.PropertyName), e.ErrorCode, e.ErrorMessage))
                        .Where(e => unread.All(u => u.Field != e.Field)))
                    .ToList();
            if (errors.Count > 0)
            {
                refused.Add(new RefusedComplaint(i, Blank(inputs[i].AccountRef), errors));
            }
            else
            {
                valid.Add((i, inputs[i]));
            }
        }

        var refs = valid.Select(v => Blank(v.Input.ComplaintRef)).OfType<string>().Distinct().ToList();
        var known = await db.Complaints.AsNoTracking().Where(c => c.ComplaintRef != null && refs.Contains(c.ComplaintRef))
            .ToDictionaryAsync(c => c.ComplaintRef!, c => c.Id, cancellationToken);
        var accountRefs = valid.Select(v => v.Input.AccountRef!.Trim()).Distinct().ToList();
        var customers = await db.Customers.Where(c => accountRefs.Contains(c.AccountRef)).ToDictionaryAsync(c => c.AccountRef, cancellationToken);
        var named = valid.Select(v => v.Input.MessageId).OfType<long>().Distinct().ToList();
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => named.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.CustomerId, cancellationToken);

        var fresh = new List<(int Index, Complaint Complaint, Customer Customer)>();
        var repeated = new List<(int Index, string ComplaintRef)>();
        var taken = new Dictionary<string, Complaint>(StringComparer.Ordinal);
        var lastSent = new Dictionary<long, long?>();
        foreach (var (index, input) in valid)
        {
            var accountRef = input.AccountRef!.Trim();
            var complaintRef = Blank(input.ComplaintRef);
            if (complaintRef is not null && (known.ContainsKey(complaintRef) || taken.ContainsKey(complaintRef)))
            {
                repeated.Add((index, complaintRef));
                continue;
            }
            if (customers.GetValueOrDefault(accountRef) is not { } customer)
            {
                refused.Add(new RefusedComplaint(index, accountRef,
                    [new("accountRef", "Complaints.Error.UnknownAccount", $"No customer has accountRef {accountRef}.")]));
                continue;
            }
            if (input.MessageId is { } messageId && MessageError(messageId, customer, messages) is { } messageError)
            {
                refused.Add(new RefusedComplaint(index, accountRef, [messageError]));
                continue;
            }
            if (!lastSent.TryGetValue(customer.Id, out var last) && input.MessageId is null)
            {
                last = lastSent[customer.Id] = await LastSentAsync(customer.Id, cancellationToken);
            }
            var complaint = Complaint.Record(customer.Id, input.MessageId ?? last, input.Source, input.Category!.Value, input.Severity!.Value,
                input.Summary!, input.HoldsCustomer, actor, now, complaintRef, input.ReceivedAt);
            fresh.Add((index, complaint, customer));
            if (complaintRef is not null)
            {
                taken[complaintRef] = complaint;
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (_, complaint, customer) in fresh)
        {
            db.Complaints.Add(complaint);
            if (complaint.HoldsCustomer && customer.Hold == CustomerHold.None)
            {
                customer.PlaceOnHold(CustomerHold.Complaint, now);
                audit.Add(actor, AuditNames.Customer, customer.AccountRef, AuditNames.HoldPlaced,
                    before: new { hold = CustomerHold.None.ToString() }, after: new { hold = CustomerHold.Complaint.ToString() });
            }
        }
        // The complaints' ids go into their audit entries.
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (_, complaint, customer) in fresh)
        {
            audit.Add(actor, AuditNames.Complaint, Id(complaint.Id), AuditNames.Opened, after: new
            {
                customer.AccountRef, source = complaint.Source.ToString(), category = complaint.Category.ToString(),
                severity = complaint.Severity.ToString(), complaint.MessageId, complaint.HoldsCustomer, complaint.ComplaintRef,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var again = repeated.Select(r => new RepeatedComplaint(r.Index, r.ComplaintRef,
            known.TryGetValue(r.ComplaintRef, out var id) ? id : taken[r.ComplaintRef].Id)).ToList();
        return new ComplaintReceipt(fresh.Select(f => new RecordedComplaint(f.Index, f.Complaint.Id)).ToList(), again,
            refused.OrderBy(r => r.Index).ToList());
    }

    /// <summary>Someone takes the complaint up: Open → InProgress, audited.</summary>
    public async Task StartWorkAsync(long complaintId, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.HandleComplaints);
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == complaintId, cancellationToken)
            ?? throw new ComplaintException(ComplaintError.NotFound, complaintId);
        complaint.StartWork(by.Name, clock.GetUtcNow());
        audit.Add(by.Name, AuditNames.Complaint, Id(complaintId), AuditNames.WorkStarted);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Closes the complaint with what was done about it (required, see <see cref="ComplaintClosingValidator"/>), audited with the
    /// note; the customer's complaint hold is lifted once no other open complaint holds them.
    /// </summary>
    /// <exception cref="ArgumentException">The resolution note is blank or too long; nothing changed.</exception>
    /// <exception cref="ComplaintException">The complaint does not exist or is closed already.</exception>
    public async Task CloseAsync(long complaintId, string? resolutionNote, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.HandleComplaints);
        if (!new ComplaintClosingValidator().Validate(new ComplaintClosing { ResolutionNote = resolutionNote }).IsValid)
        {
            throw new ArgumentException("A complaint closes with a resolution note of at most " +
                                        $"{Complaint.MaxResolutionNoteLength} characters.", nameof(resolutionNote));
        }
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == complaintId, cancellationToken)
            ?? throw new ComplaintException(ComplaintError.NotFound, complaintId);
        var now = clock.GetUtcNow();
        complaint.Close(by.Name, resolutionNote!, now);
        if (complaint.CustomerId is { } customerId && complaint.HoldsCustomer
            && !await db.Complaints.AnyAsync(c => c.CustomerId == customerId && c.Id != complaintId && c.HoldsCustomer
                                                  && c.Status != ComplaintStatus.Closed, cancellationToken))
        {
            var customer = await db.Customers.FirstAsync(c => c.Id == customerId, cancellationToken);
            if (customer.Hold == CustomerHold.Complaint)
            {
                customer.ReleaseHold();
                audit.Add(by.Name, AuditNames.Customer, customer.AccountRef, AuditNames.HoldReleased,
                    before: new { hold = CustomerHold.Complaint.ToString() }, after: new { hold = CustomerHold.None.ToString(), complaintId });
            }
        }
        audit.Add(by.Name, AuditNames.Complaint, Id(complaintId), AuditNames.Closed, after: new { complaint.ResolutionNote });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static ComplaintFieldError? MessageError(long messageId, Customer customer, Dictionary<long, long> messages) =>
        !messages.TryGetValue(messageId, out var owner)
            ? new("messageId", "Complaints.Error.UnknownMessage", $"No message has messageId {messageId}.")
            : owner != customer.Id
                ? new("messageId", "Complaints.Error.MessageOfAnotherCustomer", $"Message {messageId} was not sent to accountRef {customer.AccountRef}.")
                : null;

    private Task<long?> LastSentAsync(long customerId, CancellationToken cancellationToken) =>
        db.OutboxMessages.AsNoTracking()
            .Where(m => m.CustomerId == customerId && m.SentAt != null)
            .OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id)
            .Select(m => (long?)m.Id)
            .FirstOrDefaultAsync(cancellationToken);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string CamelCase(string property) =>
        property.Length == 0 ? property : char.ToLowerInvariant(property[0]) + property[1..];
}

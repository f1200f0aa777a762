using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Api;

/// <summary>
/// <c>POST /api/v1/repayments</c>: the lender's payments, idempotent on <c>paymentId</c>. Answers like
/// the customers API (<c>accepted</c>, <c>rejected</c> with index and errors) and lists the payments it
/// had already recorded, which the call left unchanged.
/// </summary>
public static class RepaymentsApi
{
    public const int MaxRepaymentsPerRequest = 10_000;

    public static IEndpointRouteBuilder MapRepaymentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/repayments")
            .WithTags("Repayments")
            .RequireAuthorization(PortalPolicies.ApiClient)
            .MapPost("/", RecordAsync)
            .WithName("RecordRepayments")
            .WithSummary("Record repayments, idempotent on paymentId")
            .WithDescription("Takes a JSON array of {paymentId, accountRef, amount, paidAt}. A paymentId recorded before changes " +
                             "nothing and is listed under alreadyRecorded. paidAt without an offset is read in the business time zone.")
            .Accepts<RepaymentPayload[]>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .DisableAntiforgery();
        return app;
    }

    public static async Task<Results<Ok<RepaymentsResponse>, ProblemHttpResult>> RecordAsync(HttpRequest request, RepaymentIntake intake,
        BusinessClock businessClock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonArrayBody.ReadAsync(request, "repayment", "repayments", MaxRepaymentsPerRequest, cancellationToken);
        if (body is not { } document)
        {
            return problem!;
        }
        using (document)
        {
            var shapeErrors = new Dictionary<int, List<string>>();
            var records = new List<RepaymentRecord>();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var (record, errors) = Read(element, businessClock.Zone);
                if (errors.Count > 0)
                {
                    shapeErrors[records.Count] = errors;
                }
                records.Add(record);
            }
            // A record whose fields could not be read is refused with those reasons, not with "required".
            var readable = records.Select((r, i) => shapeErrors.ContainsKey(i) ? r with { PaymentId = null } : r).ToList();
            var receipt = await intake.RecordAsync(readable, "api", request.HttpContext.User.Identity?.Name ?? "api", cancellationToken);
            var rejected = receipt.Refused
                .Select(r => new RejectedRepayment(r.Index, r.AccountRef, shapeErrors.GetValueOrDefault(r.Index) ?? r.Errors.Select(e => e.Message).ToList()))
                .ToList();
            return TypedResults.Ok(new RepaymentsResponse(receipt.Recorded.Count,
                receipt.AlreadyRecorded.Select(a => new AlreadyRecordedRepayment(a.Index, a.PaymentId)).ToList(), rejected));
        }
    }

    private static (RepaymentRecord Record, List<string> Errors) Read(JsonElement element, TimeZoneInfo businessZone)
    {
        var errors = new List<string>();
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (new RepaymentRecord(null, null, null, null), ["Each repayment must be a JSON object."]);
        }
        string? Text(string name) => element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Null => null,
            _ => Wrong(name, "a string"),
        } : null;
        string? Wrong(string name, string expected)
        {
            errors.Add($"{name} must be {expected}.");
            return null;
        }
        var amountText = Text("amount");
        decimal? amount = null;
        if (amountText is not null)
        {
            amount = RepaymentRecord.ParseAmount(amountText);
            if (amount is null)
            {
                Wrong("amount", "a number, e.g. 1234.50");
            }
        }
        var paidAtText = Text("paidAt");
        var paidAt = paidAtText is null ? null : RepaymentRecord.ParsePaidAt(paidAtText, businessZone);
        if (paidAtText is not null && paidAt is null)
        {
            Wrong("paidAt", "an ISO 8601 time, e.g. 2026-11-30T10:15:00+08:00");
        }
        return (new RepaymentRecord(Text("paymentId"), Text("accountRef"), amount, paidAt), errors);
    }

}

/// <summary>How many repayments were recorded now, which were recorded before (unchanged), and why the others were refused.</summary>
public sealed record RepaymentsResponse(int Accepted, IReadOnlyList<AlreadyRecordedRepayment> AlreadyRecorded,
    IReadOnlyList<RejectedRepayment> Rejected);

public sealed record AlreadyRecordedRepayment(int Index, string PaymentId);

public sealed record RejectedRepayment(int Index, string? AccountRef, IReadOnlyList<string> Errors);

/// <summary>A repayment as the API takes it (for the OpenAPI document; the endpoint reads the JSON itself).</summary>
public sealed record RepaymentPayload(string PaymentId, string AccountRef, decimal Amount, string PaidAt);

using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Api;

/// <summary>
/// <c>POST /api/v1/complaints</c>: complaints the lender's systems took (hotline, regulator), idempotent
/// on the lender's <c>complaintRef</c>. Answers like the repayments API: <c>accepted</c>, the complaints
/// it had already recorded (unchanged), and <c>rejected</c> with index and reasons.
/// </summary>
public static class ComplaintsApi
{
    public const int MaxComplaintsPerRequest = 1_000;

    public static IEndpointRouteBuilder MapComplaintsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/complaints")
            .WithTags("Complaints")
            .RequireAuthorization(PortalPolicies.ApiClient)
            .MapPost("/", RecordAsync)
            .WithName("RecordComplaints")
            .WithSummary("Record complaints, idempotent on complaintRef")
            .WithDescription("Takes a JSON array of {complaintRef, accountRef, category, severity, summary, messageId, source, hold, " +
                             "receivedAt}. category: frequency|tone|wrong_person|privacy|other; severity: low|medium|high; source: " +
                             "hotline|regulator|upload|api (default api). Without messageId the last message sent to the customer is " +
                             "linked. Without hold, high severity and regulator complaints hold the customer. A complaintRef recorded " +
                             "before changes nothing and is listed under alreadyRecorded.")
            .Accepts<ComplaintPayload[]>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .DisableAntiforgery();
        return app;
    }

    public static async Task<Results<Ok<ComplaintsResponse>, ProblemHttpResult>> RecordAsync(HttpRequest request, ComplaintDesk desk,
        BusinessClock businessClock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonArrayBody.ReadAsync(request, "complaint", "complaints", MaxComplaintsPerRequest, cancellationToken);
        if (body is not { } document)
        {
            return problem!;
        }
        using (document)
        {
            var inputs = new List<ComplaintInput>();
            var readErrors = new List<IReadOnlyList<ComplaintFieldError>>();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var (input, errors) = Read(element, businessClock.Zone);
                inputs.Add(input);
                readErrors.Add(errors);
            }
            var receipt = await desk.RecordAsync(inputs, request.HttpContext.User.Identity?.Name ?? "api", i => readErrors[i],
                cancellationToken);
            return TypedResults.Ok(new ComplaintsResponse(receipt.Recorded.Count,
                receipt.AlreadyRecorded.Select(a => new AlreadyRecordedComplaint(a.Index, a.ComplaintRef, a.ComplaintId)).ToList(),
                receipt.Refused.Select(r => new RejectedComplaint(r.Index, r.AccountRef, r.Errors.Select(e => e.Message).ToList())).ToList()));
        }
    }

    private static (ComplaintInput Input, IReadOnlyList<ComplaintFieldError> Errors) Read(JsonElement element, TimeZoneInfo zone)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (new ComplaintInput { Source = ComplaintSource.Api },
                [new ComplaintFieldError("", "Complaints.Error.NotAnObject", "Each complaint must be a JSON object.")]);
        }
        var shapeErrors = new List<ComplaintFieldError>();
        string? Field(string name)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                return null;
            }
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    return value.GetString();
                case JsonValueKind.Number:
                case JsonValueKind.True:
                case JsonValueKind.False:
                    return value.GetRawText();
                case JsonValueKind.Null:
                    return null;
                default:
                    shapeErrors.Add(new ComplaintFieldError(name, "Complaints.Error.NotAValue", $"{name} must be a string, number or boolean."));
                    return null;
            }
        }
        var (input, errors) = ComplaintFields.Read(Field, ComplaintSource.Api, zone);
        return (input, [.. shapeErrors, .. errors]);
    }
}

/// <summary>How many complaints were recorded now, which were recorded before (unchanged), and why the others were refused.</summary>
public sealed record ComplaintsResponse(int Accepted, IReadOnlyList<AlreadyRecordedComplaint> AlreadyRecorded,
    IReadOnlyList<RejectedComplaint> Rejected);

public sealed record AlreadyRecordedComplaint(int Index, string ComplaintRef, long ComplaintId);

public sealed record RejectedComplaint(int Index, string? AccountRef, IReadOnlyList<string> Errors);

/// <summary>A complaint as the API takes it (for the OpenAPI document; the endpoint reads the JSON itself).</summary>
public sealed record ComplaintPayload(string? ComplaintRef, string AccountRef, string Category, string Severity, string Summary,
    long? MessageId, string? Source, bool? Hold, string? ReceivedAt);

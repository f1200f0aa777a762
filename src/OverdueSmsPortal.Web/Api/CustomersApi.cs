using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Api;

/// <summary>The customer endpoints of the lender-facing JSON API (<c>/api/v1/customers</c>).</summary>
public static class CustomersApi
{
    public const int MaxCustomersPerRequest = 10_000;
    private const int BatchSize = 500;
    private static readonly CustomerRecordValidator Validator = new();

    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/customers")
            .WithTags("Customers")
            .RequireAuthorization(PortalPolicies.ApiClient);

        api.MapPost("/", UpsertCustomersAsync)
            .WithName("UpsertCustomers")
            .WithSummary("Insert or update customers by accountRef")
            .WithDescription("Takes a JSON array of customers. Valid customers are upserted by accountRef; " +
                             "each invalid one is reported with its index and errors, and the others are still stored.")
            .Accepts<CustomerPayload[]>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .DisableAntiforgery();
        return app;
    }

    public static async Task<Results<Ok<CustomerUpsertResponse>, ProblemHttpResult>> UpsertCustomersAsync(
        HttpRequest request, CustomerUpsert upsert, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonArrayBody.ReadAsync(request, "customer", "customers", MaxCustomersPerRequest, cancellationToken);
        if (body is not { } document)
        {
            return problem!;
        }
        using (document)
        {
            var length = document.RootElement.GetArrayLength();
            var rejected = new List<RejectedCustomer>();
            var valid = new List<CustomerDetails>(length);
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var (record, shapeErrors) = CustomerJson.Read(element);
                var errors = shapeErrors.Values.ToList();
                if (record is not null)
                {
                    errors.AddRange(Validator.Validate(record).Errors
                        .Where(e => !shapeErrors.ContainsKey(e.PropertyName))
                        .Select(e => e.ErrorMessage));
                }
                if (record is not null && errors.Count == 0)
                {
                    valid.Add(record.ToDetails());
                }
                else
                {
                    rejected.Add(new RejectedCustomer(index, record?.AccountRef, errors));
                }
                index++;
            }

            // One transaction for the whole request and its audit entry: a failure in a later batch (the
            // database full, locked too long) leaves none of the earlier ones behind, so the caller can
            // simply send it again.
            await audit.TogetherAsync(async () =>
            {
                int inserted = 0, updated = 0;
                foreach (var batch in valid.Chunk(BatchSize))
                {
                    var result = await upsert.UpsertAsync(batch, cancellationToken);
                    inserted += result.Inserted;
                    updated += result.Updated;
                }
                await audit.RecordAsync(request.HttpContext.User.Identity?.Name ?? "api", AuditNames.CustomerImport, "api",
                    AuditNames.Imported, after: new { accepted = valid.Count, rejected = rejected.Count, inserted, updated },
                    cancellationToken: cancellationToken);
                return inserted + updated;
            }, cancellationToken: cancellationToken);
            return TypedResults.Ok(new CustomerUpsertResponse(valid.Count, rejected));
        }
    }
}

/// <summary>The answer to an upsert: how many customers were stored, and why the others were not.</summary>
public sealed record CustomerUpsertResponse(int Accepted, IReadOnlyList<RejectedCustomer> Rejected);

/// <summary>A customer that was not stored: its position in the request array and what was wrong.</summary>
public sealed record RejectedCustomer(int Index, string? AccountRef, IReadOnlyList<string> Errors);

/// <summary>A customer as the API takes it (for the OpenAPI document; the endpoint reads the JSON itself).</summary>
public sealed record CustomerPayload(
    string AccountRef,
    string Name,
    string Title,
    string Phone,
    string CustomerType,
    string Product,
    string Region,
    string? TimeZone,
    decimal AmountDue,
    decimal MinimumDue,
    string DueDate,
    decimal DailyPenaltyRate,
    int? PaydayOfMonth);

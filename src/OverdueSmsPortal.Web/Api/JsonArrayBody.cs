using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OverdueSmsPortal.Web.Api;

/// <summary>
/// The JSON array a lender's call posts (customers, repayments, complaints), or the 400 problem that
/// says why the body is none: malformed JSON, not an array, or more items than one call may carry.
/// </summary>
public static class JsonArrayBody
{
    /// <param name="item">What one item is, e.g. "customer"; <paramref name="items"/> is the plural.</param>
    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, string item, string items,
        int maxItems, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, BadRequest("The request body is not valid JSON.", $"Send a JSON array of {item} objects."));
        }
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            document.Dispose();
            return (null, BadRequest("The request body must be a JSON array.", $"Send a JSON array of {item} objects, even for one {item}."));
        }
        if (document.RootElement.GetArrayLength() > maxItems)
        {
            document.Dispose();
            return (null, BadRequest($"Too many {items} in one request.", $"Send at most {maxItems} {items} per request; split larger sets."));
        }
        return (document, null);
    }

    public static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);
}

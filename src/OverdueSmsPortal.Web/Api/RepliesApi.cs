using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Infrastructure.Replies;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Api;

/// <summary>
/// <c>POST /api/v1/replies/classify</c>: how the live reply rules read a text, so the lender's systems
/// (or a hotline agent's tool) read replies the way the portal does. Nothing is stored.
/// </summary>
public static class RepliesApi
{
    private static readonly ReplyTextValidator Validator = new();

    public static IEndpointRouteBuilder MapRepliesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/replies")
            .WithTags("Replies")
            .RequireAuthorization(PortalPolicies.ApiClient)
            .MapPost("/classify", ClassifyAsync)
            .WithName("ClassifyReply")
            .WithSummary("Classify a reply text by the live reply rules; nothing is stored")
            .WithDescription("Takes {\"text\": \"…\"} (at most 1000 characters) and answers {\"category\": " +
                             "opt_out|complaint|dispute|wrong_number|already_paid|promise_to_pay|question|other, \"optOut\": true|false}.")
            .Accepts<ClassifyReplyRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .DisableAntiforgery();
        return app;
    }

    public static async Task<Results<Ok<ClassifyReplyResponse>, ProblemHttpResult>> ClassifyAsync(HttpRequest request, ReplyRuleStore rules,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonArrayBody.ReadObjectAsync(request, "Send a JSON object such as {\"text\": \"明天还\"}.", cancellationToken);
        if (body is not { } document)
        {
            return problem!;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.TryGetProperty("text", out var property) && property.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return BadRequest("text must be a string.", "Give the reply's text as a JSON string.");
            }
            var input = new ReplyText(property.ValueKind == JsonValueKind.String ? property.GetString() : null);
            var validation = Validator.Validate(input);
            if (!validation.IsValid)
            {
                var error = validation.Errors[0];
                return BadRequest(error.ErrorMessage, error.ErrorCode == "Replies.Error.TextTooLong"
                    ? "Send at most 1000 characters, as a customer's reply is stored."
                    : "Send a JSON object such as {\"text\": \"明天还\"}.");
            }
            var result = (await rules.ClassifierAsync(cancellationToken)).Classify(input.Text);
            return TypedResults.Ok(new ClassifyReplyResponse(result.Category.Code(), result.OptOut));
        }
    }

    private static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);
}

/// <summary>The reply text to classify (for the OpenAPI document; the endpoint reads the JSON itself).</summary>
public sealed record ClassifyReplyRequest(string Text);

/// <summary>The category code the rules give the text, and whether it asks to opt out (even when it is also a complaint).</summary>
public sealed record ClassifyReplyResponse(string Category, bool OptOut);

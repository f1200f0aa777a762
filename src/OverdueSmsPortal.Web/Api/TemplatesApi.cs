using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Templates.Lint;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Templates;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Api;

/// <summary>
/// <c>POST /api/v1/templates/render</c>: renders a text for one customer and lints it, exactly as
/// the studio's preview does, so the lender's systems can check a text before it is proposed.
/// </summary>
public static class TemplatesApi
{
    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/templates")
            .WithTags("Templates")
            .RequireAuthorization(PortalPolicies.ApiClient)
            .MapPost("/render", RenderAsync)
            .WithName("RenderTemplate")
            .WithSummary("Render a template for one customer, with its SMS size and lint findings")
            .WithDescription("A Liquid error in the body is reported as a finding with its place in the body, not as an error status. "
                             + "A body that passes a render limit (output over 2,000 characters, a text or list it builds growing past "
                             + "its limit, too many steps, over 1 s) is refused with 400.")
            .Accepts<RenderRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .DisableAntiforgery();
        return app;
    }

    public static async Task<Results<Ok<RenderResponse>, ProblemHttpResult>> RenderAsync(
        HttpRequest request, SegmentCatalog segments, BusinessClock businessClock, TemplateInspector inspector,
        LintVocabularyStore vocabularies, IOptions<LenderOptions> lender, CancellationToken cancellationToken)
    {
        var (json, problem) = await JsonArrayBody.ReadObjectAsync(request, "Send a JSON object with body, stage, tone and customer.", cancellationToken);
        if (json is not { } document)
        {
            return problem!;
        }
        using (document)
        {
            var root = document.RootElement;
            if (!TryString(root, "body", out var body) || body is null)
            {
                return BadRequest("body is missing.", "Give the template text as a string in body.");
            }
            if (body.Length > TemplateBodyRules.MaxLength)
            {
                return BadRequest("body is too long.", $"A template text has at most {TemplateBodyRules.MaxLength} characters.");
            }
            var ladder = await segments.LadderAsync(cancellationToken);
            TryString(root, "stage", out var stageKey);
            var stage = ladder.FirstOrDefault(s => s.Key == stageKey);
            if (stage is null)
            {
                return BadRequest("stage is missing or unknown.", $"Use one of: {string.Join(", ", ladder.Select(s => s.Key))}.");
            }
            TryString(root, "tone", out var toneCode);
            if (!Tones.TryParse(toneCode, out var tone))
            {
                return BadRequest("tone is missing or unknown.", $"Use one of: {string.Join(", ", Tones.All.Select(t => t.Code()))}.");
            }
            var (customer, errors) = ReadCustomer(root, businessClock.Today());
            if (errors.Count > 0)
            {
                return BadRequest("customer has invalid fields.", string.Join(" ", errors));
            }

            var vocabulary = await vocabularies.LoadAsync(cancellationToken);
            var subject = new PreviewSubject(PreviewCase.Member, "", customer);
            var inspection = inspector.Inspect(body, tone, new TemplateStage(stage.Key, stage.FromDaysOverdue, stage.ToDaysOverdue),
                [subject], lender.Value.Profile(), vocabulary, lender.Value.Culture());
            var message = inspection.Messages[0];
            if (message.Error is { IsOverLimit: true } limit)
            {
                return BadRequest("The template is too complex or its output too long.",
                    $"{limit.Message} Use fewer loops, filters and repetitions; a message has at most {RenderLimits.MaxOutputLength} characters.");
            }
            return TypedResults.Ok(new RenderResponse(
                message.Text ?? "",
                message.Size.Characters,
                message.Size.Parts,
                message.Size.Encoding == SmsEncoding.Gsm7 ? "GSM7" : "UCS2",
                inspection.Findings.Select(f => new RenderFinding(
                    f.Rule,
                    f.Severity == LintSeverity.Error ? "error" : "warning",
                    LintRules.EnglishMessage(f),
                    [f.Start, f.End])).ToList(),
                message.MissingValues));
        }
    }

    /// <summary>
    /// Reads the optional customer the way the customers API names its fields. Absent fields are
    /// missing values (they render empty and are listed); present but unreadable ones are errors.
    /// </summary>
    private static (TemplateCustomer Customer, List<string> Errors) ReadCustomer(JsonElement root, DateOnly today)
    {
        var errors = new List<string>();
        var empty = new TemplateCustomer(null, null, null, null, null, null, null);
        if (!root.TryGetProperty("customer", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return (empty, errors);
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("customer must be a JSON object.");
            return (empty, errors);
        }
        var (record, shapeErrors) = CustomerJson.Read(element);
        errors.AddRange(shapeErrors.Values);
        if (record is null)
        {
            return (empty, errors);
        }
        CustomerTitle? title = null;
        if (!string.IsNullOrWhiteSpace(record.Title))
        {
            if (CustomerCodes.TryParseTitle(record.Title, out var parsed))
            {
                title = parsed;
            }
            else
            {
                errors.Add("title must be mr, ms, 先生 or 女士.");
            }
        }
        DateOnly? dueDate = null;
        if (!string.IsNullOrWhiteSpace(record.DueDate))
        {
            if (DateOnly.TryParseExact(record.DueDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                dueDate = parsed;
            }
            else
            {
                errors.Add("dueDate must be a date as yyyy-MM-dd.");
            }
        }
        var customer = new TemplateCustomer(
            string.IsNullOrWhiteSpace(record.Name) ? null : record.Name.Trim(),
            title,
            Amount(record.AmountDue, "amountDue", errors),
            Amount(record.MinimumDue, "minimumDue", errors),
            dueDate,
            dueDate is { } due ? CollectionStages.DaysOverdue(due, today) : null,
            Amount(record.DailyPenaltyRate, "dailyPenaltyRate", errors));
        return (customer, errors);
    }

    private static decimal? Amount(string? value, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (decimal.TryParse(value.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            return amount;
        }
        errors.Add($"{field} must be a non-negative number.");
        return null;
    }

    private static bool TryString(JsonElement root, string name, out string? value)
    {
        value = null;
        if (root.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String)
        {
            value = property.GetString();
            return true;
        }
        return false;
    }

    private static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);
}

/// <summary>The render request (for the OpenAPI document; the endpoint reads the JSON itself).</summary>
public sealed record RenderRequest(string Body, string Stage, string Tone, CustomerPayload? Customer);

/// <summary>The rendered text, its SMS size and the lint findings, with spans into the body.</summary>
public sealed record RenderResponse(
    string Text,
    int Characters,
    int Parts,
    string Encoding,
    IReadOnlyList<RenderFinding> Findings,
    IReadOnlyList<string> MissingValues);

public sealed record RenderFinding(
    string Rule,
    string Severity,
    string Message,
    [property: JsonPropertyName("span")] int[] Span);

using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Settings;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Api;

/// <summary>
/// <c>POST /api/v1/policy/timeline</c>: the messages one customer would get under the current send policy
/// from a campaign firing daily at 19:00 business time over the given stages, with no reply and no
/// payment, and the day they would go on the phone follow-up list. The same rules as real sends
/// (<see cref="ContactTimeline"/>).
/// </summary>
public static class PolicyApi
{
    public static IEndpointRouteBuilder MapPolicyApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/policy")
            .WithTags("Policy")
            .RequireAuthorization(PortalPolicies.ApiClient)
            .MapPost("/timeline", TimelineAsync)
            .WithName("PolicyTimeline")
            .WithSummary("Simulate one customer's messages under the current send policy")
            .WithDescription("Takes {dueDate, start, days, stages}: dates as yyyy-MM-dd, days 1 to " +
                             $"{TimelineScenario.MaxDays}, stages as stage keys. A campaign fires daily at 19:00 business time over those " +
                             "stages; the customer never replies and never pays. Answers {messages: [{date, stage}], escalatedOn} " +
                             "(escalatedOn null when never).")
            .Accepts<TimelineRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();
        return app;
    }

    public static async Task<Results<Ok<TimelineResponse>, ProblemHttpResult>> TimelineAsync(HttpRequest request, PolicyTimelines timelines,
        CancellationToken cancellationToken)
    {
        const string Shape = "Send a JSON object: {\"dueDate\": \"2026-12-10\", \"start\": \"2026-12-01\", \"days\": 60, \"stages\": [\"overdue_1_3\", …]}.";
        var (body, problem) = await JsonArrayBody.ReadObjectAsync(request, Shape, cancellationToken);
        if (body is not { } document)
        {
            return problem!;
        }
        using (document)
        {
            var ladder = await timelines.LadderAsync(cancellationToken);
            var input = TimelineRequest.Read(document.RootElement) with { KnownStages = ladder.Select(s => s.Key).ToList() };
            var validation = Validator.Validate(input);
            if (!validation.IsValid)
            {
                return JsonArrayBody.BadRequest("The timeline request has invalid fields.",
                    string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct()));
            }
            var scenario = new TimelineScenario(Date(input.DueDate)!.Value, Date(input.Start)!.Value, input.Days!.Value,
                input.Stages!.OfType<string>().Distinct(StringComparer.Ordinal).ToList());
            var result = await timelines.SimulateAsync(scenario, cancellationToken: cancellationToken);
            return TypedResults.Ok(new TimelineResponse(
                result.Messages.Select(d => new TimelineMessage(Text(d.Date), d.Stage!)).ToList(),
                result.EscalatedOn is { } on ? Text(on) : null));
        }
    }

    private static readonly TimelineRequestValidator Validator = new();

    internal static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The timeline request as it came: every field may be missing or of the wrong kind until validated.</summary>
    /// <param name="ShapeErrors">What could not be read at all (a number where a date belongs…).</param>
    /// <param name="KnownStages">The ladder's stage keys, which <see cref="Stages"/> must come from.</param>
    public sealed record TimelineRequest(string? DueDate, string? Start, int? Days, IReadOnlyList<string?>? Stages, IReadOnlyList<string> ShapeErrors)
    {
        public IReadOnlyCollection<string> KnownStages { get; init; } = [];

        public const int MaxStages = 50;

        internal static TimelineRequest Read(JsonElement root)
        {
            var shape = new List<string>();
            string? Text(string name)
            {
                if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    return null;
                }
                if (value.ValueKind != JsonValueKind.String)
                {
                    shape.Add($"{name} must be a date written as a string, yyyy-MM-dd.");
                    return null;
                }
                return value.GetString();
            }
            int? days = null;
            if (root.TryGetProperty("days", out var daysValue) && daysValue.ValueKind != JsonValueKind.Null)
            {
                if (daysValue.ValueKind == JsonValueKind.Number && daysValue.TryGetInt32(out var whole))
                {
                    days = whole;
                }
                else
                {
                    shape.Add($"days must be a whole number from 1 to {TimelineScenario.MaxDays}.");
                }
            }
            List<string?>? stages = null;
            if (root.TryGetProperty("stages", out var stagesValue) && stagesValue.ValueKind != JsonValueKind.Null)
            {
                if (stagesValue.ValueKind != JsonValueKind.Array || stagesValue.GetArrayLength() > MaxStages)
                {
                    shape.Add($"stages must be an array of at most {MaxStages} stage keys.");
                }
                else
                {
                    stages = stagesValue.EnumerateArray().Select(s => s.ValueKind == JsonValueKind.String ? s.GetString() : null).ToList();
                }
            }
            return new TimelineRequest(Text("dueDate"), Text("start"), days, stages, shape);
        }
    }

    /// <summary>The dates are real days, the period is bounded, and every stage is one of the ladder's keys.</summary>
    public sealed class TimelineRequestValidator : AbstractValidator<TimelineRequest>
    {
        private static readonly DateOnly Earliest = new(1970, 1, 1);
        private static readonly DateOnly Latest = new(2199, 12, 31);

        public TimelineRequestValidator()
        {
            RuleFor(r => r.ShapeErrors).Must(errors => errors.Count == 0)
                .WithMessage(r => string.Join(" ", r.ShapeErrors));
            RuleFor(r => r.DueDate).Must(d => Date(d) is not null)
                .When(r => r.ShapeErrors.Count == 0).WithMessage("dueDate is required, written yyyy-MM-dd (e.g. 2026-12-10).");
            RuleFor(r => r.Start).Must(d => Date(d) is not null)
                .When(r => r.ShapeErrors.Count == 0).WithMessage("start is required, written yyyy-MM-dd (e.g. 2026-12-01).");
            RuleFor(r => r.Days).NotNull().InclusiveBetween(1, TimelineScenario.MaxDays)
                .When(r => r.ShapeErrors.Count == 0).WithMessage($"days is required: a whole number from 1 to {TimelineScenario.MaxDays}.");
            RuleFor(r => r).Must(r => Math.Abs(Date(r.DueDate)!.Value.DayNumber - Date(r.Start)!.Value.DayNumber) <= TimelineScenario.MaxDaysFromStart)
                .When(r => Date(r.DueDate) is not null && Date(r.Start) is not null)
                .WithMessage($"dueDate must lie within {TimelineScenario.MaxDaysFromStart} days of start.");
            RuleFor(r => r).Must(r => Date(r.Start) >= Earliest && Date(r.Start) <= Latest && Date(r.DueDate) >= Earliest && Date(r.DueDate) <= Latest)
                .When(r => Date(r.Start) is not null && Date(r.DueDate) is not null)
                .WithMessage($"start and dueDate must lie between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.");
            RuleFor(r => r.Stages).NotEmpty()
                .When(r => r.ShapeErrors.Count == 0).WithMessage("stages is required: at least one stage key.");
            RuleForEach(r => r.Stages).Must((r, key) => key is not null && r.KnownStages.Contains(key))
                .When(r => r.ShapeErrors.Count == 0)
                .WithMessage((r, key) => $"stage \"{Truncate(key)}\" is unknown; use one of: {string.Join(", ", r.KnownStages)}.");
        }

        private static string Truncate(string? key) => key is null ? "null" : key.Length > 40 ? key[..40] + "…" : key;
    }

    /// <param name="Date">The business day the message leaves, yyyy-MM-dd.</param>
    /// <param name="Stage">The stage key it was sent for.</param>
    public sealed record TimelineMessage(string Date, string Stage);

    /// <param name="Messages">Each message that would leave, in order.</param>
    /// <param name="EscalatedOn">The day the customer would go on the phone follow-up list, or null.</param>
    public sealed record TimelineResponse(IReadOnlyList<TimelineMessage> Messages, string? EscalatedOn);
}

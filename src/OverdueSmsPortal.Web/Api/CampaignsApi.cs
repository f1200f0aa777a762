using Microsoft.AspNetCore.Http.HttpResults;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Api;

/// <summary>
/// <c>GET /api/v1/campaigns/{id}/forecast</c>: how many customers a run fired now would message, and
/// how many the send policy would keep out, by reason.
/// </summary>
public static class CampaignsApi
{
    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/campaigns")
            .WithTags("Campaigns")
            .RequireAuthorization(PortalPolicies.ApiClient)
            .MapGet("/{id:long}/forecast", ForecastAsync)
            .WithName("ForecastCampaign")
            .WithSummary("Forecast a campaign: customers who would get a message now, and suppressions by reason")
            .WithDescription("Reasons: " + string.Join(", ", Enum.GetValues<SuppressionReason>().Select(r => r.Code())) +
                ". Contact hours are not a suppression: customers outside them get their message when their window opens.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<ForecastResponse>, ProblemHttpResult>> ForecastAsync(long id, CampaignForecast forecasts,
        CancellationToken cancellationToken)
    {
        var forecast = await forecasts.ForCampaignAsync(id, cancellationToken);
        if (forecast is null)
        {
            return TypedResults.Problem(title: "No such campaign.", detail: $"There is no campaign {id}.",
                statusCode: StatusCodes.Status404NotFound);
        }
        return TypedResults.Ok(new ForecastResponse(forecast.Eligible,
            forecast.Suppressed.OrderBy(p => p.Key).ToDictionary(p => p.Key.Code(), p => p.Value)));
    }

    /// <param name="Eligible">Customers who would get a message.</param>
    /// <param name="Suppressed">Customers kept out, by reason code.</param>
    public sealed record ForecastResponse(int Eligible, IReadOnlyDictionary<string, int> Suppressed);
}

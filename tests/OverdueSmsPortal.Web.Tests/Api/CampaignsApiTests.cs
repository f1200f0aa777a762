using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary><c>GET /api/v1/campaigns/{id}/forecast</c> on the real portal with its demo data.</summary>
public sealed class CampaignsApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly Actor Author = new("api-test-author", "author") { Roles = [PortalRoles.Author] };

    /// <summary>A draft campaign over every demo segment with an approved version: a draft never fires.</summary>
    private Task<long> DraftCampaignAsync() => factory.WithServicesAsync(async services =>
    {
        var desk = services.GetRequiredService<CampaignDesk>();
        var choices = await desk.ChoicesAsync();
        var today = services.GetRequiredService<BusinessClock>().Today();
        var campaign = await desk.CreateAsync(new CampaignPlan
        {
            Name = "API 预测",
            Segments = choices.Select(c => new CampaignSegmentPlan(c.SegmentId, c.Versions[0].VersionId)).ToList(),
            Schedule = CampaignSchedule.Daily(new TimeOnly(18, 0)),
            Window = SendWindow.ContactHours,
            ThroughputPerSecond = 10,
            EndDate = today.AddDays(7),
        }, Author);
        return campaign.Id;
    });

    private async Task<(HttpStatusCode Status, JsonNode? Json)> GetAsync(string path, string? key = PortalFactory.BootstrapKey)
    {
        using var client = factory.CreateApiClient(key);
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Fact]
    public async Task The_forecast_answers_eligible_and_suppressed_counts_by_reason_code()
    {
        var id = await DraftCampaignAsync();
        var before = (await factory.WithServicesAsync(s => s.GetRequiredService<CampaignForecast>().ForCampaignAsync(id)))!;
        var (status, json) = await GetAsync($"/api/v1/campaigns/{id}/forecast");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(before.Eligible, (int)json!["eligible"]!);
        Assert.True(before.Eligible > 0, "the demo segments have members who may be messaged");

        // Everyone opts out: the same customers now show under the reason's code.
        await factory.WithDatabaseAsync(async db =>
        {
            foreach (var customer in await db.Customers.ToListAsync())
            {
                customer.OptOut(DateTimeOffset.UtcNow);
            }
            return await db.SaveChangesAsync();
        });
        (status, json) = await GetAsync($"/api/v1/campaigns/{id}/forecast");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, (int)json!["eligible"]!);
        var suppressed = json["suppressed"]!.AsObject();
        Assert.Equal(["opted_out"], suppressed.Select(p => p.Key));
        Assert.Equal(before.Total, (int)suppressed["opted_out"]!);
    }

    [Fact]
    public async Task An_unknown_campaign_is_a_404_problem()
    {
        var (status, json) = await GetAsync("/api/v1/campaigns/999999/forecast");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("No such campaign.", (string)json!["title"]!);
    }

    [Fact]
    public async Task Without_a_key_the_forecast_is_refused()
    {
        var (status, _) = await GetAsync("/api/v1/campaigns/1/forecast", key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}

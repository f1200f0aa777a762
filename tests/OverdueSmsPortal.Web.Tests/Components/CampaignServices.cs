using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Demo;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Templates;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>
/// The portal's real infrastructure over a migrated SQLite file, for pages that use many services
/// (campaigns): registered as production registers it, with a clock that stands still.
/// </summary>
public static class CampaignServices
{
    public static readonly Actor Author = new("id-author", "author") { Roles = [PortalRoles.Author] };
    public static readonly Actor Approver = new("id-approver", "approver") { Roles = [PortalRoles.Approver] };
    public static readonly Actor Admin = new("id-admin", "admin") { Roles = [PortalRoles.Admin] };

    public const string CleanBody =
        "【{{ lender.name }}】尊敬的{{ customer.name }}{{ customer.title }}，您好！您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，" +
        "请通过 {{ lender.payment_link }} 还款，如有困难请致电{{ lender.hotline }}。如您已还款，请忽略本短信。谢谢！";

    public static void AddCampaigns(this IServiceCollection services, CustomerDatabase database, DateTimeOffset now)
    {
        services.AddSingleton<TimeProvider>(new FixedClock(now));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(database.Settings)
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPortalInfrastructure(configuration);
        services.AddPortalDemo();
    }

    /// <summary>A segment of the 8–15 days stage whose standard and firm templates are approved.</summary>
    public static async Task<(Segment Segment, TemplateVersion Standard, TemplateVersion Firm)> SeedReadySegmentAsync(this IServiceProvider services)
    {
        var segment = await services.SeedSegmentAsync("overdue_8_15", Tone.Standard, Tone.Firm);
        using var scope = services.CreateScope();
        var studio = scope.ServiceProvider.GetRequiredService<TemplateStudio>();
        async Task<TemplateVersion> ApprovedAsync(Tone tone, string body)
        {
            var draft = await studio.SaveDraftAsync(segment.Id, tone, body, Author);
            await studio.SubmitAsync(draft.Id, Author);
            return await studio.ApproveAsync(draft.Id, Approver, warningsAcknowledged: true, null);
        }
        var standard = await ApprovedAsync(Tone.Standard, CleanBody);
        var firm = await ApprovedAsync(Tone.Firm, CleanBody.Replace("如有困难", "请务必今日处理，如有困难", StringComparison.Ordinal));
        return (segment, standard, firm);
    }

    /// <summary>An approved campaign's run, planned but not sent: its messages wait.</summary>
    /// <param name="shape">Changes to the campaign's plan, e.g. another send window.</param>
    public static async Task<long> SeedPlannedRunAsync(this IServiceProvider services, DateTimeOffset now,
        Func<CampaignPlan, CampaignPlan>? shape = null)
    {
        var (segment, standard, _) = await services.SeedReadySegmentAsync();
        var campaign = await services.SeedCampaignAsync(segment.Id, standard.Id, Author, submit: true, shape);
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<CampaignDesk>().ApproveAsync(campaign.Id, Approver, null);
        var planner = scope.ServiceProvider.GetRequiredService<RunPlanner>();
        var run = (await planner.OpenRunAsync(campaign.Id, now, null))!;
        await planner.PlanAsync(run.Id);
        return run.Id;
    }

    /// <summary>A planned run whose messages the development gateway has taken.</summary>
    public static async Task<long> SeedSentRunAsync(this IServiceProvider services, DateTimeOffset now)
    {
        var runId = await services.SeedPlannedRunAsync(now);
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(runId);
        return runId;
    }

    /// <param name="shape">Changes to the plan, e.g. another schedule.</param>
    public static async Task<Campaign> SeedCampaignAsync(this IServiceProvider services, long segmentId, long versionId, Actor by, bool submit,
        Func<CampaignPlan, CampaignPlan>? shape = null)
    {
        using var scope = services.CreateScope();
        var desk = scope.ServiceProvider.GetRequiredService<CampaignDesk>();
        var plan = new CampaignPlan
        {
            Name = "十一月提醒",
            Segments = [new CampaignSegmentPlan(segmentId, versionId)],
            Schedule = CampaignSchedule.Daily(new TimeOnly(18, 0)),
            Window = SendWindow.ContactHours,
            ThroughputPerSecond = 20,
            EndDate = new DateOnly(2026, 12, 31),
        };
        var campaign = await desk.CreateAsync(shape?.Invoke(plan) ?? plan, by);
        return submit ? await desk.SubmitAsync(campaign.Id, by) : campaign;
    }
}

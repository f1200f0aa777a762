using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways.Kannel;

namespace OverdueSmsPortal.Infrastructure.Gateways;

/// <summary>
/// The <see cref="ISmsGateway"/> campaigns send through: the development gateway or Kannel, whichever
/// the Admin chose in Settings (switching is a settings change, not a restart). Kannel's messages
/// are spaced at the gateway's throughput, for all campaigns together.
/// </summary>
public sealed class ConfiguredGateway(
    GatewayConfiguration configuration,
    DevelopmentGateway development,
    IServiceProvider services,
    CampaignPacer pacer) : ISmsGateway
{
    public string Name => configuration.Current.UsesKannel ? KannelGateway.GatewayName : development.Name;

    public bool IsDevelopment => !configuration.Current.UsesKannel;

    public bool DeduplicatesByMessageId => !configuration.Current.UsesKannel && development.DeduplicatesByMessageId;

    public async Task<SmsAccepted> SendAsync(SmsRequest request, CancellationToken cancellationToken)
    {
        var snapshot = await configuration.GetAsync(cancellationToken);
        if (!snapshot.UsesKannel)
        {
            return await development.SendAsync(request, cancellationToken);
        }
        await pacer.WaitTurnAsync(CampaignPacer.GatewayPace, snapshot.Settings.ThroughputPerSecond, cancellationToken);
        // A typed client per hand-over: the handler pool rotates connections (and DNS) underneath.
        return await services.GetRequiredService<KannelGateway>().SendAsync(request, snapshot, cancellationToken);
    }
}

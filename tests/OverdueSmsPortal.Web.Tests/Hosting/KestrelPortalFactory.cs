using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace OverdueSmsPortal.Web.Tests.Hosting;

/// <summary>
/// The portal of <see cref="PortalFactory"/> behind real Kestrel on a free loopback port, reached over
/// real sockets: for what the in-memory test server does not check, such as a response header Kestrel
/// refuses to send.
/// </summary>
public sealed class KestrelPortalFactory : PortalFactory
{
    public KestrelPortalFactory() => UseKestrel(0);

    protected override HttpClient CreatePortalClient(WebApplicationFactoryClientOptions options)
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        // The factory's own Kestrel client follows redirects and keeps cookies whatever the options say.
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = options.AllowAutoRedirect,
            UseCookies = options.HandleCookies,
            CookieContainer = new CookieContainer(),
        };
        return new HttpClient(handler) { BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)) };
    }
}

using Microsoft.AspNetCore.Components;

namespace OverdueSmsPortal.Web.Components.Shared;

/// <summary>
/// A page or panel that reads the database: <see cref="Closing"/> is cancelled when it leaves the
/// screen (navigation, a closed tab, a dropped circuit), so a read nobody will see stops at once.
/// Reads pass it on; saves do not, so a change the user asked for is finished or rolled back whole.
/// </summary>
public abstract class PortalComponentBase : ComponentBase, IDisposable
{
    // Cancelled, never disposed: a read finishing after the page left may still ask for the token.
    private readonly CancellationTokenSource closing = new();

    protected CancellationToken Closing => closing.Token;

    public void Dispose()
    {
        closing.Cancel();
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops what the component itself started (timers, debounces); <see cref="Closing"/> is already cancelled.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}

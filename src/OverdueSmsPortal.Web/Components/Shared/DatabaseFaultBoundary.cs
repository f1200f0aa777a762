using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using MudBlazor;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Components.Shared;

/// <summary>
/// Around every page (MainLayout): when an action fails because of the database itself (locked by
/// another writer, full, read-only, an I/O error, a PostgreSQL server out of reach) the operator gets one
/// clear message in the snackbar, as the pages show their other errors, and the page stays as it was,
/// with what they had typed. The database wrote nothing of the failed save. Any other unhandled error replaces the page with
/// the general error notice, as before.
/// </summary>
public sealed partial class DatabaseFaultBoundary : ErrorBoundaryBase
{
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IStringLocalizer<SharedResource> L { get; set; } = default!;
    [Inject] private DatabaseFaultMonitor Monitor { get; set; } = default!;
    [Inject] private ILogger<DatabaseFaultBoundary> Logger { get; set; } = default!;

    private bool failed;

    protected override async Task OnErrorAsync(Exception exception)
    {
        if (DatabaseFaults.Classify(exception) is { } fault)
        {
            Monitor.Record(fault);
            LogDatabaseFault(Logger, exception, fault);
            Snackbar.Add(L[DatabaseFaults.MessageKey(fault)], Severity.Error);
            // The page's components are kept (BuildRenderTree still renders them); once the base class has
            // taken note of the error, it is forgotten, so that the next one counts afresh.
            await Task.Yield();
            Recover();
        }
        else
        {
            failed = true;
            LogUnhandled(Logger, exception);
        }
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (failed && CurrentException is not null)
        {
            builder.OpenComponent<MudAlert>(0);
            builder.AddComponentParameter(1, nameof(MudAlert.Severity), Severity.Error);
            builder.AddComponentParameter(2, nameof(MudAlert.ChildContent), (RenderFragment)(alert => alert.AddContent(0, L["App.UnhandledError"])));
            builder.AddAttribute(3, "data-testid", "page-error");
            builder.CloseComponent();
            return;
        }
        builder.AddContent(4, ChildContent);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A page action failed: the database is {Fault}")]
    private static partial void LogDatabaseFault(ILogger logger, Exception exception, DatabaseFault fault);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on a page")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}

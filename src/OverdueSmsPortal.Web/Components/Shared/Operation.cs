namespace OverdueSmsPortal.Web.Components.Shared;

/// <summary>
/// One call of a database service, in a service scope of its own: the service gets a fresh context
/// that is disposed when the call ends. A page keeps no context between calls, two calls of one page
/// never share a context (a debounced count and a save may overlap), every call reads what others
/// have saved since, and a page that closes during a read cannot dispose a context under that read.
/// Pages inject this instead of the service itself.
/// </summary>
public sealed class Operation<TService>(IServiceScopeFactory scopes) where TService : notnull
{
    public async Task<TResult> RunAsync<TResult>(Func<TService, Task<TResult>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        await using var scope = scopes.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task RunAsync(Func<TService, Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        await using var scope = scopes.CreateAsyncScope();
        await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>A call that reads nothing from the database (a check of typed text), in a scope all the same.</summary>
    public TResult Run<TResult>(Func<TService, TResult> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var scope = scopes.CreateScope();
        return call(scope.ServiceProvider.GetRequiredService<TService>());
    }
}

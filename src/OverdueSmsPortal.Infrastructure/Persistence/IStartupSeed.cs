namespace OverdueSmsPortal.Infrastructure.Persistence;

/// <summary>
/// Data a start adds once the schema, the roles and the portal's own lists are there, and before the first
/// administrator is created: the demo data, for one, which lives in an assembly of its own. Each seed adds
/// only what is missing, as the start may run again on every node.
/// </summary>
public interface IStartupSeed
{
    Task SeedAsync(CancellationToken cancellationToken);
}

using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalServices();

var app = builder.Build();
await DatabaseInitializer.InitializeAsync(app.Services);
app.UsePortal();
app.Run();

/// <summary>The portal's entry point; public so that tests can host it.</summary>
public partial class Program;

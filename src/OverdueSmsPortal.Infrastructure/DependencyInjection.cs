using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.ApiKeys;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Infrastructure.Gateways.Kannel;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.Infrastructure.Jobs;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Replies;
using OverdueSmsPortal.Infrastructure.Reviews;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Settings;
using OverdueSmsPortal.Infrastructure.Templates;
using Quartz;

namespace OverdueSmsPortal.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The default database: a SQLite file next to the portal.</summary>
    public const string DefaultConnectionString = "Data Source=portal.db";

    /// <summary>Data Protection's application name: what the portal protects, any process of it with the same database can read.</summary>
    public const string DataProtectionApplicationName = "OverdueSmsPortal";

    /// <summary>The business clock: the injected <see cref="TimeProvider"/> read in <c>Portal:TimeZone</c>.</summary>
    public static IServiceCollection AddBusinessClock(this IServiceCollection services) =>
        services.AddSingleton(provider => new BusinessClock(provider.GetRequiredService<TimeProvider>(),
            TimeZoneInfo.FindSystemTimeZoneById(provider.GetRequiredService<IOptions<PortalOptions>>().Value.TimeZone)));

    /// <summary>
    /// Registers the database, identity stores, Quartz and the services behind the portal's features, a
    /// group per feature. <c>ConnectionStrings:Portal</c> may be a full SQLite connection string or just a file path.
    /// </summary>
    public static IServiceCollection AddPortalInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = DatabaseProviderOf(configuration);
        var connectionString = configuration.GetConnectionString("Portal");
        services.TryAddSingleton(TimeProvider.System);
        return services
            .AddSettings()
            .AddDatabase(provider, connectionString)
            .AddUsersAndAccess()
            .AddCustomers()
            .AddTemplates()
            .AddCampaigns(provider)
            .AddRepliesAndOutcomes()
            .AddGateways()
            .AddBackgroundWork(configuration, provider, connectionString);
    }

    /// <summary>The settings read from configuration, each checked at start; the business clock reads one of them.</summary>
    private static IServiceCollection AddSettings(this IServiceCollection services)
    {
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section).ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Portal:TimeZone is not a known time zone.")
            .ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BootstrapAdminOptions>().BindConfiguration(BootstrapAdminOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.UserName) == string.IsNullOrEmpty(o.Password),
                "Portal:Admin:UserName and Portal:Admin:Password are set together, or neither.")
            .ValidateOnStart();
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section)
            .Validate(o => ApiOptions.IsAcceptableBootstrapKey(o.BootstrapKey),
                $"Portal:Api:BootstrapKey is empty or at least {ApiOptions.MinBootstrapKeyLength} characters without spaces.")
            .ValidateOnStart();
        services.AddOptions<LenderOptions>().BindConfiguration(LenderOptions.Section).ValidateDataAnnotations()
            .Validate(o => IsKnownCulture(o.MessageCulture), "Portal:Lender:MessageCulture is not a known culture.")
            .ValidateOnStart();
        services.AddBusinessClock();
        services.AddMemoryCache();
        return services;
    }

    /// <summary>The context on the configured store, its fault monitor, its first-start seeding and the demo data.</summary>
    private static IServiceCollection AddDatabase(this IServiceCollection services, DatabaseProvider provider, string? connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            // Its own context type, for its own migrations; every service still asks for PortalDbContext.
            services.AddDbContext<PortalDbContext, PostgresPortalDbContext>(options =>
                DatabaseOptions.Configure(options, provider, connectionString));
        }
        else
        {
            services.AddDbContext<PortalDbContext>(options => DatabaseOptions.Configure(options, provider, connectionString));
        }
        services.AddSingleton<DatabaseFaultMonitor>();
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    /// <summary>Users, roles and sessions (ASP.NET Core Identity), API keys, and the audit trail every change writes to.</summary>
    private static IServiceCollection AddUsersAndAccess(this IServiceCollection services)
    {
        services.AddIdentityCore<PortalUser>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        // The default token providers (password reset) need data protection; without it no
        // UserManager can be built, so every host of these services gets it, not only the web one.
        // Its keys live in the database: the gateway password protected with them stays readable
        // after a restart, and every node of a cluster shares them.
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName).PersistKeysToDbContext<PortalDbContext>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<SystemUsers>();
        services.AddScoped<SecurityStamps>();
        services.AddSingleton<SessionRevocations>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditLog>();
        return services;
    }

    /// <summary>Customers: imports, the directory and a customer's contact history.</summary>
    private static IServiceCollection AddCustomers(this IServiceCollection services)
    {
        services.AddScoped<CustomerUpsert>();
        services.AddScoped<CustomerImporter>();
        services.AddScoped<CustomerDirectory>();
        services.AddScoped<CustomerContacts>();
        services.AddScoped<ContactCheck>();
        return services;
    }

    /// <summary>Segments and templates: the studio, its lint and preview, and the review inbox.</summary>
    private static IServiceCollection AddTemplates(this IServiceCollection services)
    {
        services.AddScoped<SegmentCatalog>();
        services.AddScoped<LintVocabularyStore>();
        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton<TemplateInspector>();
        services.AddScoped<TemplatePreviewer>();
        services.AddScoped<TemplateStudio>();
        services.AddScoped<ReviewInbox>();
        return services;
    }

    /// <summary>Campaigns under the send policy: the desk, planning, dispatch and its pacing, and the lists a run leaves.</summary>
    private static IServiceCollection AddCampaigns(this IServiceCollection services, DatabaseProvider provider)
    {
        services.AddOptions<DispatchOptions>().BindConfiguration(DispatchOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            // One node on SQLite; on PostgreSQL several lanes, so that every node of a cluster takes part in each run.
            .PostConfigure(o => o.Lanes ??= provider == DatabaseProvider.Postgres ? 4 : 1);
        services.AddScoped<SendPolicyStore>();
        services.AddScoped<ContactStates>();
        services.AddScoped<PolicyTimelines>();
        services.AddScoped<CampaignDesk>();
        services.AddScoped<CampaignForecast>();
        services.AddScoped<RunPlanner>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<OutboxWrites>();
        services.AddScoped<RunMonitor>();
        services.AddScoped<EscalationList>();
        services.AddScoped<DoubtDesk>();
        services.AddScoped<NotReachedList>();
        services.AddSingleton<MessageWriter>();
        services.AddSingleton<CampaignPacer>();
        services.AddSingleton<ClaimLock>();
        services.AddSingleton<GatewayRetry>();
        services.AddSingleton<CampaignScheduler>();
        return services;
    }

    /// <summary>What comes back: replies and their rules, repayments, complaints, and the dashboard's figures.</summary>
    private static IServiceCollection AddRepliesAndOutcomes(this IServiceCollection services)
    {
        services.AddScoped<ReplyRuleStore>();
        services.AddScoped<ReplyIntake>();
        services.AddScoped<ReplyDesk>();
        services.AddScoped<RepaymentImporter>();
        services.AddScoped<RepaymentIntake>();
        services.AddScoped<ComplaintDesk>();
        services.AddScoped<ComplaintImporter>();
        services.AddScoped<OutcomeSettingsStore>();
        services.AddScoped<OutcomeRollups>();
        services.AddScoped<OutcomeDashboard>();
        services.AddScoped<AbSamples>();
        return services;
    }

    /// <summary>
    /// The SMS gateway is the Admin's choice in Settings: the built-in development gateway until Kannel is
    /// configured. Delivery reports and replies come back through the same settings' callback token.
    /// </summary>
    private static IServiceCollection AddGateways(this IServiceCollection services)
    {
        services.AddScoped<GatewaySettingsStore>();
        services.AddSingleton<GatewayConfiguration>();
        services.AddSingleton<DevelopmentGateway>();
        services.AddSingleton<ISmsGateway, ConfiguredGateway>();
        services.AddHttpClient<KannelGateway>(http => http.Timeout = KannelGateway.RequestTimeout);
        services.AddScoped<DeliveryReportIntake>();
        services.AddScoped<DevelopmentReplies>();
        services.AddSingleton<DevelopmentGatewayDelivery>();
        return services;
    }

    /// <summary>
    /// Campaign runs are Quartz jobs. On SQLite Quartz's store is in memory and rebuilt from our tables at
    /// start; on PostgreSQL it is Quartz's clustered store in the portal's database, shared by every node.
    /// The hosted services start in this order: Quartz, the schedule restorer, the development gateway's reports.
    /// </summary>
    private static IServiceCollection AddBackgroundWork(this IServiceCollection services, IConfiguration configuration,
        DatabaseProvider provider, string? connectionString)
    {
        var cluster = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = ClusterOptions.SchedulerName);
            if (provider == DatabaseProvider.Postgres)
            {
                UseClusteredStore(quartz, DatabaseOptions.PostgresConnectionString(connectionString), cluster);
            }
            ScheduleMaintenance(quartz);
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = false);
        services.AddHostedService<CampaignScheduleRestorer>();
        services.AddHostedService(host => host.GetRequiredService<DevelopmentGatewayDelivery>());
        return services;
    }

    /// <summary>
    /// Quartz's ADO.NET store on PostgreSQL, clustered: every node's scheduler shares the triggers, a
    /// firing runs on exactly one node, and a node that misses its check-ins is taken for dead, its
    /// running jobs that ask for recovery (the run lanes) fired again elsewhere. Quartz creates its own
    /// tables (<c>qrtz_*</c>) in the portal's database when they are missing, with its own PostgreSQL
    /// schema script; its <c>database/tables/tables_postgres.sql</c> creates them by hand instead.
    /// </summary>
    private static void UseClusteredStore(IQuartzBuilder quartz, string connectionString, ClusterOptions cluster)
    {
        if (cluster.InstanceId != ClusterOptions.AutomaticInstanceId)
        {
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceId = cluster.InstanceId);
        }
        quartz.ConfigureScheduler(scheduler => scheduler.IdleWaitTime = cluster.IdleWaitTime);
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(connectionString);
            store.UseClustering(clustering =>
            {
                clustering.CheckinInterval = cluster.CheckinInterval;
                clustering.CheckinMisfireThreshold = cluster.CheckinMisfireThreshold;
            });
            store.ProvisionSchema();
        });
    }

    private static void ScheduleMaintenance(IQuartzBuilder quartz) =>
        quartz
            .ScheduleJob<DeliveryReportExpiryJob>(
                trigger => trigger.WithIdentity("delivery-report-expiry", "maintenance").StartNow()
                    .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()),
                job => job.WithIdentity(DeliveryReportExpiryJob.Key))
            .ScheduleJob<OutcomeRollupJob>(
                trigger => trigger.WithIdentity("outcome-rollup", "maintenance").StartNow()
                    .WithSimpleSchedule(schedule => schedule.WithInterval(OutcomeRollupJob.Interval).RepeatForever()),
                job => job.WithIdentity(OutcomeRollupJob.Key));

    /// <summary><c>Portal:Database:Provider</c>, read at wiring time: it decides which services are registered.</summary>
    public static DatabaseProvider DatabaseProviderOf(IConfiguration configuration)
    {
        var text = configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return DatabaseProvider.Sqlite;
        }
        return Enum.TryParse<DatabaseProvider>(text, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"Portal:Database:Provider is '{text}'; it must be Sqlite or Postgres.");
    }

    private static bool IsKnownCulture(string name)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(name) && System.Globalization.CultureInfo.GetCultureInfo(name, predefinedOnly: true) is not null;
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// How long a write waits for another writer to finish before it fails as busy, unless the
    /// connection string says otherwise (<c>Default Timeout=…</c>, in seconds). Writes are short here
    /// (a batch, a result group, one run's roll-up); a page should not hang for the driver's 30 s.
    /// </summary>
    public const int DefaultBusyTimeoutSeconds = 10;

    /// <summary>Accepts a bare file path as well as a full connection string, and sets the busy timeout if it has none.</summary>
    public static string SqliteConnectionString(string? configured)
    {
        var text = string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString
            : configured.Contains('=') ? configured : $"Data Source={configured}";
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(text);
        if (!text.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.DefaultTimeout = DefaultBusyTimeoutSeconds;
        }
        return builder.ToString();
    }
}

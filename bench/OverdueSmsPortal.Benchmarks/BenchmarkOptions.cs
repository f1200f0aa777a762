using System.Globalization;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>How the customer list database is filled.</summary>
internal enum FillMethod
{
    /// <summary>One prepared INSERT per customer, all in one transaction, on the DbContext's connection.</summary>
    Raw,

    /// <summary>Through <c>CustomerUpsert</c> in batches of 1,000, as the demo seed and imports do.</summary>
    Upsert,
}

internal sealed record BenchmarkOptions(
    string Scenario,
    int Customers,
    string? DatabasePath,
    int Repetitions,
    FillMethod Fill,
    int ImportRows,
    bool ExplainAll,
    int? Messages = null,
    bool Keep = false,
    bool Postgres = false)
{
    /// <summary>
    /// The Npgsql connection string of the PostgreSQL server for <c>--provider postgres</c> (a
    /// maintenance database the benchmark can create databases from); scripts/bench.sh starts a
    /// private server and sets it. An environment variable, so the password is not on the command line.
    /// </summary>
    public const string PostgresVariable = "PORTAL_BENCH_POSTGRES";

    public const string Usage = """
        usage: OverdueSmsPortal.Benchmarks <list|import|preview|studio|run|kannel|dashboard|cluster> [options]
          --customers N     customers in the database (default 1000000; 100000 for run; messages per pass for kannel, 5000;
                            200000 for dashboard; messages of the run for cluster, 30000)
          --db PATH         SQLite file for the list and studio scenarios; reused when it already holds N customers
                            (default: a temporary file, deleted afterwards). For dashboard, the size goes before the
                            extension (dashboard-100000.db), the file is filled afresh and deleted afterwards unless --keep
          --repetitions R   timed runs of each list query, typing passes of the preview, runs planned or dispatched, dashboard
                            queries (default 7; 3 for run and kannel; 10 for dashboard)
          --messages N      dashboard: outbox messages to fill (default both 100000 and 10000000, one after the other)
          --keep            dashboard: keep the database file (SQLite only)
          --provider sqlite|postgres
                            dashboard: the store (default sqlite); postgres creates a database per size on the server
                            in $PORTAL_BENCH_POSTGRES, which scripts/bench.sh starts. --postgres is the same
          --fill raw|upsert how to fill the list database (default raw)
          --rows N          rows of each import file (default 100000)
          --explain-all     print the query plans of every list query, not only the slowest
        """;

    /// <summary>
    /// One scenario per process: the import's memory figures would otherwise include what the list
    /// scenario left behind (scripts/bench.sh all runs both, one after the other).
    /// </summary>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        if (args.Count == 0 || args[0] is not ("list" or "import" or "preview" or "studio" or "run" or "kannel" or "dashboard" or "cluster"))
        {
            error.WriteLine(Usage);
            return null;
        }
        // A run plans every customer of the campaign: 100,000 is the size, and 3 runs show the spread.
        var options = args[0] switch
        {
            "run" => new BenchmarkOptions(args[0], 100_000, null, 3, FillMethod.Raw, 100_000, false),
            // Kannel's dispatch: 5,000 messages a pass take a few seconds at the caps, long enough for a sustained rate.
            "kannel" => new BenchmarkOptions(args[0], 5_000, null, 3, FillMethod.Raw, 100_000, false),
            // The dashboard: a year of daily runs needs a customer base that each day's runs draw from without repeats.
            "dashboard" => new BenchmarkOptions(args[0], 200_000, null, 10, FillMethod.Raw, 100_000, false),
            // One run dispatched by one node and then by two: a couple of minutes each on a small machine.
            "cluster" => new BenchmarkOptions(args[0], 30_000, null, 1, FillMethod.Raw, 100_000, false, Postgres: true),
            _ => new BenchmarkOptions(args[0], 1_000_000, null, 7, FillMethod.Raw, 100_000, false),
        };
        for (var i = 1; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
            try
            {
                options = args[i] switch
                {
                    "--customers" => options with { Customers = Positive(Value()) },
                    "--db" => options with { DatabasePath = Path.GetFullPath(Value()) },
                    "--repetitions" => options with { Repetitions = Positive(Value()) },
                    "--fill" => options with { Fill = Enum.Parse<FillMethod>(Value(), ignoreCase: true) },
                    "--rows" => options with { ImportRows = Positive(Value()) },
                    "--explain-all" => options with { ExplainAll = true },
                    "--messages" => options with { Messages = Positive(Value()) },
                    "--keep" => options with { Keep = true },
                    "--provider" => options with { Postgres = Value() switch
                    {
                        "postgres" => true,
                        "sqlite" => false,
                        var other => throw new FormatException($"Unknown provider {other}; give sqlite or postgres."),
                    } },
                    "--postgres" => options with { Postgres = true },
                    _ => throw new FormatException($"Unknown option {args[i]}."),
                };
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                error.WriteLine(e.Message);
                error.WriteLine(Usage);
                return null;
            }
        }
        if (options.Postgres && options.Scenario is not ("dashboard" or "cluster"))
        {
            error.WriteLine("--provider postgres runs the dashboard scenario only (cluster always runs on PostgreSQL).");
            return null;
        }
        if (options.Postgres && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresVariable)))
        {
            error.WriteLine($"--provider postgres and the cluster scenario need the server's connection string in {PostgresVariable}; scripts/bench.sh sets it.");
            return null;
        }
        return options;
    }

    private static int Positive(string text)
    {
        var value = int.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        return value > 0 ? value : throw new FormatException($"{text} is not a positive number.");
    }
}

using System.Globalization;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>
/// Times the customer list's server-side queries (<see cref="CustomerDirectory"/>) on a database of
/// N demo customers: the page loads and filters a user clicks through on the customer list.
/// </summary>
internal static class CustomerListBenchmark
{
    /// <summary>One thing the list page asks for; returns the number of customers it matched.</summary>
    private sealed record ListCase(string Name, Func<CustomerDirectory, Task<int>> Run);

    private sealed record Measurement(ListCase Case, int Matched, IReadOnlyList<double> Milliseconds, IReadOnlyList<IReadOnlyList<SqlStatement>> Statements)
    {
        public double Median => Statistics.Median(Milliseconds);
        public double Max => Milliseconds.Max();

        /// <summary>Median time of the n-th SQL statement of a call (0 = the count, 1 = the page), or null.</summary>
        public double? StatementMedian(int n) => Statements.All(s => s.Count > n)
            ? Statistics.Median(Statements.Select(s => s[n].Duration.TotalMilliseconds).ToList())
            : null;
    }

    public static async Task RunAsync(BenchmarkOptions options, TextWriter output)
    {
        output.WriteLine($"== list: CustomerDirectory.FindAsync on {options.Customers:N0} customers");
        if (options.DatabasePath is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        await using var portal = await BenchmarkPortal.OpenAsync(options.DatabasePath);
        var today = portal.GetRequiredService<BusinessClock>().Today();
        if (!await EnsureCustomersAsync(portal, options, today, output))
        {
            return;
        }
        output.WriteLine($"  SQLite {await SqliteVersionAsync(portal)}");

        using var log = new SqlCommandLog();
        var measurements = new List<Measurement>();
        foreach (var listCase in Cases(options.Customers))
        {
            measurements.Add(await MeasureAsync(portal, listCase, options.Repetitions, log));
        }

        output.WriteLine();
        output.WriteLine($"  {options.Repetitions} timed runs per query after one warm-up; page size {new CustomerQuery().PageSize}; " +
            "count/page = the COUNT and the page SELECT of FindAsync (median ms)");
        output.WriteLine($"  {"query",-44} {"matched",10} {"median ms",10} {"max ms",8} {"count ms",9} {"page ms",8}");
        foreach (var m in measurements)
        {
            output.WriteLine($"  {m.Case.Name,-44} {m.Matched,10:N0} {m.Median,10:F1} {m.Max,8:F1} " +
                $"{Format(m.StatementMedian(0)),9} {Format(m.StatementMedian(1)),8}");
        }

        var explained = options.ExplainAll ? measurements : [measurements.MaxBy(m => m.Median)!];
        foreach (var m in explained)
        {
            output.WriteLine();
            output.WriteLine($"  query plan of \"{m.Case.Name}\" (median {m.Median:F1} ms):");
            await ExplainAsync(portal, m.Statements[^1], output);
        }
    }

    private static IEnumerable<ListCase> Cases(int customers)
    {
        var pageSize = new CustomerQuery().PageSize;
        ListCase Find(string name, CustomerQuery query) =>
            new(name, async directory => (await directory.FindAsync(query, seesPersonalData: true)).TotalCount);

        yield return Find("first page, days overdue desc (default)", new CustomerQuery());
        yield return Find("page 1000", new CustomerQuery { Page = 999 });
        yield return Find("last page", new CustomerQuery { Page = (customers - 1) / pageSize });
        yield return Find("sort by name asc", new CustomerQuery { Sort = CustomerSort.Name, Descending = false });
        yield return Find("sort by amount due desc", new CustomerQuery { Sort = CustomerSort.AmountDue, Descending = true });
        yield return Find("stage Overdue8To15", new CustomerQuery { StageKey = "overdue_8_15" });
        yield return Find("region 广东 + product credit card", new CustomerQuery { Region = "广东", Product = LoanProduct.CreditCard });
        yield return Find("search name prefix 王", new CustomerQuery { Search = "王" });
        yield return Find("search phone prefix 1381", new CustomerQuery { Search = "1381" });
        yield return Find("search account prefix CC0001", new CustomerQuery { Search = "CC0001" });
        // Beyond the issue's list: the other combinations of filters, and a filter with a sort other than the default.
        yield return Find("extra: type salaried + region 广东", new CustomerQuery { CustomerType = CustomerType.Salaried, Region = "广东" });
        yield return Find("extra: type salaried + product credit card", new CustomerQuery { CustomerType = CustomerType.Salaried, Product = LoanProduct.CreditCard });
        yield return Find("extra: region 广东 + product + type", new CustomerQuery { Region = "广东", Product = LoanProduct.CreditCard, CustomerType = CustomerType.Salaried });
        yield return Find("extra: region 广东, sort by name asc", new CustomerQuery { Region = "广东", Sort = CustomerSort.Name, Descending = false });
        // Not a FindAsync call, but the list page runs it every time it opens.
        yield return new ListCase("regions for the filter (RegionsAsync)", async directory => (await directory.RegionsAsync()).Count);
    }

    private static async Task<Measurement> MeasureAsync(BenchmarkPortal portal, ListCase listCase, int repetitions, SqlCommandLog log)
    {
        var milliseconds = new List<double>();
        var statements = new List<IReadOnlyList<SqlStatement>>();
        var matched = 0;
        for (var run = 0; run <= repetitions; run++)
        {
            // A scope per call, as each page load of the grid gets its own context.
            await using var scope = portal.Scope();
            var directory = scope.ServiceProvider.GetRequiredService<CustomerDirectory>();
            log.Take();
            var stopwatch = Stopwatch.StartNew();
            matched = await listCase.Run(directory);
            stopwatch.Stop();
            var ran = log.Take();
            if (run > 0)
            {
                milliseconds.Add(stopwatch.Elapsed.TotalMilliseconds);
                statements.Add(ran);
            }
        }
        return new Measurement(listCase, matched, milliseconds, statements);
    }

    /// <summary>Fills an empty database; accepts one that already holds the requested number of customers.</summary>
    internal static async Task<bool> EnsureCustomersAsync(BenchmarkPortal portal, BenchmarkOptions options, DateOnly today, TextWriter output)
    {
        int existing;
        await using (var scope = portal.Scope())
        {
            existing = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Customers.CountAsync();
        }
        if (existing == options.Customers)
        {
            output.WriteLine($"  reusing {existing:N0} customers in the given database");
            return true;
        }
        if (existing != 0)
        {
            output.WriteLine($"  the database holds {existing:N0} customers, not {options.Customers:N0}: " +
                "give another --db file or delete this one");
            return false;
        }
        output.WriteLine($"  filling {options.Customers:N0} demo customers ({options.Fill.ToString().ToLowerInvariant()})");
        await CustomerFill.FillAsync(portal, options.Fill, options.Customers, today, output);
        return true;
    }

    private static async Task<string?> SqliteVersionAsync(BenchmarkPortal portal)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Database.SqlQueryRaw<string>("SELECT sqlite_version() AS \"Value\"").SingleAsync();
    }

    /// <summary>
    /// Prints each statement with its parameters and SQLite's EXPLAIN QUERY PLAN for it, or on
    /// PostgreSQL its EXPLAIN (ANALYZE, BUFFERS): the plan run, with its times and pages.
    /// </summary>
    internal static async Task ExplainAsync(BenchmarkPortal portal, IReadOnlyList<SqlStatement> statements, TextWriter output)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        foreach (var statement in statements)
        {
            output.WriteLine($"    -- {statement.Duration.TotalMilliseconds:F1} ms; " +
                string.Join(", ", statement.Parameters.Select(p => $"{p.Name} = {p.Value}")));
            foreach (var line in statement.Sql.Split('\n'))
            {
                output.WriteLine($"    {line.TrimEnd()}");
            }
            await using var explain = connection.CreateCommand();
            var postgres = connection is NpgsqlConnection;
            explain.CommandText = (postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + statement.Sql;
            foreach (var (name, value) in statement.Parameters)
            {
                var parameter = explain.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                explain.Parameters.Add(parameter);
            }
            if (postgres)
            {
                await using var lines = await explain.ExecuteReaderAsync();
                while (await lines.ReadAsync())
                {
                    output.WriteLine($"    {lines.GetString(0)}");
                }
                output.WriteLine();
                continue;
            }
            var depth = new Dictionary<long, int>();
            await using var plan = await explain.ExecuteReaderAsync();
            while (await plan.ReadAsync())
            {
                var (id, parent, detail) = (plan.GetInt64(0), plan.GetInt64(1), plan.GetString(3));
                depth[id] = depth.GetValueOrDefault(parent, -1) + 1;
                output.WriteLine($"    {new string(' ', 2 * depth[id])}|-- {detail}");
            }
            output.WriteLine();
        }
    }

    private static string Format(double? milliseconds) => milliseconds is { } ms ? ms.ToString("F1", CultureInfo.InvariantCulture) : "-";
}

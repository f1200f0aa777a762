using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Demo;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>Fills the customer table for the list benchmark, by either <see cref="FillMethod"/>.</summary>
internal static class CustomerFill
{
    private const int UpsertBatchSize = 1000;
    private const int ProgressEvery = 100_000;

    /// <summary>Page cache for the raw fill.</summary>
    private const int FillCacheKibibytes = 512 * 1024;

    /// <summary>Inserts <paramref name="count"/> demo customers, streamed from the generator.</summary>
    public static async Task FillAsync(BenchmarkPortal portal, FillMethod method, int count, DateOnly today, TextWriter output)
    {
        var customers = DemoCustomers.Generate(count, today);
        var stopwatch = Stopwatch.StartNew();
        void Progress(int done) =>
            output.WriteLine($"  {done,12:N0} customers  {stopwatch.Elapsed.TotalSeconds,7:F1} s");

        var now = portal.GetRequiredService<TimeProvider>().GetUtcNow();
        await using (var scope = portal.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            if (method == FillMethod.Raw)
            {
                InsertRaw(db, customers, now, Progress);
            }
            else
            {
                await UpsertAsync(scope.ServiceProvider.GetRequiredService<CustomerUpsert>(), customers, Progress);
            }
        }
        var seconds = stopwatch.Elapsed.TotalSeconds;
        output.WriteLine($"  filled {count:N0} customers ({method.ToString().ToLowerInvariant()}) in {seconds:F1} s, " +
            $"{count / seconds:N0} customers/s");
        await CheckFirstCustomerAsync(portal, DemoCustomers.Generate(1, today).Single());
    }

    private static async Task UpsertAsync(CustomerUpsert upsert, IEnumerable<CustomerDetails> customers, Action<int> progress)
    {
        var done = 0;
        foreach (var batch in customers.Chunk(UpsertBatchSize))
        {
            await upsert.UpsertAsync(batch);
            done += batch.Length;
            if (done % ProgressEvery == 0)
            {
                progress(done);
            }
        }
    }

    /// <summary>
    /// One prepared INSERT per customer in a single transaction on SQLite, one binary COPY on PostgreSQL.
    /// Columns and value conversions come from the EF model, so the rows are exactly what the portal
    /// would have written.
    /// </summary>
    private static void InsertRaw(PortalDbContext db, IEnumerable<CustomerDetails> customers, DateTimeOffset now, Action<int> progress)
    {
        var columns = ModelColumns.AllButKey<Customer>(db);
        db.Database.OpenConnection();
        try
        {
            var rows = customers.Select(details => Customer.Create(details, now));
            if (db.Database.GetDbConnection() is NpgsqlConnection postgres)
            {
                CopyRaw(postgres, columns, rows, progress);
            }
            else
            {
                InsertRaw((SqliteConnection)db.Database.GetDbConnection(), columns, rows, progress);
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    private static void InsertRaw(SqliteConnection connection, ModelColumns columns, IEnumerable<Customer> customers, Action<int> progress)
    {
        var defaultCacheSize = Scalar(connection, "PRAGMA cache_size");
        // Nine indexes take random inserts: with SQLite's default 2 MB page cache most of the fill is
        // spent re-reading index pages. The pooled connection gets its default back afterwards, so the
        // list queries run with the portal's settings.
        Scalar(connection, $"PRAGMA cache_size = -{FillCacheKibibytes}");
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            $"INSERT INTO \"{columns.Table}\" ({string.Join(", ", columns.Names.Select(n => $"\"{n}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Names.Select((_, i) => "$p" + i))})";
        var parameters = columns.Names.Select((_, i) => insert.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i })).ToArray();
        insert.Prepare();

        var done = 0;
        foreach (var customer in customers)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = columns.StoredOf(i, customer) ?? DBNull.Value;
            }
            insert.ExecuteNonQuery();
            if (++done % ProgressEvery == 0)
            {
                progress(done);
            }
        }
        transaction.Commit();
        Scalar(connection, $"PRAGMA cache_size = {defaultCacheSize}");
    }

    private static void CopyRaw(NpgsqlConnection connection, ModelColumns columns, IEnumerable<Customer> customers, Action<int> progress)
    {
        using var copy = columns.Copy(connection);
        foreach (var customer in customers)
        {
            copy.RowOf(customer);
            if (copy.Rows % ProgressEvery == 0)
            {
                progress((int)copy.Rows);
            }
        }
        copy.Complete();
    }

    internal static object? Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        // A fill's statements run as long as they take: an index over 10,000,000 messages takes minutes.
        command.CommandTimeout = 0;
        return command.ExecuteScalar();
    }

    /// <summary>Reads the first customer back through EF: a raw fill that drifted from the mapping fails here.</summary>
    private static async Task CheckFirstCustomerAsync(BenchmarkPortal portal, CustomerDetails expected)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var stored = await db.Customers.AsNoTracking().SingleAsync(c => c.AccountRef == expected.AccountRef);
        if (stored.Details() != expected)
        {
            throw new InvalidOperationException($"The filled customer reads back as {stored.Details()}, not {expected}.");
        }
    }
}

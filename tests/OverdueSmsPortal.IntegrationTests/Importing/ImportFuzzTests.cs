using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.IntegrationTests.Support;
using OverdueSmsPortal.Tests.Shared;
using Xunit.Abstractions;
using static OverdueSmsPortal.IntegrationTests.Importing.ImportFileFuzz;

namespace OverdueSmsPortal.IntegrationTests.Importing;

/// <summary>
/// Random and hostile customer, repayment and complaint files into the real importers over real
/// SQLite. Whatever the file: no exception; either it is refused whole with a reason and nothing is
/// written, or every row is counted as recorded or refused, each refused row with a reason, the database
/// holds exactly what the report says, every valid row reads back as written (in any of the encodings),
/// and importing the same file again changes nothing. Seeded; <c>FUZZ_SEED</c> replays another seed.
/// </summary>
public sealed class ImportFuzzTests(ITestOutputHelper output) : DatabaseTest
{
    private const string Actor = "fuzz";

    private static readonly string[] CustomerFields =
    [
        "accountRef", "name", "title", "phone", "customerType", "product", "region", "timeZone", "amountDue", "minimumDue",
        "dueDate", "dailyPenaltyRate", "paydayOfMonth",
    ];

    private static readonly Dictionary<string, string> CustomerAliases = new()
    {
        ["accountRef"] = "账号", ["name"] = "姓名", ["phone"] = "手机号", ["region"] = "地区", ["amountDue"] = "应还金额", ["dueDate"] = "到期日",
    };

    private static readonly string[] RepaymentFields = ["paymentId", "accountRef", "amount", "paidAt"];
    private static readonly Dictionary<string, string> RepaymentAliases = new() { ["paymentId"] = "还款编号", ["amount"] = "金额", ["paidAt"] = "还款时间" };

    private static readonly string[] ComplaintFields = ["complaintRef", "accountRef", "category", "severity", "summary", "source", "hold", "receivedAt"];
    private static readonly Dictionary<string, string> ComplaintAliases = new() { ["complaintRef"] = "投诉编号", ["summary"] = "内容", ["category"] = "类别" };

    /// <summary>The customers repayments and complaints are about.</summary>
    private static readonly string[] Accounts = ["ACC-1", "ACC-2", "ACC-3", "ACC-4"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Portal.GivenCustomersAsync([.. Accounts.Select(a => CustomerBuilder.ACustomer(a).Owing(1_000_000m).Build())]);
    }

    [Fact]
    public async Task Random_customer_csv_files_are_imported_row_by_row_or_refused_whole()
    {
        var fuzz = Fuzz.From(20261211);
        output.WriteLine($"seed {fuzz.Seed} (set {Fuzz.SeedVariable} to replay another)");
        for (var i = 0; i < 150; i++)
        {
            var (columns, rows, expected) = CustomerTable(fuzz, i);
            var text = BuildCsv(fuzz, columns, rows, out var broken);
            var encoding = PickEncoding(fuzz, text);
            await CheckCustomerImportAsync(fuzz, i, Encode(text, encoding), ImportFormat.Csv, broken ? null : expected, $"csv {encoding}");
        }
    }

    [Fact]
    public async Task Random_customer_workbooks_are_imported_row_by_row_or_refused_whole()
    {
        var fuzz = Fuzz.From(20261212);
        output.WriteLine($"seed {fuzz.Seed}");
        for (var i = 0; i < 50; i++)
        {
            var (columns, rows, expected) = CustomerTable(fuzz, i);
            var cells = rows.Select(r => (IReadOnlyList<object?>)r.Select(c => (object?)(fuzz.Chance(0.05) && DateTime.TryParse(c, out var d) ? d : c)).ToList());
            var bytes = Xlsx(columns.Select(c => c.Heading).ToList(), cells);
            if (fuzz.Chance(0.2))
            {
                bytes = WithFormula(bytes);
                expected = null;
            }
            await CheckCustomerImportAsync(fuzz, i, bytes, ImportFormat.Xlsx, expected, "xlsx");
        }
    }

    [Fact]
    public async Task Files_that_are_no_table_are_refused_with_a_reason_by_every_importer()
    {
        var fuzz = Fuzz.From(20261213);
        output.WriteLine($"seed {fuzz.Seed}");
        for (var i = 0; i < 60; i++)
        {
            var (bytes, format, what) = NotATable(fuzz, i);
            await CheckCustomerImportAsync(fuzz, i, bytes, format, null, what);
            await CheckRepaymentImportAsync(fuzz, i, bytes, format, null, what);
            await CheckComplaintImportAsync(fuzz, i, bytes, format, null, what);
        }
    }

    [Fact]
    public async Task Random_repayment_files_record_each_payment_once()
    {
        var fuzz = Fuzz.From(20261214);
        output.WriteLine($"seed {fuzz.Seed}");
        for (var i = 0; i < 60; i++)
        {
            var columns = Header(fuzz, RepaymentFields, RepaymentAliases, RepaymentFields, out var dropped);
            var expected = new Dictionary<string, string>();
            var rows = new List<List<string>>();
            for (var k = 0; k < fuzz.Next(0, 15); k++)
            {
                var clean = !fuzz.Chance(0.3);
                var paymentId = clean && expected.Count > 0 && fuzz.Chance(0.1) ? fuzz.Pick(expected.Keys.ToList()) : $"P{i}-{k}";
                var amount = (fuzz.Next(1, 100_000) / 100m).ToString("0.00", CultureInfo.InvariantCulture);
                var values = new Dictionary<string, string>
                {
                    ["paymentId"] = paymentId, ["accountRef"] = fuzz.Pick(Accounts), ["amount"] = amount,
                    ["paidAt"] = fuzz.Pick(["2026-11-20 10:00:00", "2026-11-21T09:30:00+08:00"]),
                };
                if (!clean)
                {
                    values[fuzz.Pick(RepaymentFields)] = HostileCell(fuzz);
                }
                else
                {
                    expected.TryAdd(paymentId, amount);
                }
                rows.Add(Cells(fuzz, columns, values, clean));
            }
            var text = BuildCsv(fuzz, columns, rows, out var broken);
            var encoding = PickEncoding(fuzz, text);
            await CheckRepaymentImportAsync(fuzz, i, Encode(text, encoding), ImportFormat.Csv,
                broken || dropped is not null ? null : expected, $"csv {encoding}");
        }
    }

    [Fact]
    public async Task Random_complaint_files_record_each_complaint_once()
    {
        var fuzz = Fuzz.From(20261215);
        output.WriteLine($"seed {fuzz.Seed}");
        for (var i = 0; i < 50; i++)
        {
            var columns = Header(fuzz, ComplaintFields, ComplaintAliases, ["accountRef", "category", "severity", "summary"], out var dropped);
            var expected = new Dictionary<string, string>();
            var rows = new List<List<string>>();
            for (var k = 0; k < fuzz.Next(0, 12); k++)
            {
                var clean = !fuzz.Chance(0.3);
                var complaintRef = clean && expected.Count > 0 && fuzz.Chance(0.1) ? fuzz.Pick(expected.Keys.ToList()) : $"C{i}-{k}";
                var summary = string.Concat(Enumerable.Range(0, fuzz.Next(1, 20)).Select(_ => GbkNames[fuzz.Next(GbkNames.Length)]));
                var values = new Dictionary<string, string>
                {
                    ["complaintRef"] = complaintRef, ["accountRef"] = fuzz.Pick(Accounts), ["category"] = fuzz.Pick(["tone", "frequency", "other"]),
                    ["severity"] = fuzz.Pick(["low", "medium"]), ["summary"] = summary, ["source"] = fuzz.Pick(["", "hotline", "upload"]),
                    ["hold"] = fuzz.Pick(["", "false", "否"]), ["receivedAt"] = fuzz.Pick(["", "2026-11-20 10:00:00"]),
                };
                if (!clean)
                {
                    // The reference stays, so that the file is still one to import twice.
                    values[fuzz.Pick(ComplaintFields.Skip(1).ToList())] = HostileCell(fuzz);
                }
                else
                {
                    expected.TryAdd(complaintRef, summary);
                }
                rows.Add(Cells(fuzz, columns, values, clean));
            }
            var text = BuildCsv(fuzz, columns, rows, out var broken);
            var encoding = PickEncoding(fuzz, text);
            await CheckComplaintImportAsync(fuzz, i, Encode(text, encoding), ImportFormat.Csv,
                broken || dropped is not null ? null : expected, $"csv {encoding}");
        }
    }

    [Theory]
    [InlineData(FileEncoding.Gbk)]
    [InlineData(FileEncoding.Utf16LittleEndianWithByteOrderMark)]
    [InlineData(FileEncoding.Utf8WithByteOrderMark)]
    [InlineData(FileEncoding.Utf8)]
    public async Task A_chinese_csv_imports_as_written_in_each_encoding_excel_saves(FileEncoding encoding)
    {
        // GBK found by seed 20261211 case 11: read as UTF-8, its Chinese headings matched nothing and the
        // file was refused, and its Chinese cells would have been stored as U+FFFD.
        var file = Encode(string.Join("\r\n",
            "账号,姓名,称谓,手机号,customerType,product,地区,应还金额,minimumDue,到期日,dailyPenaltyRate",
            "GBK-1,王小明,先生,13812345678,salaried,credit_card,广东,5230.50,523.05,2026-11-10,0.0005",
            "GBK-2,欧阳娜娜,女士,13912345678,young,cash_loan,北京,800,80,2026-11-20,0.0008") + "\r\n", encoding);

        var report = await Portal.Service<CustomerImporter>().ImportAsync(new MemoryStream(file), ImportFormat.Csv, "客户.csv", Actor);

        Assert.Null(report.FileError);
        ImportAssert.Counts(report, rowsRead: 2, inserted: 2, updated: 0, rejected: 0);
        // An anonymous type, not a tuple: PostgreSQL's provider reads a projected tuple as one row value.
        var stored = await Portal.QueryAsync(db => db.Customers.Where(c => c.AccountRef == "GBK-1")
            .Select(c => new { c.Name, c.Region }).SingleAsync());
        Assert.Equal(("王小明", "广东"), (stored.Name, stored.Region));
        Assert.Equal("欧阳娜娜", (await Portal.CustomerAsync("GBK-2"))!.Name);
    }

    [Theory]
    [InlineData("random bytes")]
    [InlineData("truncated")]
    [InlineData("zip")]
    public async Task A_file_that_is_no_workbook_is_refused_as_unreadable_by_each_importer(string kind)
    {
        // Found by seed 20261213 case 0: MiniExcel's InvalidDataException escaped the importers (and the upload page).
        var fuzz = new Fuzz(7);
        var workbook = Xlsx(["accountRef", "name"], [["A1", "王"]]);
        var bytes = kind switch
        {
            "random bytes" => fuzz.Bytes(3000),
            "truncated" => workbook[..(workbook.Length / 2)],
            _ => ZipThatIsNotAWorkbook(fuzz),
        };
        var customers = await Portal.Service<CustomerImporter>().ImportAsync(new MemoryStream(bytes), ImportFormat.Xlsx, "x.xlsx", Actor);
        var repayments = await Portal.Service<RepaymentImporter>().ImportAsync(new MemoryStream(bytes), ImportFormat.Xlsx, "x.xlsx", Actor);
        var complaints = await Portal.Service<ComplaintImporter>().ImportAsync(new MemoryStream(bytes), ImportFormat.Xlsx, "x.xlsx", Actor);

        Assert.All([customers.FileError, repayments.FileError, complaints.FileError], e => Assert.Equal(ImportFile.UnreadableCode, e));
        Assert.Equal(0, await Portal.QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    /// <summary>
    /// A customer table: its columns, its rows and, for the rows written clean, the name each account
    /// must have after the import (null when a required column is missing, so nothing is expected).
    /// </summary>
    private static (List<(string Heading, string Field)> Columns, List<List<string>> Rows, Dictionary<string, string>? Expected)
        CustomerTable(Fuzz fuzz, int caseNumber)
    {
        var columns = Header(fuzz, CustomerFields, CustomerAliases, CustomerRowReaders.RequiredColumns, out var dropped);
        var expected = new Dictionary<string, string>();
        var rows = new List<List<string>>();
        for (var k = 0; k < fuzz.Next(0, 20); k++)
        {
            var clean = !fuzz.Chance(0.3);
            // A clean row sometimes names an account an earlier clean row named: the later one wins.
            var accountRef = clean && expected.Count > 0 && fuzz.Chance(0.15) ? fuzz.Pick(expected.Keys.ToList()) : $"F{caseNumber}-{k}";
            var name = string.Concat(Enumerable.Range(0, fuzz.Next(2, 4)).Select(_ => GbkNames[fuzz.Next(GbkNames.Length)]));
            var values = new Dictionary<string, string>
            {
                ["accountRef"] = accountRef, ["name"] = name, ["title"] = fuzz.Pick(["先生", "女士", "mr", "MS"]),
                ["phone"] = "138" + fuzz.Next(10_000_000, 99_999_999), ["customerType"] = fuzz.Pick(["salaried", "young", "retired"]),
                ["product"] = fuzz.Pick(["credit_card", "cash_loan"]), ["region"] = fuzz.Pick(["广东", "北京", "四川"]),
                ["timeZone"] = fuzz.Pick(["", "Asia/Shanghai"]), ["amountDue"] = "1234.50", ["minimumDue"] = fuzz.Pick(["100", "0"]),
                ["dueDate"] = "2026-11-01", ["dailyPenaltyRate"] = "0.0005", ["paydayOfMonth"] = fuzz.Pick(["", "15"]),
            };
            if (!clean)
            {
                values[fuzz.Pick(CustomerFields)] = HostileCell(fuzz);
                if (values["accountRef"] == accountRef)
                {
                    // A broken row never shares an account with a clean one, so what the clean one says stands.
                    values["accountRef"] = $"X{caseNumber}-{k}";
                }
            }
            else
            {
                expected[accountRef] = name;
            }
            rows.Add(Cells(fuzz, columns, values, clean));
        }
        return (columns, rows, dropped is null ? expected : null);
    }

    /// <summary>A row's cells in the columns' order; a broken row may also lose cells at its end or gain extra ones.</summary>
    private static List<string> Cells(Fuzz fuzz, List<(string Heading, string Field)> columns, Dictionary<string, string> values, bool clean)
    {
        var cells = columns.Select(c => c.Field == Junk ? HostileCell(fuzz) : values.GetValueOrDefault(c.Field, "")).ToList();
        if (!clean && fuzz.Chance(0.2))
        {
            cells = fuzz.Chance(0.5) ? cells.Take(fuzz.Next(cells.Count)).ToList() : [.. cells, HostileCell(fuzz)];
        }
        return cells;
    }

    private static string BuildCsv(Fuzz fuzz, List<(string Heading, string Field)> columns, List<List<string>> rows, out bool broken)
    {
        broken = fuzz.Chance(0.05);
        var text = new StringBuilder();
        text.Append(CsvLine(fuzz, columns.Select(c => c.Heading), false)).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(CsvLine(fuzz, row, broken)).Append(fuzz.Chance(0.1) ? "\n" : "\r\n");
            if (fuzz.Chance(0.05))
            {
                text.Append("\r\n");
            }
        }
        return text.ToString();
    }

    private static (byte[] Bytes, ImportFormat Format, string What) NotATable(Fuzz fuzz, int caseNumber)
    {
        var workbook = Xlsx(["accountRef", "name"], [["A1", "王"]]);
        return fuzz.Next(8) switch
        {
            0 => ([], fuzz.Pick([ImportFormat.Csv, ImportFormat.Xlsx]), "empty"),
            1 => (fuzz.Bytes(fuzz.Next(1, 5000)), ImportFormat.Csv, "random bytes as csv"),
            2 => (fuzz.Bytes(fuzz.Next(1, 5000)), ImportFormat.Xlsx, "random bytes as xlsx"),
            3 => (workbook[..fuzz.Next(1, workbook.Length - 1)], ImportFormat.Xlsx, "truncated xlsx"),
            4 => (ZipThatIsNotAWorkbook(fuzz), ImportFormat.Xlsx, "zip that is no workbook"),
            5 => (Encoding.UTF8.GetBytes("accountRef,name\r\nA1,王\r\n"), ImportFormat.Xlsx, "csv named xlsx"),
            6 => (workbook, ImportFormat.Csv, "xlsx named csv"),
            _ => (Encode(fuzz.Pick(["\r\n", "\uFEFF", "\"", "\"unterminated,\r\nx", "a,b,c"]), fuzz.Pick(Enum.GetValues<FileEncoding>())),
                ImportFormat.Csv, "a header of nothing"),
        };
    }

    private Task CheckCustomerImportAsync(Fuzz fuzz, int caseNumber, byte[] bytes, ImportFormat format,
        Dictionary<string, string>? expected, string what) =>
        CheckImportAsync($"{fuzz.Replay(caseNumber)} ({what}, {bytes.Length} bytes)",
            async () => Outcome.Of(await Portal.Service<CustomerImporter>().ImportAsync(new MemoryStream(bytes), format, "fuzz", Actor), r => r.Updated),
            db => db.Customers.CountAsync(),
            keys => Portal.QueryAsync(db => db.Customers.AsNoTracking().Where(c => keys.Contains(c.AccountRef)).ToDictionaryAsync(c => c.AccountRef, c => c.Name)),
            expected, CustomerSnapshotAsync);

    private Task CheckRepaymentImportAsync(Fuzz fuzz, int caseNumber, byte[] bytes, ImportFormat format,
        Dictionary<string, string>? expected, string what) =>
        CheckImportAsync($"{fuzz.Replay(caseNumber)} ({what}, {bytes.Length} bytes)",
            async () => Outcome.Of(await Portal.Service<RepaymentImporter>().ImportAsync(new MemoryStream(bytes), format, "fuzz", Actor)),
            db => db.Repayments.CountAsync(),
            keys => Portal.QueryAsync(db => db.Repayments.AsNoTracking().Where(r => keys.Contains(r.PaymentId))
                .ToDictionaryAsync(r => r.PaymentId, r => r.Amount.ToString("0.00", CultureInfo.InvariantCulture))),
            expected,
            // A payment recorded twice would lower what is owed twice.
            () => Portal.QueryAsync(async db => (await db.Customers.AsNoTracking().Where(c => Accounts.Contains(c.AccountRef)).OrderBy(c => c.AccountRef)
                .Select(c => c.AmountDue).ToListAsync()).Select(a => a.ToString(CultureInfo.InvariantCulture)).Append($"{await db.Repayments.CountAsync()}").ToList()));

    private Task CheckComplaintImportAsync(Fuzz fuzz, int caseNumber, byte[] bytes, ImportFormat format,
        Dictionary<string, string>? expected, string what) =>
        // Rows without a complaintRef have nothing to be recognised by on a second upload; every fuzzed row has one.
        CheckImportAsync($"{fuzz.Replay(caseNumber)} ({what}, {bytes.Length} bytes)",
            async () => Outcome.Of(await Portal.Service<ComplaintImporter>().ImportAsync(new MemoryStream(bytes), format, "fuzz", Actor), r => r.AlreadyRecorded),
            db => db.Complaints.CountAsync(),
            keys => Portal.QueryAsync(db => db.Complaints.AsNoTracking().Where(c => keys.Contains(c.ComplaintRef!)).ToDictionaryAsync(c => c.ComplaintRef!, c => c.Summary)),
            expected,
            () => Portal.QueryAsync(async db => new List<string> { $"{await db.Complaints.CountAsync()}" }));

    /// <summary>
    /// The properties of any import: refused whole and nothing written, or every row counted, the stored
    /// rows exactly those reported, audited, each refused row with a reason; the rows written clean
    /// (<paramref name="expected"/>: key to value) stored as written; and a second import changing nothing.
    /// </summary>
    private async Task CheckImportAsync(string replay, Func<Task<Outcome>> import, Func<PortalDbContext, Task<int>> count,
        Func<List<string>, Task<Dictionary<string, string>>> stored, Dictionary<string, string>? expected, Func<Task<List<string>>> snapshot)
    {
        var (before, auditBefore) = await CountsAsync(count);
        var report = await Run(replay, import);
        var (after, auditAfter) = await CountsAsync(count);
        if (report.FileError is not null)
        {
            Assert.True(after == before && auditAfter == auditBefore, $"{replay}: refused ({report.FileError}) but wrote");
            Assert.Equal(0, report.RowsRead);
        }
        else
        {
            Assert.True(report.RowsRead == report.Stored + report.Unchanged + report.Refused, $"{replay}: rows unaccounted for: {report}");
            Assert.True(after - before == report.Stored, $"{replay}: {after - before} stored, {report.Stored} reported");
            // The upload itself is audited (repayments and complaints also audit each row they record).
            Assert.True(auditAfter > auditBefore, $"{replay}: not audited");
            CheckRowErrors(replay, report.Refused, report.Errors, report.Unlisted);
        }
        if (expected is not null)
        {
            Assert.True(report.FileError is null, $"{replay}: refused: {report.FileError}");
            var values = await stored([.. expected.Keys]);
            foreach (var (key, value) in expected)
            {
                Assert.True(values.GetValueOrDefault(key) == value, $"{replay}: {key} stored as \"{values.GetValueOrDefault(key)}\", written as \"{value}\"");
            }
        }

        var state = await snapshot();
        var again = await Run(replay, import);
        Assert.True(again.Stored == 0 && again.FileError == report.FileError, $"{replay}: the second import differs: {again}");
        Assert.True(state.SequenceEqual(await snapshot()), $"{replay}: the second import changed what is stored");
    }

    /// <summary>Every refused row has a listed reason with a message (unless the list is full).</summary>
    private static void CheckRowErrors(string replay, int refusedRows, IReadOnlyList<ImportRowError> errors, int unlisted)
    {
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message), $"{replay}: a reason without a message"));
        Assert.All(errors, e => Assert.True(e.Row >= 2, $"{replay}: reason for row {e.Row}"));
        if (unlisted == 0)
        {
            Assert.True(errors.Select(e => e.Row).Distinct().Count() == refusedRows, $"{replay}: {refusedRows} refused rows, reasons for {errors.Select(e => e.Row).Distinct().Count()}");
        }
    }

    private static async Task<T> Run<T>(string replay, Func<Task<T>> import)
    {
        try
        {
            return await import();
        }
        catch (Exception exception)
        {
            throw new Xunit.Sdk.XunitException($"{replay}: the import threw\n{exception}");
        }
    }

    private async Task<(int Rows, int Audit)> CountsAsync(Func<PortalDbContext, Task<int>> rows) =>
        (await Portal.QueryAsync(rows), await Portal.QueryAsync(db => db.AuditEntries.CountAsync()));

    private Task<List<string>> CustomerSnapshotAsync() => Portal.QueryAsync(db => db.Customers.AsNoTracking().OrderBy(c => c.AccountRef)
        .Select(c => c.AccountRef + "|" + c.Name + "|" + c.Phone + "|" + c.Region + "|" + c.AmountDue + "|" + c.MinimumDue + "|" + c.DueDate + "|" + c.TimeZone)
        .ToListAsync());

    /// <summary>What any of the importers answered, in one shape: <see cref="Unchanged"/> counts updates or rows recorded before.</summary>
    private sealed record Outcome(string? FileError, int RowsRead, int Stored, int Unchanged, int Refused,
        IReadOnlyList<ImportRowError> Errors, int Unlisted)
    {
        public static Outcome Of(ImportReport report, Func<ImportReport, int> unchanged) => new(report.FileError, report.RowsRead,
            report.Inserted, unchanged(report), report.RejectedRows, report.Errors, report.UnlistedErrors);

        public static Outcome Of(RepaymentUploadReport report) => new(report.FileError, report.RowsRead,
            report.Recorded, report.AlreadyRecorded, report.RefusedRows, report.Errors, report.UnlistedErrors);
    }
}

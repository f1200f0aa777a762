using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.ImportFiles;

namespace OverdueSmsPortal.IntegrationTests.Outcomes;

/// <summary>Repayment files as the lender's staff upload them, over real SQLite; the messages were delivered at 10:00 on 24 November.</summary>
public sealed class RepaymentUploadTests : DeliveredMessagesTest
{
    private const string Header = "paymentId,accountRef,amount,paidAt";

    private Task<RepaymentUploadReport> UploadAsync(Stream file, ImportFormat format, string fileName = "repayments.csv",
        IProgress<ImportProgress>? progress = null) =>
        Portal.Service<RepaymentImporter>().ImportAsync(file, format, fileName, "admin", progress);

    private Task<List<Repayment>> RepaymentsAsync() =>
        Portal.QueryAsync(db => db.Repayments.AsNoTracking().OrderBy(r => r.Id).ToListAsync());

    private static List<(int Row, string? AccountRef, string Field, string Code)> Errors(RepaymentUploadReport report) =>
        report.Errors.Select(e => (e.Row, e.AccountRef, e.Field, e.Code)).ToList();

    private static void Counts(RepaymentUploadReport report, int rowsRead, int recorded, int alreadyRecorded, int refused, decimal amount)
    {
        Assert.Null(report.FileError);
        Assert.Equal((rowsRead, recorded, alreadyRecorded, refused, amount),
            (report.RowsRead, report.Recorded, report.AlreadyRecorded, report.RefusedRows, report.AmountRecorded));
    }

    private static MemoryStream AGoodAndBadCsv() => Csv(
        Header,
        "PAY-1,CC0001,1000.00,2026-11-25 10:00:00",
        "PAY-2,CC0002,12abc,2026-11-25 11:00:00",
        "PAY-3,NO-SUCH,50,2026-11-25 12:00:00",
        ",CC0003,,yesterday",
        "PAY-5,CC0003,20.5,2026-11-26T09:30:00+08:00");

    [Fact]
    public async Task A_csv_file_records_its_good_rows_and_refuses_each_bad_row_with_its_line_field_and_reason()
    {
        var report = await UploadAsync(AGoodAndBadCsv(), ImportFormat.Csv);

        Counts(report, rowsRead: 5, recorded: 2, alreadyRecorded: 0, refused: 3, amount: 1020.50m);
        Assert.Equal(
        [
            (3, "CC0002", "amount", "repayment.amount.unreadable"),
            (4, "NO-SUCH", "accountRef", RepaymentError.UnknownAccountCode),
            (5, "CC0003", "paymentId", "repayment.paymentId.required"),
            (5, "CC0003", "amount", "repayment.amount.required"),
            (5, "CC0003", "paidAt", "repayment.paidAt.unreadable"),
        ], Errors(report));
        Assert.All(report.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        var recorded = await RepaymentsAsync();
        Assert.Equal(["PAY-1", "PAY-5"], recorded.Select(r => r.PaymentId));
        Assert.All(recorded, r => Assert.Equal("upload", r.Source));
        // 10:00 in Shanghai, a day after the delivery: credited to the message, and what is owed goes down.
        Assert.Equal((DeliveredAt.AddDays(1), SentTo(1).Id), (recorded[0].PaidAt, recorded[0].CreditedMessageId));
        Assert.Equal(5230.50m - 1000m, (await Portal.CustomerAsync("CC0001"))!.AmountDue);
    }

    [Fact]
    public async Task One_upload_is_one_audit_entry_with_its_counts()
    {
        await UploadAsync(AGoodAndBadCsv(), ImportFormat.Csv, "one-upload.csv");

        var entry = Assert.Single(await Portal.QueryAsync(db =>
            db.AuditEntries.AsNoTracking().Where(a => a.EntityType == AuditNames.Repayments).ToListAsync()));
        Assert.Equal("one-upload.csv", entry.EntityId);
        Assert.Contains("\"recorded\":2", entry.After);
        Assert.Contains("\"refused\":3", entry.After);
    }

    [Fact]
    public async Task Chinese_headings_in_any_order_and_a_byte_order_mark_are_understood()
    {
        var report = await UploadAsync(CsvWithByteOrderMark(
            "金额,还款时间,账户号,还款编号",
            "300,2026-11-25 10:00:00,CC0002,还款-0001"), ImportFormat.Csv);

        Counts(report, rowsRead: 1, recorded: 1, alreadyRecorded: 0, refused: 0, amount: 300m);
        var repayment = Assert.Single(await RepaymentsAsync());
        Assert.Equal(("还款-0001", SentTo(2).Id), (repayment.PaymentId, repayment.CreditedMessageId));
    }

    [Fact]
    public async Task An_excel_file_takes_its_time_and_number_cells_as_they_show_and_reports_bad_rows_by_sheet_row()
    {
        var report = await UploadAsync(Xlsx(
            ARow("PAY-1", "CC0001", 1000.5, new DateTime(2026, 11, 25, 10, 0, 0)),
            ARow("PAY-2", "CC0002", -5, new DateTime(2026, 11, 25, 11, 0, 0)),
            ARow("PAY-3", "CC0003", 80, "2026-11-26 08:00:00")), ImportFormat.Xlsx, "repayments.xlsx");

        Counts(report, rowsRead: 3, recorded: 2, alreadyRecorded: 0, refused: 1, amount: 1080.5m);
        Assert.Equal([(3, "CC0002", "amount", "repayment.amount.positive")], Errors(report));
        var recorded = await RepaymentsAsync();
        Assert.Equal([DeliveredAt.AddDays(1), DeliveredAt.AddDays(2).AddHours(-2)], recorded.Select(r => r.PaidAt));
        Assert.Equal(5230.50m - 1000.5m, (await Portal.CustomerAsync("CC0001"))!.AmountDue);
    }

    [Fact]
    public async Task The_same_file_uploaded_again_records_nothing_twice_and_says_its_rows_were_recorded_before()
    {
        await UploadAsync(AGoodAndBadCsv(), ImportFormat.Csv);
        var owedBefore = (await Portal.CustomerAsync("CC0001"))!.AmountDue;

        var again = await UploadAsync(AGoodAndBadCsv(), ImportFormat.Csv);

        Counts(again, rowsRead: 5, recorded: 0, alreadyRecorded: 2, refused: 3, amount: 0m);
        Assert.Equal(2, (await RepaymentsAsync()).Count);
        Assert.Equal(owedBefore, (await Portal.CustomerAsync("CC0001"))!.AmountDue);
    }

    [Fact]
    public async Task A_large_file_is_recorded_chunk_by_chunk_with_progress_and_a_payment_id_repeated_in_a_later_chunk_counts_once()
    {
        var rows = Enumerable.Range(1, RepaymentImporter.ChunkSize * 2)
            .Select(i => $"PAY-{i:D5},CC000{i % 3 + 1},0.01,2026-11-25 10:00:00")
            .Append("PAY-00001,CC0002,0.01,2026-11-25 10:00:00");
        var progress = new RecordingProgress<ImportProgress>();

        var report = await UploadAsync(Csv([Header, .. rows]), ImportFormat.Csv, progress: progress);

        Counts(report, rowsRead: 1001, recorded: 1000, alreadyRecorded: 1, refused: 0, amount: 10m);
        Assert.Equal([500, 1000, 1001], progress.Reports.Select(p => p.RowsRead));
        Assert.Equal(1, progress.Reports[^1].Fraction);
        Assert.Equal(1000, await Portal.QueryAsync(db => db.Repayments.CountAsync()));
    }

    [Fact]
    public async Task A_file_without_the_required_columns_records_nothing_and_names_what_is_missing()
    {
        var report = await UploadAsync(Csv("paymentId,accountRef", "PAY-1,CC0001"), ImportFormat.Csv);

        Assert.Equal("import.file.missingColumns:amount,paidAt", report.FileError);
        Assert.Empty(await RepaymentsAsync());
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var report = await UploadAsync(Csv(), ImportFormat.Csv);

        Assert.Equal("import.file.empty", report.FileError);
    }

    [Fact]
    public async Task The_upload_is_audited_with_its_file_name_and_counts()
    {
        await UploadAsync(AGoodAndBadCsv(), ImportFormat.Csv, "november.csv");

        var entry = await Portal.QueryAsync(db =>
            db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == AuditNames.Repayments && a.EntityId == "november.csv"));
        Assert.Equal(("admin", AuditNames.Imported), (entry.Actor, entry.Action));
        Assert.Contains("\"recorded\":2", entry.After);
        Assert.Contains("\"refused\":3", entry.After);
    }

    private static Dictionary<string, object> ARow(string paymentId, string accountRef, object amount, object paidAt) => new()
    {
        ["paymentId"] = paymentId, ["accountRef"] = accountRef, ["amount"] = amount, ["paidAt"] = paidAt,
    };
}

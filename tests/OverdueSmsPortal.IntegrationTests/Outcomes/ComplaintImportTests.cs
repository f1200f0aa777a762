using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.Outcomes;

/// <summary>Complaints from an upload file: per-row errors, the good rows kept, a file sent again changes nothing.</summary>
public sealed class ComplaintImportTests : SentMessagesTest
{
    private const string Header = "complaintRef,accountRef,category,severity,summary,messageId,source,hold,receivedAt";

    private Task<ImportReport> ImportAsync(Stream file, ImportFormat format = ImportFormat.Csv) =>
        Portal.Service<ComplaintImporter>().ImportAsync(file, format, "complaints.csv", "admin");

    [Fact]
    public async Task Bad_rows_are_reported_by_row_field_and_reason_and_the_good_rows_are_recorded()
    {
        var file = ImportFiles.Csv(Header,
            $"U-1,CC0001,frequency,high,客户投诉一天多次,{SentTo(1).Id},hotline,,2026-11-23T09:00:00",
            "U-2,NO-SUCH,tone,low,语气,,,,",
            "U-3,CC0002,rude,urgent,,,,maybe,",
            $"U-4,CC0003,privacy,medium,发错人了,{SentTo(1).Id},regulator,是,",
            "U-5,CC0003,wrong_person,medium,不是本人,,,否,");

        var report = await ImportAsync(file);

        Assert.Null(report.FileError);
        Assert.Equal((5, 2, 3), (report.RowsRead, report.Inserted, report.RejectedRows));
        Assert.Equal([(3, "accountRef"), (4, "category"), (4, "severity"), (4, "hold"), (4, "summary"), (5, "messageId")],
            report.Errors.Select(e => (e.Row, e.Field)));
        Assert.Equal("Complaints.Error.MessageOfAnotherCustomer", report.Errors[^1].Code);
        var stored = await Portal.QueryAsync(db => db.Complaints.AsNoTracking().OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([("U-1", ComplaintSource.Hotline, true), ("U-5", ComplaintSource.Upload, false)],
            stored.Select(c => (c.ComplaintRef!, c.Source, c.HoldsCustomer)));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero), stored[0].ReceivedAt);
    }

    [Fact]
    public async Task The_same_file_again_records_nothing_and_counts_its_rows_as_already_recorded()
    {
        string[] lines = [Header, "U-1,CC0001,frequency,low,太频繁,,,,", "U-2,CC0002,tone,low,语气,,,,"];
        await ImportAsync(ImportFiles.Csv(lines));

        var again = await ImportAsync(ImportFiles.Csv(lines));

        Assert.Equal((2, 0, 2, 0), (again.RowsRead, again.Inserted, again.AlreadyRecorded, again.RejectedRows));
        Assert.Equal(2, await Portal.QueryAsync(db => db.Complaints.CountAsync()));
    }

    [Fact]
    public async Task An_excel_file_with_chinese_headings_is_read_too()
    {
        var file = ImportFiles.Xlsx(new Dictionary<string, object>
        {
            ["账号"] = "CC0002", ["类别"] = "privacy", ["严重程度"] = "high", ["内容"] = "泄露了欠款信息",
        });

        var report = await ImportAsync(file, ImportFormat.Xlsx);

        Assert.Equal((1, 1), (report.RowsRead, report.Inserted));
        Assert.Equal(Core.Policy.CustomerHold.Complaint, (await Portal.CustomerAsync("CC0002"))!.Hold);
    }

    [Fact]
    public async Task A_file_without_the_required_columns_is_refused_whole()
    {
        var report = await ImportAsync(ImportFiles.Csv("accountRef,summary", "CC0001,x"));

        Assert.Equal("import.file.missingColumns:category,severity", report.FileError);
        Assert.Equal(0, await Portal.QueryAsync(db => db.Complaints.CountAsync()));
    }
}

namespace OverdueSmsPortal.Infrastructure.Importing;

/// <summary>One reason a row was not imported. <see cref="Row"/> is the row number as a spreadsheet shows it (header = 1).</summary>
public sealed record ImportRowError(int Row, string? AccountRef, string Field, string Code, string Message);

/// <summary>How far an import has come, for a progress bar.</summary>
public sealed record ImportProgress(int RowsRead, int Imported, int Rejected, double Fraction);

/// <summary>
/// The outcome of an import. Errors beyond <see cref="CustomerImporter.MaxReportedErrors"/> are counted, not listed.
/// <see cref="AlreadyRecorded"/> counts rows an idempotent import had recorded before and left unchanged.
/// </summary>
public sealed record ImportReport(
    int RowsRead,
    int Inserted,
    int Updated,
    int RejectedRows,
    IReadOnlyList<ImportRowError> Errors,
    int UnlistedErrors,
    string? FileError,
    int AlreadyRecorded = 0)
{
    public int Imported => Inserted + Updated;

    public static ImportReport Refused(string fileError) => new(0, 0, 0, 0, [], 0, fileError);
}

/// <summary>The file formats an import accepts.</summary>
public enum ImportFormat
{
    Csv,
    Xlsx,
}

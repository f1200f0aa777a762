using System.ComponentModel.DataAnnotations;

namespace OverdueSmsPortal.Web.Security;

/// <summary>How large an upload may be (<c>Portal:Uploads</c>); see appsettings.example.json.</summary>
public sealed class UploadOptions
{
    public const string Section = "Portal:Uploads";

    /// <summary>A file uploaded on the customer import, repayment and complaint pages.</summary>
    [Range(1024, 2L * 1024 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>The JSON body of one API call (customers, repayments, complaints).</summary>
    [Range(1024, 512L * 1024 * 1024)]
    public long MaxApiBodyBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>A size as people read it: "200 MB", "512 KB".</summary>
    public static string SizeText(long bytes) =>
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / 1024 / 1024} MB"
        : bytes >= 1024 * 1024 ? $"{bytes / 1024.0 / 1024.0:0.#} MB"
        : $"{Math.Ceiling(bytes / 1024.0):0} KB";
}

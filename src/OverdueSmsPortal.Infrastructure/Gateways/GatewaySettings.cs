using FluentValidation;

namespace OverdueSmsPortal.Infrastructure.Gateways;

/// <summary>Which gateway campaigns send through.</summary>
public enum GatewayProvider
{
    /// <summary>The built-in gateway: nothing leaves this machine.</summary>
    Development = 1,
    /// <summary>Kannel's HTTP sendsms interface, in front of the carriers.</summary>
    Kannel = 2,
}

/// <summary>
/// The gateway settings an Admin keeps in Settings (stored as JSON in <c>PortalSettings</c>). The
/// Kannel password and the callback token are stored protected with ASP.NET Core Data Protection and
/// never leave the server again.
/// </summary>
public sealed record GatewaySettings
{
    public GatewayProvider Provider { get; init; } = GatewayProvider.Development;

    /// <summary>smsbox's sendsms address, e.g. http://127.0.0.1:13013/cgi-bin/sendsms.</summary>
    public string KannelUrl { get; init; } = "";

    public string KannelUsername { get; init; } = "";

    public string? ProtectedKannelPassword { get; init; }

    /// <summary>The sender id or short code the customer sees, e.g. 10690000.</summary>
    public string SenderId { get; init; } = "";

    /// <summary>Which delivery reports Kannel sends: 1 delivered, 2 failed, 4 buffered, 8 submitted, 16 rejected.</summary>
    public int DlrMask { get; init; } = KannelDlrMask.All;

    /// <summary>Messages per second the gateway takes, for all campaigns together.</summary>
    public int ThroughputPerSecond { get; init; } = 50;

    /// <summary>Where Kannel reaches the portal for delivery reports, e.g. http://127.0.0.1:5000.</summary>
    public string CallbackBaseUrl { get; init; } = "";

    public string? ProtectedCallbackToken { get; init; }

    /// <summary>The token before the last rotation: still taken for a day, for reports of messages already out.</summary>
    public string? ProtectedPreviousCallbackToken { get; init; }

    public DateTimeOffset? CallbackTokenIssuedAt { get; init; }

    public static GatewaySettings Default { get; } = new();
}

/// <summary>Kannel's delivery report values (its <c>%d</c>), and the mask that asks for all of them.</summary>
public static class KannelDlrMask
{
    public const int Delivered = 1;
    public const int Failed = 2;
    public const int Buffered = 4;
    public const int Submitted = 8;
    public const int Rejected = 16;
    public const int All = Delivered | Failed | Buffered | Submitted | Rejected;
}

/// <summary>What an Admin submits in the gateway form; an empty password keeps the stored one.</summary>
public sealed class GatewaySettingsInput
{
    public GatewayProvider Provider { get; set; } = GatewayProvider.Development;
    public string KannelUrl { get; set; } = "";
    public string KannelUsername { get; set; } = "";
    public string? NewKannelPassword { get; set; }
    public string SenderId { get; set; } = "";
    public int DlrMask { get; set; } = KannelDlrMask.All;
    public int ThroughputPerSecond { get; set; } = 50;
    public string CallbackBaseUrl { get; set; } = "";

    /// <summary>Set by the store: whether a password is stored already, so that none need be typed again.</summary>
    public bool HasStoredPassword { get; set; }

    public static GatewaySettingsInput From(GatewaySettings settings) => new()
    {
        Provider = settings.Provider,
        KannelUrl = settings.KannelUrl,
        KannelUsername = settings.KannelUsername,
        SenderId = settings.SenderId,
        DlrMask = settings.DlrMask,
        ThroughputPerSecond = settings.ThroughputPerSecond,
        CallbackBaseUrl = settings.CallbackBaseUrl,
        HasStoredPassword = settings.ProtectedKannelPassword is not null,
    };
}

/// <summary>Checks the gateway form; Kannel's fields are needed only when Kannel is chosen. Codes name each problem.</summary>
public sealed class GatewaySettingsInputValidator : AbstractValidator<GatewaySettingsInput>
{
    public const int MaxSenderIdLength = 20;
    public const int MaxThroughput = 1000;

    public GatewaySettingsInputValidator()
    {
        RuleFor(i => i.Provider).IsInEnum();
        When(i => i.Provider == GatewayProvider.Kannel, () =>
        {
            RuleFor(i => i.KannelUrl).Must(IsHttpUrl)
                .WithErrorCode("kannel_url").WithMessage("Give smsbox's sendsms address, e.g. http://127.0.0.1:13013/cgi-bin/sendsms.");
            RuleFor(i => i.KannelUsername).Cascade(CascadeMode.Stop)
                .NotEmpty().WithErrorCode("kannel_username").WithMessage("Give the sendsms-user's username from kannel.conf.")
                .MaximumLength(64).WithErrorCode("kannel_username").WithMessage("A username has 64 characters at most.");
            RuleFor(i => i.NewKannelPassword).NotEmpty().When(i => !i.HasStoredPassword)
                .WithErrorCode("kannel_password").WithMessage("Give the sendsms-user's password from kannel.conf.");
            RuleFor(i => i.SenderId).Cascade(CascadeMode.Stop)
                .NotEmpty().WithErrorCode("sender_id").WithMessage(SenderIdMessage)
                .MaximumLength(MaxSenderIdLength).WithErrorCode("sender_id").WithMessage(SenderIdMessage)
                .Matches("^[0-9A-Za-z+]+$").WithErrorCode("sender_id").WithMessage(SenderIdMessage);
            RuleFor(i => i.CallbackBaseUrl).Must(IsHttpUrl)
                .WithErrorCode("callback_url").WithMessage("Give the address Kannel reaches the portal at, e.g. http://127.0.0.1:5000.");
        });
        RuleFor(i => i.NewKannelPassword).MaximumLength(128)
            .WithErrorCode("kannel_password").WithMessage("A password has 128 characters at most.");
        RuleFor(i => i.DlrMask).Cascade(CascadeMode.Stop)
            .InclusiveBetween(1, KannelDlrMask.All).WithErrorCode("dlr_mask").WithMessage(DlrMaskMessage)
            .Must(m => (m & KannelDlrMask.Delivered) != 0 && (m & KannelDlrMask.Failed) != 0).WithErrorCode("dlr_mask").WithMessage(DlrMaskMessage);
        RuleFor(i => i.ThroughputPerSecond).InclusiveBetween(1, MaxThroughput)
            .WithErrorCode("throughput").WithMessage($"Throughput is 1 to {MaxThroughput} messages a second.");
    }

    private const string SenderIdMessage = "The sender id is the short code or name customers see: letters and digits, up to 20.";
    private const string DlrMaskMessage = "The mask must ask at least for delivered (1) and failed (2) reports; 31 asks for all.";

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.UserInfo);
}

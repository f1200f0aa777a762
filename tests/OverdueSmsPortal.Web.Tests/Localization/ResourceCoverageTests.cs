using System.Reflection;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Internal;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Templates.Lint;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Localization;

/// <summary>Every string the portal shows exists in Simplified Chinese and in English.</summary>
public sealed partial class ResourceCoverageTests
{
    [Fact]
    public void Chinese_and_English_resources_have_the_same_keys()
    {
        var onlyChinese = ResourceFiles.ChineseEntries.Keys.Except(ResourceFiles.EnglishEntries.Keys).Order(StringComparer.Ordinal);
        var onlyEnglish = ResourceFiles.EnglishEntries.Keys.Except(ResourceFiles.ChineseEntries.Keys).Order(StringComparer.Ordinal);

        Assert.Empty(onlyChinese);
        Assert.Empty(onlyEnglish);
    }

    [Theory]
    [InlineData(ResourceFiles.Chinese)]
    [InlineData(ResourceFiles.English)]
    public void No_resource_value_is_empty(string fileName)
    {
        var empty = ResourceFiles.Read(fileName).Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key);

        Assert.Empty(empty);
    }

    [Fact]
    public void Every_key_the_web_project_names_literally_exists()
    {
        var sources = SourceTree.WebProject
            .EnumerateFiles("*.*", SearchOption.AllDirectories)
            .Where(f => f.Extension is ".razor" or ".cs")
            .Where(f => !IsBuildOutput(f));
        var keys = sources.SelectMany(f => LiteralKey().Matches(File.ReadAllText(f.FullName)).Select(m => m.Groups[1].Value)).ToList();

        Assert.NotEmpty(keys);
        Assert.Empty(ResourceFiles.Missing(keys));
    }

    [Theory]
    [InlineData("Title", typeof(CustomerTitle))]
    [InlineData("CustomerType", typeof(CustomerType))]
    [InlineData("Product", typeof(LoanProduct))]
    [InlineData("Tone", typeof(Tone))]
    [InlineData("TemplateStatus", typeof(TemplateVersionStatus))]
    [InlineData("ReviewError", typeof(TemplateReviewError))]
    [InlineData("CampaignStatus", typeof(CampaignStatus))]
    [InlineData("CampaignError", typeof(CampaignError))]
    [InlineData("ComplaintError", typeof(ComplaintError))]
    [InlineData("ScheduleKind", typeof(ScheduleKind))]
    [InlineData("RunStatus", typeof(RunStatus))]
    [InlineData("MessageStatus", typeof(MessageStatus))]
    [InlineData("Suppression", typeof(SuppressionReason))]
    [InlineData("Contact.Hold", typeof(CustomerHold))]
    [InlineData("LintCategory", typeof(LintTermCategory))]
    [InlineData("ReplyCategory", typeof(ReplyCategory))]
    [InlineData("ReplyMatch", typeof(ReplyMatch))]
    [InlineData("GatewayProvider", typeof(GatewayProvider))]
    [InlineData("ComplaintSource", typeof(ComplaintSource))]
    [InlineData("ComplaintCategory", typeof(ComplaintCategory))]
    [InlineData("ComplaintStatus", typeof(ComplaintStatus))]
    [InlineData("Complaints.Severity", typeof(ComplaintSeverity))]
    [InlineData("Database.Fault", typeof(OverdueSmsPortal.Infrastructure.Persistence.DatabaseFault))]
    public void Every_value_of_an_enum_shown_in_the_ui_has_a_name(string prefix, Type enumType)
    {
        var keys = Enum.GetNames(enumType).Select(name => $"{prefix}.{name}");

        Assert.Empty(ResourceFiles.Missing(keys));
    }

    [Fact]
    public void Every_tone_has_its_guidance_and_every_edge_case_of_the_preview_its_label()
    {
        var keys = Tones.All.Select(tone => $"Tone.{tone}.Guidance")
            .Concat(Enum.GetValues<PreviewCase>().Where(c => c != PreviewCase.Member).Select(c => $"Preview.Case.{c}"));

        Assert.Empty(ResourceFiles.Missing(keys));
    }

    [Fact]
    public void Every_lint_rule_and_every_placeholder_has_a_sentence()
    {
        var rules = typeof(LintRules).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => $"Lint.{f.GetRawConstantValue()}")
            .ToList();
        var placeholders = TemplatePlaceholders.All.Select(p => $"Placeholder.{p}");

        Assert.Contains("Lint.third_party", rules);
        Assert.Empty(ResourceFiles.Missing(rules.Concat(placeholders)));
    }

    [Fact]
    public void Every_segment_ladder_lint_list_and_template_error_code_has_a_translation()
    {
        var codes = ErrorCodes(new SegmentRulesValidator(StageLadder.Default()))
            .Concat(ErrorCodes(new StageLadderValidator()))
            .Concat(ErrorCodes(new TemplateBodyRules()))
            .Concat(["segment.name.taken", "stage.key.missing", "stage.legalNoticeInUse",
                     "lint.term.required", "lint.term.tooLong", "lint.term.duplicate", "lint.domain.invalid", "lint.domain.duplicate"])
            .ToList();

        Assert.Contains("segment.tones.legalNoticeEarly", codes);
        Assert.Contains("stage.overlap", codes);
        Assert.Empty(ResourceFiles.Missing(codes));
    }

    [Fact]
    public void Every_campaign_and_policy_error_code_day_action_and_failure_reason_has_a_translation()
    {
        // The per-segment rules are child rules, which the descriptor does not list: named here.
        var codes = ErrorCodes(new CampaignPlanValidator(new DateOnly(2026, 11, 24), _ => true))
            .Concat(ErrorCodes(new PolicySettingsValidator()))
            .Concat(["campaign.version.required", "campaign.split.version_required", "campaign.split.same_version",
                     "campaign.split.percent", "campaign.split.percent_without_variant"])
            .ToList();
        var keys = WeekDays.All.Singles().Select(d => $"WeekDay.{d}")
            .Concat(Enum.GetNames<Web.Components.Pages.Campaigns.CampaignAction>().Select(a => $"Campaign.Done.{a}"))
            .Concat(typeof(FailureReasons).GetFields().Select(f => $"Failure.{f.GetRawConstantValue()}"));

        Assert.Contains("campaign.window.before_contact_hours", codes);
        Assert.Contains("policy.promise_interval", codes);
        Assert.Empty(ResourceFiles.Missing(codes.Concat(keys)));
    }

    [Fact]
    public void Every_reply_match_and_gateway_provider_is_explained_and_every_gateway_field_has_its_error()
    {
        var properties = new GatewaySettingsInputValidator().CreateDescriptor().Rules.Select(r => r.PropertyName).Distinct().ToList();
        var keys = Enum.GetNames<ReplyMatch>().Select(m => $"ReplyMatch.{m}.Help")
            .Concat(Enum.GetNames<GatewayProvider>().Select(p => $"GatewayProvider.{p}.Help"))
            .Concat(properties.Select(p => $"GatewayError.{p}"));

        Assert.Contains(nameof(GatewaySettingsInput.KannelUrl), properties);
        Assert.Empty(ResourceFiles.Missing(keys));
    }

    [Fact]
    public void Every_role_has_a_name_and_a_description()
    {
        var keys = PortalRoles.All.SelectMany(role => new[] { $"Role.{role}", $"Role.{role}.Description" });

        Assert.Empty(ResourceFiles.Missing(keys));
    }

    [Fact]
    public void Every_customer_validation_error_code_has_a_translation()
    {
        var codes = ErrorCodes(new CustomerRecordValidator()).ToList();

        Assert.Contains("customer.minimumDue.aboveAmountDue", codes);
        Assert.Empty(ResourceFiles.Missing(codes));
    }

    [Fact]
    public void Every_complaint_error_code_has_a_translation()
    {
        var codes = ErrorCodes(new ComplaintInputValidator(DateTimeOffset.UnixEpoch))
            .Concat(ErrorCodes(new ComplaintClosingValidator()))
            .Concat(["Complaints.Error.HoldInvalid", "Complaints.Error.ReceivedAtInvalid", "Complaints.Error.UnknownAccount",
                     "Complaints.Error.UnknownMessage", "Complaints.Error.MessageOfAnotherCustomer", "Complaints.Error.NotAValue",
                     "Complaints.Error.NotAnObject", "Complaints.Upload.TooManyRows"])
            .ToList();

        Assert.Contains("Complaints.Error.SummaryTooLong", codes);
        Assert.Empty(ResourceFiles.Missing(codes));
    }

    /// <summary>The error codes of every rule, dependent rules included (the descriptor lists only top-level ones).</summary>
    [Fact]
    public void Every_reason_a_repayment_upload_gives_for_a_row_has_a_translation()
    {
        var codes = ErrorCodes(new RepaymentRecordValidator(DateTimeOffset.UnixEpoch))
            .Concat([RepaymentError.UnknownAccountCode, RepaymentImporter.AmountUnreadableCode, RepaymentImporter.PaidAtUnreadableCode])
            .Select(code => "Repayments.Error." + code)
            .ToList();

        Assert.Contains("Repayments.Error.repayment.amount.fen", codes);
        Assert.Empty(ResourceFiles.Missing(codes));
    }

    private static IEnumerable<string> ErrorCodes<T>(IValidator<T> validator) =>
        validator.CreateDescriptor().Rules.SelectMany(ErrorCodes);

    private static IEnumerable<string> ErrorCodes(IValidationRule rule)
    {
        var own = rule.Components.Select(c => c.ErrorCode).OfType<string>();
        var dependent = rule.GetType().GetProperty("DependentRules", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(rule) as System.Collections.IEnumerable;
        return own.Concat(dependent?.OfType<IValidationRule>().SelectMany(ErrorCodes) ?? []);
    }

    private static bool IsBuildOutput(FileInfo file) =>
        file.FullName.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    [GeneratedRegex(@"\b[Ll]\[""([A-Za-z0-9_.]+)""")]
    private static partial Regex LiteralKey();
}

using Bunit;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Components.Forms;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Web.Components.Pages.Settings;
using OverdueSmsPortal.Web.Components.Shared;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>
/// The one path every form's check takes: Core's codes become the user's language, the portal's own
/// messages stay as written, warnings never block, and what a service refuses reads like the form's own.
/// </summary>
public sealed class FluentValidatorTests : PortalComponentTest
{
    private static readonly StageDefinition[] Ladder = [new("M1", "逾期1-30天", "1-30 days overdue", 1, 30, 1)];

    public sealed class Probe
    {
        public string Name { get; set; } = "";
        public int Count { get; set; }
    }

    [Theory]
    [InlineData("zh-CN", "请填写客群名称。")]
    [InlineData("en", "Give the segment a name.")]
    public void A_core_error_code_reads_in_the_users_language(string culture, string expected)
    {
        using var _ = CultureScope.Use(culture);
        var rules = new SegmentRules { Name = "", StageKey = "M1", Tones = [Core.Templates.Tone.Standard] };
        var validator = Render<FluentValidator<SegmentRules>>(p => p
            .Add(v => v.Validator, new SegmentRulesValidator(Ladder))
            .Add(v => v.Subject, () => rules)).Instance;

        Assert.False(validator.Validate());

        Assert.Equal(expected, validator.ErrorFor(nameof(SegmentRules.Name)));
        Assert.Equal([nameof(SegmentRules.Name)], validator.Errors.Keys);
        Assert.DoesNotContain("segment.name", validator.Summary.Single());
    }

    [Fact]
    public void A_message_the_portals_own_validator_wrote_is_kept_when_no_resource_has_its_code()
    {
        using var _ = CultureScope.Use("en");
        var input = new NewApiKeyInput { Name = "" };
        // The registered validator, as the API key form uses it; its code is FluentValidation's own.
        var validator = Render<FluentValidator<NewApiKeyInput>>(p => p.Add(v => v.Subject, () => input)).Instance;

        Assert.False(validator.Validate());

        Assert.Equal("Name the key so you can tell it apart later.", validator.ErrorFor(nameof(NewApiKeyInput.Name)));
    }

    [Fact]
    public void A_warning_shows_apart_and_never_blocks()
    {
        var probe = new Probe { Name = "x", Count = 99 };
        var rules = new InlineValidator<Probe>();
        rules.RuleFor(p => p.Count).LessThan(10).WithSeverity(Severity.Warning).WithMessage("That is a lot.");
        var validator = Render<FluentValidator<Probe>>(p => p.Add(v => v.Validator, rules).Add(v => v.Subject, () => probe)).Instance;

        Assert.True(validator.Validate());

        Assert.False(validator.HasErrors);
        Assert.Equal("That is a lot.", validator.Warnings[nameof(Probe.Count)]);
    }

    [Fact]
    public void Errors_held_back_until_the_user_first_tries_still_answer_and_let_warnings_show()
    {
        var probe = new Probe { Name = "", Count = 99 };
        var validator = Render<FluentValidator<Probe>>(p => p.Add(v => v.Validator, Rules()).Add(v => v.Subject, () => probe)).Instance;

        Assert.False(validator.Validate(showErrors: false));
        Assert.Empty(validator.Errors);
        Assert.Empty(validator.Summary);
        Assert.Equal("That is a lot.", validator.Warnings[nameof(Probe.Count)]);

        Assert.False(validator.Validate());
        Assert.Equal("Name it.", validator.ErrorFor(nameof(Probe.Name)));

        probe.Name = "fixed";
        Assert.True(validator.Validate(showErrors: false));
        Assert.Empty(validator.Errors);
    }

    [Fact]
    public void What_a_service_refused_replaces_what_the_form_found_and_a_field_change_takes_its_error_away()
    {
        using var _ = CultureScope.Use("zh-CN");
        var probe = new Probe { Name = "", Count = 1 };
        var validator = Render<FluentValidator<Probe>>(p => p.Add(v => v.Validator, Rules()).Add(v => v.Subject, () => probe)).Instance;
        validator.Validate();

        validator.Show([new ValidationFailure(nameof(Probe.Count), "english for the log") { ErrorCode = "segment.name.required" }]);

        Assert.Null(validator.ErrorFor(nameof(Probe.Name)));
        Assert.Equal("请填写客群名称。", validator.ErrorFor(nameof(Probe.Count)));

        validator.Add(nameof(Probe.Name), "已有同名规则。");
        Assert.Equal(["请填写客群名称。", "已有同名规则。"], validator.Summary);

        validator.Clear(nameof(Probe.Count));
        Assert.Equal(["已有同名规则。"], validator.Summary);
        validator.Clear();
        Assert.False(validator.HasErrors);
        Assert.Empty(validator.Summary);
    }

    [Fact]
    public void Errors_that_span_rows_are_each_said_once()
    {
        var rows = new List<Probe> { new() { Name = "" }, new() { Name = "" }, new() { Name = "ok", Count = -1 } };
        var rules = new InlineValidator<List<Probe>>();
        rules.RuleForEach(r => r).ChildRules(row =>
        {
            row.RuleFor(p => p.Name).NotEmpty().WithMessage("Every row needs a name.");
            row.RuleFor(p => p.Count).GreaterThanOrEqualTo(0).WithMessage("No row counts below zero.");
        });
        var validator = Render<FluentValidator<List<Probe>>>(p => p.Add(v => v.Validator, rules).Add(v => v.Subject, () => rows)).Instance;

        Assert.False(validator.Validate());

        Assert.Equal(["Every row needs a name.", "No row counts below zero."], validator.Summary);
        Assert.Equal(3, validator.Errors.Count);
    }

    [Theory]
    [InlineData("zh-CN", "归因窗口须为 1 到 90 天。")]
    [InlineData("en", "The attribution window is 1 to 90 days.")]
    public void A_resource_with_placeholders_takes_the_forms_values(string culture, string expected)
    {
        using var _ = CultureScope.Use(culture);
        var probe = new Probe { Name = "" };
        var validator = Render<FluentValidator<Probe>>(p => p
            .Add(v => v.Validator, Rules())
            .Add(v => v.Subject, () => probe)
            .Add(v => v.MessageKey, _ => "Settings.Outcomes.WindowRange")
            .Add(v => v.MessageArguments, [1, 90])).Instance;

        validator.Validate();

        Assert.Equal(expected, validator.ErrorFor(nameof(Probe.Name)));
    }

    [Fact]
    public async Task Inside_an_edit_form_each_field_shows_its_error_and_a_corrected_field_loses_it_at_once()
    {
        var probe = new Probe { Name = "", Count = -5 };
        var rules = new InlineValidator<Probe>();
        rules.RuleFor(p => p.Name).NotEmpty().WithMessage("Name it.");
        rules.RuleFor(p => p.Count).GreaterThanOrEqualTo(0).WithMessage("Not below zero.");
        var form = Render<EditForm>(p => p
            .Add(f => f.Model, probe)
            .Add(f => f.ChildContent, _ => builder =>
            {
                builder.OpenComponent<FluentValidator<Probe>>(0);
                builder.AddComponentParameter(1, nameof(FluentValidator<Probe>.Validator), rules);
                builder.CloseComponent();
            }));
        var context = form.Instance.EditContext!;

        Assert.False(await form.InvokeAsync(context.Validate));
        Assert.Equal(["Name it."], context.GetValidationMessages(context.Field(nameof(Probe.Name))));
        Assert.Equal(["Not below zero."], context.GetValidationMessages(context.Field(nameof(Probe.Count))));

        probe.Name = "fixed";
        await form.InvokeAsync(() => context.NotifyFieldChanged(context.Field(nameof(Probe.Name))));

        Assert.Empty(context.GetValidationMessages(context.Field(nameof(Probe.Name))));
        Assert.Equal(["Not below zero."], context.GetValidationMessages(context.Field(nameof(Probe.Count))));
    }

    [Fact]
    public void Without_an_edit_form_or_a_subject_there_is_nothing_to_check_and_it_says_so()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Render<FluentValidator<Probe>>(p => p.Add(v => v.Validator, Rules())));

        Assert.Contains("Subject", failure.Message);
    }

    private static InlineValidator<Probe> Rules()
    {
        var rules = new InlineValidator<Probe>();
        rules.RuleFor(p => p.Name).NotEmpty().WithMessage("Name it.");
        rules.RuleFor(p => p.Count).LessThan(10).WithSeverity(Severity.Warning).WithMessage("That is a lot.");
        return rules;
    }
}

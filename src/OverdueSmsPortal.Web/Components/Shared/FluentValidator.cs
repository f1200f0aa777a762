using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Components.Shared;

/// <summary>
/// The one way a form of the portal is checked: runs a FluentValidation validator and turns each
/// failure into one message per field in the user's language.
/// </summary>
/// <remarks>
/// <para>
/// A failure's text is the resource named by its error code (Core's validators name each problem with a
/// code such as <c>segment.name.required</c>; <see cref="MessageKey"/> picks another key), or else the
/// validator's own message, which the portal's own input validators already write in the user's language.
/// Warnings (<see cref="Severity.Warning"/>) are kept apart in <see cref="Warnings"/>: they never block.
/// </para>
/// <para>
/// Inside an <see cref="EditForm"/> it also feeds the form's validation messages, on submit and as each
/// field changes, so inputs bound with <c>For</c> show their error. A form that edits an immutable value,
/// or a projection of its fields, gives <see cref="Subject"/> and asks with <see cref="Validate"/>.
/// A service that refuses a save with a <see cref="ValidationException"/> hands its failures to
/// <see cref="Show"/>, so the server's word reads like the form's own.
/// </para>
/// </remarks>
public sealed class FluentValidator<TModel> : ComponentBase, IDisposable
{
    private readonly Dictionary<string, string> errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> warnings = new(StringComparer.Ordinal);
    private readonly List<string> summary = [];
    private ValidationMessageStore? messages;
    private EditContext? editContext;

    [CascadingParameter] private EditContext? CascadedEditContext { get; set; }
    [Inject] private IServiceProvider Services { get; set; } = default!;
    [Inject] private IStringLocalizer<SharedResource> L { get; set; } = default!;

    /// <summary>The validator to run; by default the one registered for <typeparamref name="TModel"/>.</summary>
    [Parameter] public IValidator<TModel>? Validator { get; set; }

    /// <summary>What to check; by default the model of the enclosing <see cref="EditForm"/>.</summary>
    [Parameter] public Func<TModel>? Subject { get; set; }

    /// <summary>The resource that words a failure; by default its error code.</summary>
    [Parameter] public Func<ValidationFailure, string>? MessageKey { get; set; }

    /// <summary>Values the resources' placeholders take, such as a field's limits: {0}, {1}…</summary>
    [Parameter] public object[] MessageArguments { get; set; } = [];

    /// <summary>One message per field with an error, as shown.</summary>
    public IReadOnlyDictionary<string, string> Errors => errors;

    /// <summary>One message per field with a warning: shown beside the field, never blocking.</summary>
    public IReadOnlyDictionary<string, string> Warnings => warnings;

    /// <summary>
    /// Every error shown, each text once, in the validator's order: for a form whose rules span its rows
    /// (two stages that overlap), where one message per field would hide the second problem.
    /// </summary>
    public IReadOnlyList<string> Summary => summary;

    public bool HasErrors => errors.Count > 0;

    public string? ErrorFor(string property) => errors.GetValueOrDefault(property);

    protected override void OnInitialized()
    {
        if (CascadedEditContext is { } context)
        {
            editContext = context;
            messages = new ValidationMessageStore(context);
            context.OnValidationRequested += OnValidationRequested;
            context.OnFieldChanged += OnFieldChanged;
        }
        else if (Subject is null)
        {
            throw new InvalidOperationException(
                $"{nameof(FluentValidator<TModel>)} needs an enclosing EditForm or a {nameof(Subject)} to check.");
        }
    }

    /// <summary>
    /// Checks the whole form, shows what it finds, and answers whether it has no error. A form that should not
    /// be red all over before the user first tries to go on passes <paramref name="showErrors"/> false until
    /// then: the answer is the same, its warnings show, and its errors wait.
    /// </summary>
    public bool Validate(bool showErrors = true)
    {
        var failures = Run(null);
        Replace(failures, showErrors);
        return !failures.Any(f => f.Severity == Severity.Error);
    }

    /// <summary>Shows the failures a service refused a save with, in place of what the form found.</summary>
    public void Show(IEnumerable<ValidationFailure> failures) => Replace(failures.ToList(), showErrors: true);

    /// <summary>Shows a message of the page's own on a field, such as a duplicate the database found.</summary>
    public void Add(string property, string message)
    {
        errors[property] = message;
        if (!summary.Contains(message, StringComparer.Ordinal))
        {
            summary.Add(message);
        }
        messages?.Add(editContext!.Field(property), message);
        editContext?.NotifyValidationStateChanged();
    }

    /// <summary>Takes a field's error away, as when the user changes the field; without a field, every error.</summary>
    public void Clear(string? property = null)
    {
        if (property is null)
        {
            errors.Clear();
            messages?.Clear();
        }
        else if (errors.Remove(property, out var message))
        {
            messages?.Clear(editContext!.Field(property));
            if (!errors.ContainsValue(message))
            {
                summary.Remove(message);
            }
        }
        if (errors.Count == 0)
        {
            summary.Clear();
        }
        editContext?.NotifyValidationStateChanged();
    }

    private List<ValidationFailure> Run(string? onlyProperty)
    {
        var validator = Validator ?? Services.GetService<IValidator<TModel>>()
            ?? throw new InvalidOperationException($"No validator is registered for {typeof(TModel).Name}.");
        var subject = Subject is { } subjectOf ? subjectOf() : (TModel)editContext!.Model;
        var context = onlyProperty is null
            ? new ValidationContext<TModel>(subject)
            : ValidationContext<TModel>.CreateWithOptions(subject, options => options.IncludeProperties(onlyProperty));
        return validator.Validate(context).Errors;
    }

    private void Replace(List<ValidationFailure> failures, bool showErrors)
    {
        warnings.Clear();
        Fill(warnings, failures.Where(f => f.Severity != Severity.Error));
        errors.Clear();
        summary.Clear();
        messages?.Clear();
        if (showErrors)
        {
            var shown = failures.Where(f => f.Severity == Severity.Error).ToList();
            Fill(errors, shown);
            summary.AddRange(shown.Select(Message).Distinct(StringComparer.Ordinal));
            AddToForm(errors);
        }
        editContext?.NotifyValidationStateChanged();
    }

    private void Fill(Dictionary<string, string> into, IEnumerable<ValidationFailure> failures)
    {
        foreach (var failure in failures)
        {
            into.TryAdd(failure.PropertyName, Message(failure));
        }
    }

    private void AddToForm(IEnumerable<KeyValuePair<string, string>> shown)
    {
        if (messages is null)
        {
            return;
        }
        foreach (var (property, message) in shown)
        {
            messages.Add(editContext!.Field(property), message);
        }
    }

    private string Message(ValidationFailure failure)
    {
        var key = MessageKey?.Invoke(failure) ?? failure.ErrorCode;
        // A resource without placeholders is not formatted: braces in its text stay as they are.
        var worded = string.IsNullOrEmpty(key) ? null : MessageArguments.Length == 0 ? L[key] : L[key, MessageArguments];
        if (worded is { ResourceNotFound: false })
        {
            return worded.Value;
        }
        return failure.ErrorMessage;
    }

    private void OnValidationRequested(object? sender, ValidationRequestedEventArgs e) => Validate();

    private void OnFieldChanged(object? sender, FieldChangedEventArgs e)
    {
        var property = e.FieldIdentifier.FieldName;
        errors.Remove(property);
        messages!.Clear(e.FieldIdentifier);
        var found = Run(property).Where(f => f.PropertyName == property && f.Severity == Severity.Error).ToList();
        if (found.Count > 0)
        {
            var message = Message(found[0]);
            errors[property] = message;
            messages.Add(e.FieldIdentifier, message);
        }
        editContext!.NotifyValidationStateChanged();
    }

    public void Dispose()
    {
        if (editContext is null)
        {
            return;
        }
        editContext.OnValidationRequested -= OnValidationRequested;
        editContext.OnFieldChanged -= OnFieldChanged;
    }
}

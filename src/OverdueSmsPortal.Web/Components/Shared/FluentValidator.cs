using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace OverdueSmsPortal.Web.Components.Shared;

/// <summary>
/// Runs the FluentValidation validator of an <see cref="EditForm"/>'s model and shows each error
/// next to its field, on submit and as fields change.
/// </summary>
public sealed class FluentValidator<TModel> : ComponentBase, IDisposable
{
    private ValidationMessageStore? messages;
    private EditContext? editContext;

    [CascadingParameter] private EditContext? CascadedEditContext { get; set; }
    [Inject] private IValidator<TModel> Validator { get; set; } = default!;

    protected override void OnInitialized()
    {
        editContext = CascadedEditContext
            ?? throw new InvalidOperationException($"{nameof(FluentValidator<TModel>)} must be placed inside an EditForm.");
        messages = new ValidationMessageStore(editContext);
        editContext.OnValidationRequested += ValidateModel;
        editContext.OnFieldChanged += ValidateField;
    }

    private void ValidateModel(object? sender, ValidationRequestedEventArgs e)
    {
        messages!.Clear();
        Add(Validator.Validate((TModel)editContext!.Model), null);
        editContext.NotifyValidationStateChanged();
    }

    private void ValidateField(object? sender, FieldChangedEventArgs e)
    {
        var field = e.FieldIdentifier;
        messages!.Clear(field);
        var context = ValidationContext<TModel>.CreateWithOptions((TModel)editContext!.Model,
            options => options.IncludeProperties(field.FieldName));
        Add(Validator.Validate(context), field.FieldName);
        editContext.NotifyValidationStateChanged();
    }

    private void Add(FluentValidation.Results.ValidationResult result, string? onlyField)
    {
        foreach (var error in result.Errors.Where(e => onlyField is null || e.PropertyName == onlyField))
        {
            messages!.Add(editContext!.Field(error.PropertyName), error.ErrorMessage);
        }
    }

    public void Dispose()
    {
        if (editContext is null)
        {
            return;
        }
        editContext.OnValidationRequested -= ValidateModel;
        editContext.OnFieldChanged -= ValidateField;
    }
}

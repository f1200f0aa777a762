using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace OverdueSmsPortal.Core.Templates;

/// <summary>
/// A number that prints formatted for the message's culture (¥1,234.50, 0.05%) but is still the raw
/// number to Liquid's filters, so <c>{{ debt.amount_due | minus: 100 }}</c> does arithmetic.
/// </summary>
internal sealed class FormattedNumberValue(decimal value, string text) : FluidValue
{
    public override FluidValues Type => FluidValues.Number;
    public override bool Equals(FluidValue other) => other.Type == FluidValues.Number && other.ToNumberValue() == value;
    public override bool ToBooleanValue() => true;
    public override decimal ToNumberValue() => value;
    public override string ToStringValue() => text;
    public override object ToObjectValue() => value;

    [Obsolete("Fluid prefers WriteToAsync; both write the formatted text.")]
    public override void WriteTo(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) => writer.Write(text);

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo)
    {
        writer.Write(text);
        return ValueTask.CompletedTask;
    }

    public override bool Equals(object? other) => other is FluidValue fluid && Equals(fluid);
    public override int GetHashCode() => value.GetHashCode();
}

/// <summary>A date that prints in the culture's long form (2026年11月24日) and is a date to the <c>date</c> filter.</summary>
internal sealed class FormattedDateValue(DateOnly date, string text) : FluidValue
{
    private DateTimeOffset Instant => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public override FluidValues Type => FluidValues.DateTime;
    public override bool Equals(FluidValue other) => other.ToObjectValue() is DateTimeOffset instant && instant == Instant;
    public override bool ToBooleanValue() => true;
    public override decimal ToNumberValue() => Instant.ToUnixTimeSeconds();
    public override string ToStringValue() => text;
    public override object ToObjectValue() => Instant;

    [Obsolete("Fluid prefers WriteToAsync; both write the formatted text.")]
    public override void WriteTo(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) => writer.Write(text);

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo)
    {
        writer.Write(text);
        return ValueTask.CompletedTask;
    }

    public override bool Equals(object? other) => other is FluidValue fluid && Equals(fluid);
    public override int GetHashCode() => date.GetHashCode();
}

/// <summary>
/// One root of the model (<c>customer</c>, <c>debt</c>, <c>lender</c>): a fixed set of named values and
/// nothing else, so a template reaches no .NET member. Reading a member that has no value is noted, so
/// the preview can say which placeholders rendered empty.
/// </summary>
internal sealed class ModelObject(string root, IReadOnlyDictionary<string, FluidValue?> members, ISet<string> missing) : FluidValue
{
    public override FluidValues Type => FluidValues.Object;
    public override bool Equals(FluidValue other) => ReferenceEquals(this, other);
    public override bool ToBooleanValue() => true;
    public override decimal ToNumberValue() => 0;
    public override string ToStringValue() => "";
    public override object ToObjectValue() => this;

    [Obsolete("Fluid prefers WriteToAsync; an object writes nothing.")]
    public override void WriteTo(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo)
    {
    }

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) => ValueTask.CompletedTask;

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context)
    {
        if (members.TryGetValue(name, out var value))
        {
            if (value is not null)
            {
                return new ValueTask<FluidValue>(value);
            }
            missing.Add($"{root}.{name}");
        }
        return new ValueTask<FluidValue>(NilValue.Instance);
    }

    public override bool Equals(object? other) => ReferenceEquals(this, other);
    public override int GetHashCode() => root.GetHashCode(StringComparison.Ordinal);
}

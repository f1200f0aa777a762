using System.Text.Json;
using OverdueSmsPortal.Core.Customers;

namespace OverdueSmsPortal.Web.Api;

/// <summary>
/// Reads one element of the customers array into a <see cref="CustomerRecord"/>, tolerating numbers
/// given as strings and strings given as numbers, so that a wrong type is an error on that customer
/// rather than a rejected request.
/// </summary>
internal static class CustomerJson
{
    public static (CustomerRecord? Record, Dictionary<string, string> Errors) Read(JsonElement element)
    {
        // Keyed by field, so that validation does not report the same field a second time.
        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("", "Each customer must be a JSON object.");
            return (null, errors);
        }
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            var field = CustomerRecord.FieldNamed(property.Name);
            if (field is null)
            {
                continue;
            }
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    values[field] = property.Value.GetString();
                    break;
                case JsonValueKind.Number:
                    values[field] = property.Value.GetRawText();
                    break;
                case JsonValueKind.Null:
                    values[field] = null;
                    break;
                default:
                    errors[field] = $"{field} must be a string or a number.";
                    values[field] = null;
                    break;
            }
        }
        var record = CustomerRecord.FromFields(values.GetValueOrDefault);
        return (record, errors);
    }
}

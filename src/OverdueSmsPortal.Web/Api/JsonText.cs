using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OverdueSmsPortal.Web.Api;

/// <summary>
/// Whether every string of a parsed body can be read as text. <see cref="JsonDocument"/> parses a string
/// holding bytes that are not UTF-8, or a lone surrogate escape such as <c>"\ud800"</c>, and only reading
/// it throws; <see cref="JsonArrayBody"/> checks every array body (and the render endpoint its own) first,
/// so that such a call is a 400, not a 500 halfway through.
/// </summary>
public static class JsonText
{
    /// <summary>The 400 problem for a body with unreadable text, or null when all of it reads.</summary>
    public static ProblemHttpResult? Unreadable(JsonElement root) => IsReadable(root)
        ? null
        : JsonArrayBody.BadRequest("The request body holds text that is not valid UTF-8.",
            "Send the JSON in UTF-8; a string must not hold invalid bytes or half of a surrogate pair (such as \\ud800).");

    private static bool IsReadable(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        if (!IsReadable(item))
                        {
                            return false;
                        }
                    }
                    return true;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        if (!IsReadable(property.Value))
                        {
                            return false;
                        }
                    }
                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

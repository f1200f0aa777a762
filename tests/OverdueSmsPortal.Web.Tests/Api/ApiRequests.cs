using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary>Builds requests to the customers API the way a lender's system sends them.</summary>
public static class ApiRequests
{
    public const string CustomersPath = "/api/v1/customers";

    /// <summary>A customer that passes every rule; tests change or remove the fields they are about.</summary>
    public static JsonObject ACustomer(string accountRef) => new()
    {
        ["accountRef"] = accountRef,
        ["name"] = "王伟",
        ["title"] = "mr",
        ["phone"] = "13812345678",
        ["customerType"] = "salaried",
        ["product"] = "credit_card",
        ["region"] = "北京",
        ["amountDue"] = 1234.5m,
        ["minimumDue"] = 123.45m,
        ["dueDate"] = "2026-11-01",
        ["dailyPenaltyRate"] = 0.0005m,
        ["paydayOfMonth"] = 15,
    };

    public static JsonObject With(this JsonObject customer, string field, JsonNode? value)
    {
        customer[field] = value;
        return customer;
    }

    public static JsonObject Without(this JsonObject customer, string field)
    {
        customer.Remove(field);
        return customer;
    }

    public static Task<HttpResponseMessage> PostCustomersAsync(this HttpClient client, params JsonObject[] customers) =>
        client.PostRawAsync(new JsonArray([.. customers]).ToJsonString());

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string body) =>
        client.PostAsync(CustomersPath, new StringContent(body, Encoding.UTF8, "application/json"));

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())
        ?? throw new InvalidOperationException("The response body is the JSON literal null.");

    public static async Task<JsonObject> ReadProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}

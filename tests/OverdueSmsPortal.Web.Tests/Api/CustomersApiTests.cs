using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Web.Tests.Hosting;
using static OverdueSmsPortal.Web.Tests.Api.ApiRequests;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary><c>POST /api/v1/customers</c>: what a lender's system gets back for good and bad input.</summary>
public sealed class CustomersApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("this is not json")]
    [InlineData("[{\"accountRef\": \"API-TRUNC\",")]
    [InlineData("")]
    public async Task Body_that_is_not_JSON_is_a_400_problem(string body)
    {
        using var client = factory.CreateApiClient();

        var response = await client.PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(400, (int)problem["status"]!);
    }

    [Fact]
    public async Task A_single_object_instead_of_an_array_is_a_400_problem()
    {
        using var client = factory.CreateApiClient();

        var response = await client.PostRawAsync(ACustomer("API-OBJECT").ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("The request body must be a JSON array.", (string?)problem["title"]);
    }

    [Fact]
    public async Task Mixed_array_accepts_the_valid_customers_and_reports_each_invalid_one_with_its_errors()
    {
        using var client = factory.CreateApiClient();

        var response = await client.PostCustomersAsync(
            ACustomer("API-MIX-1"),
            ACustomer("API-MIX-2").With("phone", "12345").With("customerType", "unemployed"),
            ACustomer("API-MIX-3"),
            ACustomer("API-MIX-4").Without("name").With("amountDue", new JsonObject { ["value"] = 100 }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = JsonNode.Parse("""
            {
              "accepted": 2,
              "rejected": [
                {
                  "index": 1,
                  "accountRef": "API-MIX-2",
                  "errors": [
                    "phone is not a valid mobile number.",
                    "customerType must be one of: young, salaried, self_employed, retired."
                  ]
                },
                {
                  "index": 3,
                  "accountRef": "API-MIX-4",
                  "errors": [
                    "amountDue must be a string or a number.",
                    "name is required."
                  ]
                }
              ]
            }
            """);
        var actual = await response.ReadJsonAsync();
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Unexpected response: {actual.ToJsonString()}");
    }

    [Fact]
    public async Task An_array_element_that_is_not_an_object_gets_only_that_error()
    {
        using var client = factory.CreateApiClient();

        var response = await client.PostRawAsync($"[5, {ACustomer("API-AFTER-NUMBER").ToJsonString()}]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = JsonNode.Parse("""
            {"accepted":1,"rejected":[{"index":0,"accountRef":null,"errors":["Each customer must be a JSON object."]}]}
            """);
        var actual = await response.ReadJsonAsync();
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Unexpected response: {actual.ToJsonString()}");
    }

    [Theory]
    [InlineData("accountRef")]
    [InlineData("name")]
    [InlineData("phone")]
    [InlineData("region")]
    public async Task Customer_missing_a_required_field_is_rejected_with_that_field_named(string field)
    {
        using var client = factory.CreateApiClient();

        var response = await client.PostCustomersAsync(ACustomer($"API-MISSING-{field}").Without(field));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadJsonAsync();
        Assert.Equal(0, (int)answer["accepted"]!);
        Assert.Equal([$"{field} is required."], answer["rejected"]![0]!["errors"]!.AsArray().Select(e => (string?)e));
    }

    [Fact]
    public async Task Valid_customers_of_a_mixed_array_are_stored_and_invalid_ones_are_not()
    {
        using var client = factory.CreateApiClient();

        await client.PostCustomersAsync(
            ACustomer("API-STORE-1"),
            ACustomer("API-STORE-2").With("phone", "12345"),
            ACustomer("API-STORE-3").With("name", "李娜").With("title", "ms"));

        var stored = await factory.WithDatabaseAsync(db => db.Customers.AsNoTracking()
            .Where(c => c.AccountRef.StartsWith("API-STORE-"))
            .OrderBy(c => c.AccountRef)
            .Select(c => new { c.AccountRef, c.Name, c.Title, c.Phone })
            .ToListAsync());
        Assert.Equal(
            [
                new { AccountRef = "API-STORE-1", Name = "王伟", Title = CustomerTitle.Mr, Phone = "+8613812345678" },
                new { AccountRef = "API-STORE-3", Name = "李娜", Title = CustomerTitle.Ms, Phone = "+8613812345678" },
            ],
            stored);
    }

    [Fact]
    public async Task Posting_a_known_accountRef_again_updates_that_customer()
    {
        using var client = factory.CreateApiClient();
        await client.PostCustomersAsync(ACustomer("API-UPSERT").With("amountDue", 500m));

        var response = await client.PostCustomersAsync(ACustomer("API-UPSERT").With("amountDue", 800.25m).With("region", "上海"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await factory.WithDatabaseAsync(db => db.Customers.AsNoTracking()
            .Where(c => c.AccountRef == "API-UPSERT")
            .Select(c => new { c.AmountDue, c.Region })
            .ToListAsync());
        Assert.Equal([new { AmountDue = 800.25m, Region = "上海" }], stored);
    }

    [Fact]
    public async Task Customer_without_a_time_zone_is_stored_in_Asia_Shanghai()
    {
        using var client = factory.CreateApiClient();

        await client.PostCustomersAsync(ACustomer("API-TZ-DEFAULT").Without("timeZone"));

        var zone = await factory.WithDatabaseAsync(db =>
            db.Customers.Where(c => c.AccountRef == "API-TZ-DEFAULT").Select(c => c.TimeZone).SingleAsync());
        Assert.Equal("Asia/Shanghai", zone);
    }

    [Fact]
    public async Task Customer_with_a_time_zone_keeps_it()
    {
        using var client = factory.CreateApiClient();

        await client.PostCustomersAsync(ACustomer("API-TZ-URUMQI").With("timeZone", "Asia/Urumqi"));

        var zone = await factory.WithDatabaseAsync(db =>
            db.Customers.Where(c => c.AccountRef == "API-TZ-URUMQI").Select(c => c.TimeZone).SingleAsync());
        Assert.Equal("Asia/Urumqi", zone);
    }

    [Fact]
    public async Task Numbers_given_as_strings_are_accepted()
    {
        using var client = factory.CreateApiClient();

        var response = await client.PostCustomersAsync(ACustomer("API-STRINGS")
            .With("amountDue", "1234.56")
            .With("minimumDue", "100")
            .With("dailyPenaltyRate", "0.0008")
            .With("paydayOfMonth", "25"));

        var answer = await response.ReadJsonAsync();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"accepted":1,"rejected":[]}"""), answer), answer.ToJsonString());
        var stored = await factory.WithDatabaseAsync(db => db.Customers.AsNoTracking()
            .Where(c => c.AccountRef == "API-STRINGS")
            .Select(c => new { c.AmountDue, c.MinimumDue, c.DailyPenaltyRate, c.PaydayOfMonth })
            .SingleAsync());
        Assert.Equal(new { AmountDue = 1234.56m, MinimumDue = 100m, DailyPenaltyRate = 0.0008m, PaydayOfMonth = (int?)25 }, stored);
    }
}

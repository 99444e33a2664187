using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Tests;

namespace InvestTrack.IntegrationTests.SupervisionOrders;

/// <summary>A clock the test moves: orders are issued "today" and found overdue weeks later.</summary>
public sealed class MovableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>10:00 China time on the day.</summary>
    public void SetChinaDate(int year, int month, int day) => Now = new DateTimeOffset(year, month, day, 10, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
}

/// <summary>One app per provider on a clock the tests set; each test sets the date it needs first.</summary>
public abstract class OrderFixture(DatabaseProviderKind provider) : IAsyncLifetime
{
    public MovableClock Clock { get; } = new(new DateTimeOffset(2026, 6, 15, 2, 0, 0, TimeSpan.Zero));

    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new TestApp(provider, clock: Clock);
        await App.StartAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class PostgresOrderFixture() : OrderFixture(DatabaseProviderKind.Postgres);

public sealed class SqliteOrderFixture() : OrderFixture(DatabaseProviderKind.Sqlite);

internal static class OrderTestSupport
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static async Task<HttpClient> ClientAsync(this TestApp app, string user)
    {
        var client = await app.SignInAsync(user);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        return client;
    }

    public static async Task<int> IssueAsync(HttpClient city, object form)
    {
        var response = await city.PostAsJsonAsync("/api/orders", form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, int id) => await client.GetFromJsonAsync<JsonElement>($"/api/orders/{id}");

    public static int VersionOf(JsonElement order) => order.GetProperty("version").GetInt32();

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Features.Home;
using InvestTrack.Features.Targets;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Home;

/// <summary>
/// 工作台 (issue 13, item 1) on both databases: each role's to-dos, each count equal to the total of the list it opens;
/// the unit's own figures (the targets module's); the unit counts of its own scope; the previous sign-in.
/// </summary>
public abstract class WorkbenchTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private async Task<HttpClient> ClientAsync(string userName)
    {
        var client = await App.SignInAsync(userName);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return client;
    }

    private static async Task<int> TotalAsync(HttpClient client, string url) => (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("total").GetInt32();

    [Fact]
    public async Task Each_count_is_the_total_of_the_list_it_opens_and_moves_with_the_work()
    {
        var city = await ClientAsync("city");
        var tiexi = await ClientAsync("tiexi");
        var tiexiId = await App.UnitIdAsync("220302");
        var mine = (await tiexi.GetFromJsonAsync<Workbench>("/api/workbench", Json))!;
        Assert.Equal("铁西区", mine.ScopeName);
        var keys = mine.Todos.Select(t => t.Key).ToList();
        Assert.DoesNotContain("FundsToReview", keys);
        Assert.DoesNotContain("OrdersToAccept", keys);
        Assert.Contains("OrdersToPlan", keys);
        Assert.Contains("city", (await city.GetFromJsonAsync<Workbench>("/api/workbench", Json))!.Todos.Select(t => t.Key == "OrdersToAccept" ? "city" : t.Key));

        // The city issues an order to 铁西区: its 待报整改方案 grows by one, and equals the list it opens.
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var issued = await city.PostAsJsonAsync("/api/orders", new
        {
            unitId = tiexiId, problem = "工作台待办测试", planDueOn = today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            fixDueOn = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var after = (await tiexi.GetFromJsonAsync<Workbench>("/api/workbench", Json))!;
        int Count(Workbench w, string key) => w.Todos.Single(t => t.Key == key).Count;
        Assert.Equal(Count(mine, "OrdersToPlan") + 1, Count(after, "OrdersToPlan"));

        var lists = new Dictionary<string, string>
        {
            ["OrdersToPlan"] = "/api/orders?status=Issued", ["OrdersToFix"] = "/api/orders?status=PlanSubmitted", ["OrdersOverdue"] = "/api/orders?overdue=true",
            ["FundsReturned"] = "/api/funds?status=Returned", ["LeadsOverdue"] = "/api/leads?overdue=true",
            ["RedWarnings"] = "/api/warnings?colour=Red&state=Open", ["NoProgress"] = "/api/warnings?rule=no-progress&kind=Project&state=Open",
            ["ProblemsAssigned"] = "/api/problems?view=Assigned&status=Open",
        };
        foreach (var (key, url) in lists)
            Assert.True(Count(after, key) == await TotalAsync(tiexi, url), $"{key}: {Count(after, key)} vs {url}");
        var cityBench = (await city.GetFromJsonAsync<Workbench>("/api/workbench", Json))!;
        Assert.Equal(await TotalAsync(city, "/api/orders?status=Answered"), Count(cityBench, "OrdersToAccept"));
        Assert.Equal(await TotalAsync(city, "/api/funds/queue"), Count(cityBench, "FundsToReview"));
        Assert.Equal((await city.GetFromJsonAsync<JsonElement>("/api/inbox")).GetProperty("unread").GetInt32(), Count(cityBench, "InboxUnread"));
        Assert.Equal("/orders?status=Issued", after.Todos.Single(t => t.Key == "OrdersToPlan").Link);

        // The page shows the cards as links to those lists, and 铁西区's own figures for the last complete month.
        var page = await tiexi.GetStringAsync("/");
        Assert.Contains("我的待办", page);
        Assert.Contains("href=\"/orders?status=Issued\"", page);
        Assert.Contains("待报整改方案的督办单", page);
        Assert.Equal(WorkbenchService.LastCompleteMonth(today), (after.Year, after.Month));
        var progress = await App.AsSystemAsync(sp => sp.GetRequiredService<TargetService>().ProgressAsync(after.Year, after.Month));
        var row = progress.Single(r => r.UnitId == tiexiId);
        Assert.Equal(row.Items.Select(i => (i.Indicator, i.Actual, i.Target, i.Completion, i.Pace)),
            after.Figures.Select(f => (f.Indicator, f.Actual, f.Target, f.Completion, f.Pace)));
        var cityRow = progress.Single(r => r.UnitId is null);
        Assert.Equal(cityRow.Items.Select(i => i.Actual), cityBench.Figures.Select(f => f.Actual));
        Assert.Equal("全市", cityBench.ScopeName);
    }

    [Fact]
    public async Task A_county_counts_its_own_units_and_the_previous_sign_in_is_shown()
    {
        var first = await ClientAsync("lishu");
        var second = await ClientAsync("lishu");
        var summary = (await second.GetFromJsonAsync<HomeSummary>("/api/summary", Json))!;
        Assert.Equal(2, summary.Units); // 梨树县 and its zone, never the city's count
        var bench = (await second.GetFromJsonAsync<Workbench>("/api/workbench", Json))!;
        Assert.NotNull(bench.PreviousSignIn);
        Assert.InRange(bench.PreviousSignIn!.At, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Contains("上次登录：", await second.GetStringAsync("/"));
        // A role without records: no record to-dos, no figures; the system admin still sees the whole city's units.
        var admin = await ClientAsync("admin");
        var adminBench = (await admin.GetFromJsonAsync<Workbench>("/api/workbench", Json))!;
        Assert.Equal(["InboxUnread"], adminBench.Todos.Select(t => t.Key));
        Assert.Empty(adminBench.Figures);
        Assert.Empty(adminBench.Changes);
        Assert.Contains(adminBench.Shortcuts, s => s.Link == "/admin/users");
        Assert.True((await admin.GetFromJsonAsync<HomeSummary>("/api/summary", Json))!.Units > 2);
        first.Dispose();
    }
}

[Collection("postgres")]
public sealed class PostgresWorkbenchTests(PostgresFixture fixture) : WorkbenchTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteWorkbenchTests(SqliteFixture fixture) : WorkbenchTests(fixture), IClassFixture<SqliteFixture>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Supervision;
using InvestTrack.Features.SupervisionOrders;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.SupervisionOrders.OrderTestSupport;
using WarningSupport = InvestTrack.IntegrationTests.Warnings.WarningTestSupport;

namespace InvestTrack.IntegrationTests.SupervisionOrders;

/// <summary>
/// A red warning becomes a supervision order (issue 12, item 4) on both databases: the form is prefilled from the
/// warning, the order keeps the warning's lasting key (a rerun of the 旬 does not lose it), the warnings page shows the
/// order's number instead of the button; a key that is malformed, green, another unit's or another project's is refused
/// with nothing written.
/// </summary>
public abstract class OrderFromWarningTests(OrderFixture fixture)
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task A_red_warning_becomes_an_order_that_keeps_its_key_and_bad_keys_are_refused_with_nothing_written()
    {
        fixture.Clock.SetChinaDate(2038, 4, 1);
        var city = await App.ClientAsync("city");
        var tiexi = await App.ClientAsync("tiexi");
        // Signed 2037-08-01, not started at 31 March 2038 (242 days: red); recent progress, so only that rule is red.
        var red = await WarningSupport.InsertProjectAsync(App, ProjectTestSupport.Tiexi, new DateOnly(2037, 8, 1), null, new DateOnly(2038, 3, 25));
        var green = await WarningSupport.InsertProjectAsync(App, ProjectTestSupport.Tiexi, new DateOnly(2038, 3, 1), null, new DateOnly(2038, 3, 25));
        var lishu = await WarningSupport.InsertProjectAsync(App, ProjectTestSupport.Lishu, new DateOnly(2037, 8, 1), null, new DateOnly(2038, 3, 25));
        await WarningSupport.RunAsync(city, "2038-03-3");
        var warning = (await WarningSupport.WarningAsync(city, "2038-03-3", red))!;
        Assert.Equal(WarningColour.Red, warning.Shown);
        var key = $"2038-03-3/Project/{red}";
        Assert.Equal(key, warning.Key.ToString());

        // The warnings page offers the order to city staff only, and the form comes prefilled from the warning. The new
        // project is the unit's last red project in the list's order (50 a page).
        var reds = (await city.GetFromJsonAsync<JsonElement>($"/api/warnings?xun=2038-03-3&colour=Red&kind=Project&unitId={warning.UnitId}")).GetProperty("total").GetInt32();
        var listUrl = $"/warnings?xun=2038-03-3&colour=Red&kind=Project&unit={warning.UnitId}&page={(reds + 49) / 50}";
        var list = await city.GetStringAsync(listUrl);
        Assert.Contains($"/orders/new?warning={Uri.EscapeDataString(key)}", list);
        Assert.DoesNotContain("/orders/new?warning=", await tiexi.GetStringAsync($"/warnings?xun=2038-03-3&unit={warning.UnitId}"));
        var form = WebUtility.HtmlDecode(await city.GetStringAsync($"/orders/new?warning={Uri.EscapeDataString(key)}"));
        var facts = string.Join("；", warning.Rules.Where(r => r.Colour != WarningColour.Green).Select(r => r.Sentence));
        Assert.Contains($"{warning.SubjectName}：{facts}", form);
        Assert.Contains("2038年3月下旬预警·签约未开工", form);

        int Count() => App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().SupervisionOrders.CountAsync()).GetAwaiter().GetResult();
        var before = Count();
        async Task RefusedAsync(object body, string field, string message)
        {
            var response = await city.PostAsJsonAsync("/api/orders", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.Contains(message, errors.GetProperty(field)[0].GetString());
        }
        object Body(int unitId, int? projectId, string sourceWarning) => new { unitId, projectId, problem = "签约后长期未开工", planDueOn = "2038-04-10", fixDueOn = "2038-04-30", sourceWarning };
        await RefusedAsync(Body(warning.UnitId, null, "2038-03-3/Project/x"), "SourceWarning", "标识无效");
        await RefusedAsync(Body(warning.UnitId, null, "2038-03-3/1/5"), "SourceWarning", "标识无效");
        await RefusedAsync(Body(warning.UnitId, null, $"2038-03-3/Project/{green}"), "SourceWarning", "不是红黄预警");
        await RefusedAsync(Body(warning.UnitId, null, $"2038-02-3/Project/{red}"), "SourceWarning", "不存在");
        var lishuUnit = (await WarningSupport.WarningAsync(city, "2038-03-3", lishu))!.UnitId;
        await RefusedAsync(Body(lishuUnit, null, key), "UnitId", $"来源预警属于{warning.UnitName}");
        await RefusedAsync(Body(warning.UnitId, green, key), "ProjectId", warning.SubjectName);
        Assert.Equal(before, Count());

        // Issued: the project comes from the warning; the key is kept and survives a rerun of the 旬.
        var id = await IssueAsync(city, Body(warning.UnitId, null, " " + key + " "));
        var order = await GetAsync(city, id);
        Assert.Equal(key, order.GetProperty("sourceWarning").GetString());
        Assert.Equal(red, order.GetProperty("projectId").GetInt32());
        await WarningSupport.RunAsync(city, "2038-03-3");
        var code = order.GetProperty("code").GetString()!;
        list = await city.GetStringAsync(listUrl);
        Assert.Contains($"/orders/{id}\"", list);
        Assert.Contains(code, list);
        Assert.DoesNotContain($"/orders/new?warning={Uri.EscapeDataString(key)}", list);
        // The unit sees its order's number on its warning too, and the order links back to the warning.
        Assert.Contains(code, await tiexi.GetStringAsync(listUrl));
        Assert.Contains($"/warnings?xun=2038-03-3&amp;kind=Project&amp;unit={warning.UnitId}", await tiexi.GetStringAsync($"/orders/{id}"));
    }
}

[Collection("postgres")]
public sealed class PostgresOrderFromWarningTests(PostgresOrderFixture fixture) : OrderFromWarningTests(fixture), IClassFixture<PostgresOrderFixture>;

public sealed class SqliteOrderFromWarningTests(SqliteOrderFixture fixture) : OrderFromWarningTests(fixture), IClassFixture<SqliteOrderFixture>;

using System.Globalization;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Dashboard;
using InvestTrack.Features.Units;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard and the big screen (issue 13, item 8) on a clock stopped in January 2027: the default period is the last
/// complete month (December 2026, as the dispatch report), and both pages say so; the ranking of units names the city's
/// own level 市本级 and lists the units without funds below the others; a county's user is never offered 全市.
/// </summary>
public abstract class DashboardLevelsTests(AppFixture fixture)
{
    /// <summary>10 January 2027, 10:00 in the city.</summary>
    public static readonly DateTimeOffset Now = new(2027, 1, 10, 2, 0, 0, TimeSpan.Zero);

    private TestApp App => fixture.App;

    private static long H(decimal wan) => DashboardSeed.Hundredths(wan);

    private async Task<HttpClient> ClientAsync(string user)
    {
        var client = await App.SignInAsync(user);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        return client;
    }

    [Fact]
    public async Task The_default_period_is_the_last_complete_month_and_both_pages_say_so()
    {
        Assert.Equal((2026, 12), await App.AsUserAsync("city", sp => Task.FromResult(sp.GetRequiredService<DashboardService>().DefaultPeriod())));
        foreach (var user in new[] { "city", "lishu" })
        {
            var client = await ClientAsync(user);
            var figures = JsonDocument.Parse(await client.GetStringAsync("/api/dashboard")).RootElement;
            Assert.Equal((2026, 12), (figures.GetProperty("year").GetInt32(), figures.GetProperty("month").GetInt32()));
            var page = await client.GetStringAsync("/dashboard");
            Assert.Contains("统计期间：2026年1月至12月", page);
            Assert.Contains("默认统计期截至上一个完整月份（2026年12月）", page);
            var screen = await client.GetStringAsync("/dashboard/screen");
            Assert.Contains("2026年1月至12月", screen);
            Assert.Contains("data-testid=\"screen-default-period\"", screen);
            Assert.Contains("默认统计期截至上一个完整月份（2026年12月）", screen);
        }
        // A chosen period is shown as chosen; the line still names the default.
        var chosen = await (await ClientAsync("city")).GetStringAsync("/dashboard?year=2026&month=6");
        Assert.Contains("统计期间：2026年1月至6月", chosen);
        Assert.Contains("默认统计期截至上一个完整月份（2026年12月）", chosen);
    }

    [Fact]
    public async Task The_ranking_names_the_citys_own_level_and_lists_the_units_without_funds_below_the_others()
    {
        const int year = 2088;
        var city = await DashboardSeed.DemoUnitAsync(App, "220300");
        var tiexi = await DashboardSeed.DemoUnitAsync(App, "220302");
        var tiedong = await DashboardSeed.DemoUnitAsync(App, "220303");
        var company = await city.CompanyAsync(provinceCode: "370000");
        await city.FundsAsync(await city.ProjectAsync(company, 3000m), year, 2, 500m);
        await tiexi.FundsAsync(await tiexi.ProjectAsync(company, 2000m), year, 3, 100m);

        var (f, error) = await App.AsUserAsync("city", sp => sp.GetRequiredService<DashboardService>().ComputeAsync(year, 6, null));
        Assert.Equal(DashboardError.None, error);
        Assert.Equal([new FundsSlice(SliceKey.Unit(city.UnitId), "市本级", H(500m)), new FundsSlice(SliceKey.Unit(tiexi.UnitId), "铁西区", H(100m))], f!.ByUnit);
        Assert.DoesNotContain(f.ByUnit.Concat(f.UnitsWithout), s => s.Name == "四平市");
        // Every other active unit is listed, without an amount, in the city's order.
        var active = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Units.Where(u => u.IsActive)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Id).Select(u => u.Id).ToListAsync());
        Assert.Equal(active.Where(id => id != city.UnitId && id != tiexi.UnitId).Select(SliceKey.Unit), f.UnitsWithout.Select(s => s.Key));
        Assert.All(f.UnitsWithout, s => Assert.Equal(0, s.Amount));
        Assert.Contains(new FundsSlice(SliceKey.Unit(tiedong.UnitId), "铁东区", 0), f.UnitsWithout);

        // The same over HTTP, and the records of 市本级 are headed by that name.
        var json = JsonDocument.Parse(await (await ClientAsync("city")).GetStringAsync($"/api/dashboard?year={year}&month=6")).RootElement;
        Assert.Equal("市本级", json.GetProperty("byUnit")[0].GetProperty("name").GetString());
        Assert.Equal(active.Count - 2, json.GetProperty("unitsWithout").GetArrayLength());
        var drill = await App.AsUserAsync("city", sp => sp.GetRequiredService<DashboardService>().DrillAsync(new DrillRequest(DrillKind.Unit, year, 6, null, SliceKey.Unit(city.UnitId))));
        Assert.Equal(("市本级", H(500m)), (drill.Result!.SliceName, drill.Result.Total));
        // The page lists the unranked units with — and their names.
        var page = await (await ClientAsync("city")).GetStringAsync($"/dashboard?year={year}&month=6");
        Assert.Contains("data-testid=\"unranked\"", page);

        // In English the city's own level is "City level".
        var english = await App.AsUserAsync("city", sp =>
        {
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            return sp.GetRequiredService<DashboardService>().ComputeAsync(year, 6, null);
        });
        Assert.Equal("City level", english.Figures!.ByUnit[0].Name);

        // One chosen unit without funds: nothing ranked, the unit listed without an amount.
        var one = (await App.AsUserAsync("city", sp => sp.GetRequiredService<DashboardService>().ComputeAsync(year, 6, tiedong.UnitId))).Figures!;
        Assert.Empty(one.ByUnit);
        Assert.Equal([new FundsSlice(SliceKey.Unit(tiedong.UnitId), "铁东区", 0)], one.UnitsWithout);
    }

    [Fact]
    public async Task A_countys_user_chooses_among_its_own_units_and_is_never_offered_the_whole_city()
    {
        var lishu = await App.UnitIdAsync("220322");
        var zone = await App.UnitIdAsync("220322K01");
        var choices = await App.AsUserAsync("lishu", sp => sp.GetRequiredService<DashboardService>().UnitChoicesAsync());
        Assert.Equal([(lishu, "梨树县"), (zone, "梨树经济开发区")], choices);
        Assert.DoesNotContain(choices, c => c.Id is null || c.Name == "全市");
        // The page's chooser has no 全市 label either (before: 单位（空为全市）).
        var page = await (await ClientAsync("lishu")).GetStringAsync("/dashboard");
        Assert.DoesNotContain("全市", page);

        foreach (var user in new[] { "city", "leader" })
        {
            var all = await App.AsUserAsync(user, sp => sp.GetRequiredService<DashboardService>().UnitChoicesAsync());
            Assert.Equal((null, "全市"), all[0]);
            Assert.Contains((await App.UnitIdAsync("220300"), "市本级"), all);
            Assert.DoesNotContain(all, c => c.Name == "四平市");
            Assert.Equal(await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Units.CountAsync()) + 1, all.Count);
        }
    }
}

public sealed class PostgresJanuaryFixture() : AppFixture(DatabaseProviderKind.Postgres, new StoppedClock(DashboardLevelsTests.Now));

public sealed class SqliteJanuaryFixture() : AppFixture(DatabaseProviderKind.Sqlite, new StoppedClock(DashboardLevelsTests.Now));

[Collection("postgres")]
public sealed class PostgresDashboardLevelsTests(PostgresJanuaryFixture fixture) : DashboardLevelsTests(fixture), IClassFixture<PostgresJanuaryFixture>;

public sealed class SqliteDashboardLevelsTests(SqliteJanuaryFixture fixture) : DashboardLevelsTests(fixture), IClassFixture<SqliteJanuaryFixture>;

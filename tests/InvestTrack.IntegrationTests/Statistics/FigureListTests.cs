using System.Net;
using System.Text.Json;
using InvestTrack.Features.Dashboard;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.Statistics;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Dashboard;
using InvestTrack.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Statistics;

/// <summary>
/// Issue 10: a figure carries its count and amount only; the projects behind it are a paged list read through the
/// figure's own query. Every list's count and total are its figure's, its pages hold each project once, a page
/// past the end is empty, and a unit user's list never shows another unit's project. On both providers.
/// </summary>
public abstract class FigureListTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    /// <summary>
    /// Seven projects touching every dispatch figure, in a unit of the test's own. For 1月至8月 of 2025: in scope the
    /// continuing 1 and 4, the new 2, 3 and 6; contracts 1, 2 and 6, the framework 3, 亿元以上 1 and 6; 开复工 1, 4 and 6
    /// (5 was dropped in 2024, 2 and 7 are too small); 竣工投产 4.
    /// </summary>
    private static async Task SeedAsync(StatisticsSeed s)
    {
        var continuing = await s.ProjectAsync(8000m, startedOn: new DateOnly(2024, 3, 1), kind: SigningKind.Contract, signedOn: new DateOnly(2025, 2, 1), contractedWan: 12000m);
        var fresh = await s.ProjectAsync(3000m, startedOn: new DateOnly(2025, 4, 1), kind: SigningKind.Contract, signedOn: new DateOnly(2025, 3, 1), contractedWan: 2000m);
        var notStarted = await s.ProjectAsync(1500m, kind: SigningKind.Framework, signedOn: new DateOnly(2025, 5, 1), contractedWan: 30000m);
        var producing = await s.ProjectAsync(6000m, startedOn: new DateOnly(2023, 1, 1), inProductionOn: new DateOnly(2025, 6, 1));
        await s.ProjectAsync(7000m, startedOn: new DateOnly(2023, 1, 1), status: ProjectStatus.Dropped, droppedAt: new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var yi = await s.ProjectAsync(20000m, startedOn: new DateOnly(2025, 7, 1), kind: SigningKind.Contract, signedOn: new DateOnly(2025, 6, 1), contractedWan: 10000m);
        await s.ProjectAsync(999m, startedOn: new DateOnly(2025, 1, 1));
        await s.FundsAsync(continuing, 2025, 2, 300m);
        await s.FundsAsync(continuing, 2025, 8, 45.5m);
        await s.FundsAsync(fresh, 2025, 5, 120m);
        await s.FundsAsync(notStarted, 2025, 6, 10m);
        await s.FundsAsync(producing, 2025, 1, 77.77m);
        await s.FundsAsync(yi, 2025, 7, 500m);
        await s.FundsAsync(yi, 2025, 7, 50m, source: OriginClass.InProvince);
        await s.FundsAsync(fresh, 2025, 9, 999m);
    }

    private static Figure FigureOf(DispatchFigures f, DispatchFigure figure) => figure switch
    {
        DispatchFigure.InScope => f.InScope,
        DispatchFigure.Continuing => f.Continuing,
        DispatchFigure.New => f.New,
        DispatchFigure.Contracts => f.Contracts,
        DispatchFigure.Frameworks => f.Frameworks,
        DispatchFigure.YiSignings => f.YiSignings,
        DispatchFigure.Starts => f.Starts,
        _ => f.InProduction,
    };

    [Fact]
    public async Task Every_dispatch_list_totals_its_figure_page_by_page_and_a_page_past_the_end_is_empty()
    {
        var s = await StatisticsSeed.NewAsync(App);
        await SeedAsync(s);
        var f = (await s.ReportAsync(2025, 8)).Figures;
        Assert.Equal((5, 2, 3, 3, 1, 2, 3, 1), (f.InScope.Count, f.Continuing.Count, f.New.Count, f.Contracts.Count, f.Frameworks.Count, f.YiSignings.Count, f.Starts.Count, f.InProduction.Count));

        foreach (var figure in Enum.GetValues<DispatchFigure>())
        {
            var expected = FigureOf(f, figure);
            var (ids, amount) = (new List<int>(), 0L);
            for (var page = 1; page <= (expected.Count + 1) / 2; page++)
            {
                var list = await App.AsSystemAsync(async sp => (await sp.GetRequiredService<DispatchReport>().ProjectsAsync(2025, 8, s.UnitId, figure, page, 2)).Page!);
                Assert.Equal((expected.Count, expected.Amount, page, 2), (list.Count, list.Amount, list.Page, list.PageSize));
                Assert.InRange(list.Rows.Count, 1, 2);
                ids.AddRange(list.Rows.Select(r => r.Id));
                amount += list.Rows.Sum(r => r.Amount);
            }
            Assert.Equal(ids.Order(), ids);
            Assert.Equal((expected.Count, expected.Amount), (ids.Distinct().Count(), amount));
            var beyond = await App.AsSystemAsync(async sp => (await sp.GetRequiredService<DispatchReport>().ProjectsAsync(2025, 8, s.UnitId, figure, (expected.Count + 1) / 2 + 1, 2)).Page!);
            Assert.Equal((expected.Count, expected.Amount, 0), (beyond.Count, beyond.Amount, beyond.Rows.Count));
        }

        // Over the API: the same count, amount and rows; a page past the end is empty, the page size is clamped.
        var city = await App.SignInAsync("city");
        var url = $"/api/reports/dispatch/projects?year=2025&month=8&unitId={s.UnitId}&figure=Starts";
        var first = JsonDocument.Parse(await city.GetStringAsync(url + "&page=1&pageSize=3")).RootElement;
        Assert.Equal((f.Starts.Count, f.Starts.Amount, 3), (first.GetProperty("count").GetInt32(), first.GetProperty("amount").GetInt64(), first.GetProperty("rows").GetArrayLength()));
        Assert.Equal(s.UnitName, first.GetProperty("rows")[0].GetProperty("unitName").GetString());
        Assert.Equal(0, JsonDocument.Parse(await city.GetStringAsync(url + "&page=3&pageSize=3")).RootElement.GetProperty("rows").GetArrayLength());
        Assert.Equal(FigureList.MaxPageSize, JsonDocument.Parse(await city.GetStringAsync(url + "&pageSize=100000")).RootElement.GetProperty("pageSize").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await city.GetAsync(url.Replace("figure=Starts", "figure=Nope", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await city.GetAsync($"/api/reports/dispatch/projects?year=2025&month=13&figure=Starts")).StatusCode);
    }

    [Fact]
    public async Task Every_dashboard_list_totals_its_figure_page_by_page_and_a_page_past_the_end_is_empty()
    {
        var s = await StatisticsSeed.NewAsync(App);
        await SeedAsync(s);
        var f = await App.AsSystemAsync(async sp => (await sp.GetRequiredService<DashboardService>().ComputeAsync(2025, 8, s.UnitId)).Figures!);
        var figures = new (DrillKind Kind, string? Key, long Count, long Total)[]
        {
            (DrillKind.Funds, null, 5, f.Of(DashboardIndicator.Funds).Value),
            (DrillKind.DispatchFunds, null, 5, f.Of(DashboardIndicator.DispatchFunds).Value),
            (DrillKind.Signings, null, f.Of(DashboardIndicator.Signings).Value, f.Of(DashboardIndicator.Signings).Amount),
            (DrillKind.YiSignings, null, f.Of(DashboardIndicator.YiSignings).Value, f.Of(DashboardIndicator.YiSignings).Amount),
            (DrillKind.Starts, null, f.Of(DashboardIndicator.Starts5000).Value, f.Of(DashboardIndicator.Starts5000).Amount),
            (DrillKind.Production, null, f.Of(DashboardIndicator.Production).Value, f.Of(DashboardIndicator.Production).Amount),
            (DrillKind.Month, "7", 1, f.ByMonth[6].ThisYear!.Value),
            (DrillKind.Unit, f.ByUnit[0].Key, 5, f.ByUnit[0].Amount),
        };
        foreach (var (kind, key, count, total) in figures)
        {
            var request = new DrillRequest(kind, 2025, 8, s.UnitId, key);
            var (ids, amounts) = (new List<int>(), new List<long>());
            for (var page = 1; page <= (count + 1) / 2; page++)
            {
                var drill = await App.AsSystemAsync(async sp => (await sp.GetRequiredService<DashboardService>().DrillAsync(request, page, 2)).Result!);
                Assert.Equal((count, total), (drill.Count, drill.Total));
                ids.AddRange(drill.Rows.Select(r => r.Id));
                amounts.AddRange(drill.Rows.Select(r => r.Amount));
            }
            Assert.Equal((count, total), (ids.Distinct().Count(), amounts.Sum()));
            Assert.Equal(amounts.OrderDescending(), amounts); // largest first, across the pages
            var beyond = await App.AsSystemAsync(async sp => (await sp.GetRequiredService<DashboardService>().DrillAsync(request, (int)(count + 1) / 2 + 1, 2)).Result!);
            Assert.Equal((count, total, 0), (beyond.Count, beyond.Total, beyond.Rows.Count));
        }
    }

    [Fact]
    public async Task The_dispatch_page_reads_no_list_until_a_figure_is_opened()
    {
        var s = await StatisticsSeed.NewAsync(App);
        await SeedAsync(s);
        var city = await App.SignInAsync("city");
        var page = await city.GetStringAsync($"/reports/dispatch?year=2025&month=8&unitId={s.UnitId}");
        // The figures are on the page (five projects in scope); the eight panels are closed and hold no project.
        Assert.Contains("data-testid=\"dispatch-paragraph\"", page, StringComparison.Ordinal);
        Assert.Contains("项目5个", page, StringComparison.Ordinal);
        Assert.DoesNotContain("project-id-list", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/projects/", page.Split("dispatch-paragraph")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_users_lists_never_show_another_units_project()
    {
        const int year = 2084;
        var tiexi = await DashboardSeed.DemoUnitAsync(App, "220302");
        var tiedong = await DashboardSeed.DemoUnitAsync(App, "220303");
        var company = await tiexi.CompanyAsync(provinceCode: "370000");
        var own = await tiexi.ProjectAsync(company, 9000m, kind: SigningKind.Contract, signedOn: new DateOnly(year, 2, 1), contractedWan: 20000m, startedOn: new DateOnly(year, 3, 1), inProductionOn: new DateOnly(year, 5, 1));
        var foreign = await tiedong.ProjectAsync(company, 9000m, kind: SigningKind.Contract, signedOn: new DateOnly(year, 2, 1), contractedWan: 20000m, startedOn: new DateOnly(year, 3, 1), inProductionOn: new DateOnly(year, 5, 1));
        await tiexi.FundsAsync(own, year, 3, 100m);
        await tiedong.FundsAsync(foreign, year, 3, 250m);

        // The city sees both in every list of the whole city (开复工 also counts the demo city's earlier starts).
        foreach (var figure in Enum.GetValues<DispatchFigure>().Where(f => f is not (DispatchFigure.Continuing or DispatchFigure.Frameworks)))
        {
            var city = await App.AsUserAsync("city", async sp => (await sp.GetRequiredService<DispatchReport>().ProjectsAsync(year, 6, null, figure, 1, FigureList.MaxPageSize)).Page!);
            Assert.Contains(own, city.Rows.Select(r => r.Id));
            Assert.Contains(foreign, city.Rows.Select(r => r.Id));
            // The county sees its own, whether it asks for 全市 or its unit, and the other county not at all.
            foreach (var asked in new int?[] { null, tiexi.UnitId })
            {
                var county = await App.AsUserAsync("tiexi", async sp => (await sp.GetRequiredService<DispatchReport>().ProjectsAsync(year, 6, asked, figure, 1, FigureList.MaxPageSize)).Page!);
                Assert.True(county.Count <= FigureList.MaxPageSize);
                Assert.Contains(own, county.Rows.Select(r => r.Id));
                Assert.DoesNotContain(foreign, county.Rows.Select(r => r.Id));
                Assert.All(county.Rows, r => Assert.Equal("铁西区", r.UnitName));
            }
            var refused = await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<DispatchReport>().ProjectsAsync(year, 6, tiedong.UnitId, figure));
            Assert.Equal((null, DispatchReportError.UnitNotFound), refused);
        }
        var exported = await App.AsUserAsync("tiexi", async sp =>
        {
            var ids = new List<int>();
            await foreach (var row in sp.GetRequiredService<DispatchReport>().ListAsync(year, 6, null)) ids.Add(row.Id);
            return ids;
        });
        Assert.Equal([own], exported);

        var client = await App.SignInAsync("tiexi");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/reports/dispatch/projects?year={year}&month=6&unitId={tiedong.UnitId}&figure=InScope")).StatusCode);
        var list = JsonDocument.Parse(await client.GetStringAsync($"/api/reports/dispatch/projects?year={year}&month=6&figure=InScope")).RootElement;
        Assert.Equal([own], list.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
        foreach (var kind in Enum.GetValues<DrillKind>().Where(k => k is not (DrillKind.Month or DrillKind.Unit or DrillKind.Industry or DrillKind.Origin)))
        {
            var drill = JsonDocument.Parse(await client.GetStringAsync($"/api/dashboard/records?kind={kind}&year={year}&month=6&pageSize={FigureList.MaxPageSize}")).RootElement;
            var rows = drill.GetProperty("rows").EnumerateArray().ToList();
            Assert.Contains(own, rows.Select(r => r.GetProperty("id").GetInt32()));
            Assert.All(rows, r => Assert.Equal("铁西区", r.GetProperty("unitName").GetString()));
        }
    }
}

public sealed class PostgresFigureListTests(PostgresFixture fixture) : FigureListTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteFigureListTests(SqliteFixture fixture) : FigureListTests(fixture), IClassFixture<SqliteFixture>;

using System.Text.Json;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Statistics;
using InvestTrack.Features.Targets;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Statistics;

/// <summary>开复工5000万元以上 against the year's plan (annual target Starts5000), and the targets page agreeing with the report.</summary>
public abstract class StartsAgainstPlanTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private Task<int?> VersionAsync(int year, int? unitId) =>
        App.AsUserAsync("city", async sp => (await sp.GetRequiredService<TargetService>().GridAsync(year)).Rows.Single(r => r.UnitId == unitId).Cells[TargetIndicator.Starts5000].Version);

    private async Task PlanAsync(int year, int? unitId, string? value)
    {
        var version = await VersionAsync(year, unitId);
        var result = await App.AsUserAsync("city", sp => sp.GetRequiredService<TargetService>().SaveAsync(year, unitId, TargetIndicator.Starts5000, value, version));
        Assert.True(result.Ok, result.Error);
    }

    /// <summary>Two 开复工 in 2025: one started in 2025, one continuing from 2023; and three that do not count.</summary>
    private static async Task<(int ThisYear, int Continuing)> StartsAsync(StatisticsSeed s)
    {
        var thisYear = await s.ProjectAsync(5000m, startedOn: new DateOnly(2025, 3, 1));
        var continuing = await s.ProjectAsync(8000m, startedOn: new DateOnly(2023, 4, 1));
        await s.ProjectAsync(8000m, startedOn: new DateOnly(2023, 4, 1), inProductionOn: new DateOnly(2024, 10, 1));
        await s.ProjectAsync(8000m, startedOn: new DateOnly(2023, 4, 1), status: ProjectStatus.Dropped, droppedAt: new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await s.ProjectAsync(4999.99m, startedOn: new DateOnly(2025, 3, 1));
        return (thisYear, continuing);
    }

    [Fact]
    public async Task Starts_of_a_unit_against_its_plan_in_the_figures_and_the_API()
    {
        var s = await StatisticsSeed.NewAsync(App);
        var (thisYear, continuing) = await StartsAsync(s);

        var none = (await s.ReportAsync(2025, 8)).Figures;
        Assert.Equal(new[] { thisYear, continuing }.Order(), (await s.IdsAsync(2025, 8, DispatchFigure.Starts)).Order());
        Assert.Null(none.StartsPlan);
        Assert.Null(none.StartsAgainstPlan);

        foreach (var (plan, wording) in new[] { ("1", "超年初计划1个"), ("2", "完成年初计划"), ("5", "距年初计划尚差3个") })
        {
            await PlanAsync(2025, s.UnitId, plan);
            var f = (await s.ReportAsync(2025, 8)).Figures;
            Assert.Equal((2, long.Parse(plan, System.Globalization.CultureInfo.InvariantCulture), wording), (f.Starts.Count, f.StartsPlan!.Value, f.StartsAgainstPlan));
        }
        // Another year's plan is not this year's.
        Assert.Null((await s.ReportAsync(2026, 8)).Figures.StartsPlan);

        var city = await App.SignInAsync("city");
        var figures = JsonDocument.Parse(await city.GetStringAsync($"/api/reports/dispatch?year=2025&month=8&unitId={s.UnitId}")).RootElement.GetProperty("figures");
        Assert.Equal((5L, "距年初计划尚差3个"), (figures.GetProperty("startsPlan").GetInt64(), figures.GetProperty("startsAgainstPlan").GetString()));
        var page = await city.GetStringAsync($"/reports/dispatch?year=2025&month=8&unitId={s.UnitId}");
        Assert.Contains("距年初计划尚差3个", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_city_wide_report_compares_with_the_city_plan()
    {
        const int year = 2093;
        await PlanAsync(year, null, "3");
        var f = await App.AsSystemAsync(async sp => (await sp.GetRequiredService<DispatchReport>().ComputeAsync(year, 6, null)).Report!.Figures);
        Assert.Equal(3, f.StartsPlan);
        Assert.Equal(PlanWording.Against(f.Starts.Count, 3), f.StartsAgainstPlan);
    }

    [Fact]
    public async Task The_targets_page_and_the_dispatch_report_agree_for_a_unit_with_a_continuing_project()
    {
        var s = await StatisticsSeed.NewAsync(App);
        var (_, continuing) = await StartsAsync(s);
        var report = (await s.ReportAsync(2025, 8)).Figures;
        Assert.Contains(continuing, await s.IdsAsync(2025, 8, DispatchFigure.Starts));

        var progress = await App.AsUserAsync("city", sp => sp.GetRequiredService<TargetService>().ProgressAsync(2025, 8));
        var actual = progress.Single(r => r.UnitId == s.UnitId).Items.Single(i => i.Indicator == TargetIndicator.Starts5000).Actual;
        Assert.Equal(2, actual);
        Assert.Equal(report.Starts.Count, actual);
    }
}

public sealed class PostgresStartsAgainstPlanTests(PostgresFixture fixture) : StartsAgainstPlanTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteStartsAgainstPlanTests(SqliteFixture fixture) : StartsAgainstPlanTests(fixture), IClassFixture<SqliteFixture>;

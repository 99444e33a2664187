using System.Net;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.Statistics;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Statistics;

/// <summary>The dispatch figures against hand-computed cases, each in a unit of its own, on both providers.</summary>
public abstract class DispatchStatisticsTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task Threshold_status_source_and_period_decide_what_counts()
    {
        var s = await StatisticsSeed.NewAsync(App);
        var exactly = await s.ProjectAsync(1000m);
        var below = await s.ProjectAsync(999.99m);
        var pendingOnly = await s.ProjectAsync(2000m);
        var otherSources = await s.ProjectAsync(2000m);
        var outside = await s.ProjectAsync(2000m);
        await s.FundsAsync(exactly, 2025, 3, 100m);
        await s.FundsAsync(exactly, 2025, 8, 23.45m);
        await s.FundsAsync(exactly, 2025, 4, 500m, FundsAuditStatus.Pending);
        await s.FundsAsync(exactly, 2025, 5, 500m, FundsAuditStatus.Returned);
        await s.FundsAsync(below, 2025, 3, 100m);
        await s.FundsAsync(pendingOnly, 2025, 3, 100m, FundsAuditStatus.Pending);
        await s.FundsAsync(pendingOnly, 2025, 4, 100m, FundsAuditStatus.Returned);
        await s.FundsAsync(otherSources, 2025, 3, 100m, source: OriginClass.InProvince);
        await s.FundsAsync(otherSources, 2025, 4, 100m, source: OriginClass.Abroad);
        await s.FundsAsync(outside, 2025, 9, 100m);
        await s.FundsAsync(outside, 2026, 1, 100m);

        var f = (await s.ReportAsync(2025, 8)).Figures;
        Assert.Equal([exactly], await s.IdsAsync(2025, 8, DispatchFigure.InScope));
        Assert.Equal(12345, f.InScope.Amount);
        Assert.Equal([exactly], await s.IdsAsync(2025, 8, DispatchFigure.New));
        Assert.Empty(await s.IdsAsync(2025, 8, DispatchFigure.Continuing));
        Assert.Null(f.Growth);
        var report = await s.ReportAsync(2025, 8);
        Assert.StartsWith($"1月至8月，{s.UnitName}纳入省调度系统省外1000万元以上有资金到位的项目1个，到位资金0.01亿元。其中，续建项目0个", report.Paragraph);
        Assert.Equal(12345, (await s.ListAsync(2025, 8)).Single().YearFunds);
        Assert.Equal(2345, (await s.ListAsync(2025, 8)).Single().PeriodFunds);
    }

    [Fact]
    public async Task Continuing_and_new_by_start_date_with_growth()
    {
        var s = await StatisticsSeed.NewAsync(App);
        var continuing = await s.ProjectAsync(5000m, startedOn: new DateOnly(2024, 12, 31));
        var startedNewYear = await s.ProjectAsync(5000m, startedOn: new DateOnly(2025, 1, 1));
        var notStarted = await s.ProjectAsync(5000m);
        await s.FundsAsync(continuing, 2025, 2, 300m);
        await s.FundsAsync(startedNewYear, 2025, 6, 200m);
        await s.FundsAsync(notStarted, 2025, 6, 50m);
        await s.FundsAsync(continuing, 2024, 6, 400m);
        await s.FundsAsync(continuing, 2024, 7, 100m, FundsAuditStatus.Pending);

        var report = await s.ReportAsync(2025, 6);
        var f = report.Figures;
        Assert.Equal([continuing], await s.IdsAsync(2025, 6, DispatchFigure.Continuing));
        Assert.Equal([startedNewYear, notStarted], (await s.IdsAsync(2025, 6, DispatchFigure.New)).Order());
        Assert.Equal((30000L, 25000L, 55000L, 40000L), (f.Continuing.Amount, f.New.Amount, f.InScope.Amount, f.LastYearFunds));
        Assert.Equal(new YearOnYear(37.50m, false), f.Growth);
        Assert.Equal($"1月至6月，{s.UnitName}纳入省调度系统省外1000万元以上有资金到位的项目3个，到位资金0.06亿元，同比增长37.50%。其中，续建项目1个，新到到位资金0.03亿元；新开工项目2个，到位资金0.03亿元。截至6月末，共签约0个项目和0个战略合作框架协议，合同引资额为0.00亿元。", report.Paragraph);
        Assert.Equal(["续建", "新开工", "新开工"], (await s.ListAsync(2025, 6)).OrderBy(p => p.Continuing ? 0 : 1).Select(p => p.Continuing ? "续建" : "新开工"));
    }

    [Fact]
    public async Task Negative_growth_is_written_as_a_fall()
    {
        var s = await StatisticsSeed.NewAsync(App);
        var p = await s.ProjectAsync(3000m);
        await s.FundsAsync(p, 2024, 1, 300m);
        await s.FundsAsync(p, 2025, 1, 200m);
        var report = await s.ReportAsync(2025, 1);
        Assert.Equal(new YearOnYear(-33.33m, true), report.Figures.Growth);
        Assert.Contains("到位资金0.02亿元，同比下降33.33%。", report.Paragraph);
        Assert.StartsWith($"1月，{s.UnitName}", report.Paragraph);
    }

    [Fact]
    public async Task December_and_January_periods()
    {
        var s = await StatisticsSeed.NewAsync(App);
        var p = await s.ProjectAsync(3000m, startedOn: new DateOnly(2025, 3, 1));
        await s.FundsAsync(p, 2025, 1, 10m);
        await s.FundsAsync(p, 2025, 12, 20m);
        await s.FundsAsync(p, 2026, 1, 40m);
        var december = await s.ReportAsync(2025, 12);
        Assert.Equal(3000, december.Figures.InScope.Amount);
        Assert.Equal([p], await s.IdsAsync(2025, 12, DispatchFigure.New));
        Assert.StartsWith($"1月至12月，{s.UnitName}", december.Paragraph);
        Assert.Contains("截至12月末", december.Paragraph);
        var january = await s.ReportAsync(2026, 1);
        Assert.Equal((4000L, 1000L, 300.00m), (january.Figures.InScope.Amount, january.Figures.LastYearFunds, january.Figures.Growth!.Percent));
        // Started in March 2025, the project continues in 2026.
        Assert.Equal([p], await s.IdsAsync(2026, 1, DispatchFigure.Continuing));
        Assert.StartsWith($"1月，{s.UnitName}", january.Paragraph);
        Assert.Contains("截至1月末", january.Paragraph);
    }

    [Fact]
    public async Task No_counted_funds_is_said_plainly()
    {
        var s = await StatisticsSeed.NewAsync(App);
        var p = await s.ProjectAsync(3000m);
        await s.FundsAsync(p, 2025, 5, 10m, FundsAuditStatus.Pending);
        var report = await s.ReportAsync(2025, 8);
        Assert.Equal($"1月至8月，{s.UnitName}暂无纳入省调度系统的省外1000万元以上到位资金数据。", report.Paragraph);
        Assert.Empty(await s.ListAsync(2025, 8));
    }

    [Fact]
    public async Task Signings_of_both_kinds_contracted_investment_and_yi_signings()
    {
        var s = await StatisticsSeed.NewAsync(App);
        var yi = await s.ProjectAsync(20000m, kind: SigningKind.Contract, signedOn: new DateOnly(2025, 1, 1), contractedWan: 10000m, startedOn: new DateOnly(2025, 5, 1));
        var almost = await s.ProjectAsync(12000m, kind: SigningKind.Contract, signedOn: new DateOnly(2025, 8, 31), contractedWan: 9999.99m);
        var framework = await s.ProjectAsync(50000m, kind: SigningKind.Framework, signedOn: new DateOnly(2025, 2, 14), contractedWan: 50000m);
        await s.ProjectAsync(1000m, kind: SigningKind.Contract, signedOn: new DateOnly(2025, 9, 1), contractedWan: 100000m);
        await s.ProjectAsync(1000m, kind: SigningKind.Framework, signedOn: new DateOnly(2024, 12, 31), contractedWan: 100000m);
        await s.FundsAsync(almost, 2025, 8, 999.99m, source: OriginClass.InProvince);

        var report = await s.ReportAsync(2025, 8);
        var f = report.Figures;
        Assert.Equal([yi, almost], await s.IdsAsync(2025, 8, DispatchFigure.Contracts));
        Assert.Equal([framework], await s.IdsAsync(2025, 8, DispatchFigure.Frameworks));
        Assert.Equal(StatisticsSeed.Hundredths(69999.99m), f.ContractedInvestment);
        Assert.Equal([yi], await s.IdsAsync(2025, 8, DispatchFigure.YiSignings));
        Assert.Equal((s.UnitId, 3, StatisticsSeed.Hundredths(82000m)), (f.SigningsByUnit.Single().UnitId, f.SigningsByUnit.Single().Count, f.SigningsByUnit.Single().PlannedInvestment));
        // 6.9999999亿 rounds half up to 7.00.
        Assert.EndsWith("截至8月末，共签约2个项目和1个战略合作框架协议，合同引资额为7.00亿元。", report.Paragraph);
        Assert.Equal((1L, 2L, 50.00m), (f.StartRate.Part, f.StartRate.Whole, f.StartRate.Percent!.Value));
        Assert.Equal((StatisticsSeed.Hundredths(999.99m), StatisticsSeed.Hundredths(19999.99m)), (f.FundsRate.Part, f.FundsRate.Whole));
        Assert.Equal(5.00m, f.FundsRate.Percent);
        Assert.Equal((2L, 2L, 100.00m), (f.PerformanceRate.Part, f.PerformanceRate.Whole, f.PerformanceRate.Percent!.Value));
        Assert.Null(f.SigningRate.Percent);
    }

    [Fact]
    public async Task Starts_over_5000_and_production()
    {
        var s = await StatisticsSeed.NewAsync(App);
        var thisYear = await s.ProjectAsync(5000m, startedOn: new DateOnly(2025, 11, 1));
        var earlierGoing = await s.ProjectAsync(6000m, startedOn: new DateOnly(2023, 4, 1), inProductionOn: new DateOnly(2025, 3, 1));
        await s.ProjectAsync(4999.99m, startedOn: new DateOnly(2025, 2, 1));
        await s.ProjectAsync(6000m, startedOn: new DateOnly(2023, 4, 1), inProductionOn: new DateOnly(2024, 12, 31));
        await s.ProjectAsync(6000m, startedOn: new DateOnly(2023, 4, 1), status: ProjectStatus.Dropped, droppedAt: new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var droppedThisYear = await s.ProjectAsync(6000m, startedOn: new DateOnly(2023, 4, 1), status: ProjectStatus.Dropped, droppedAt: new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await s.ProjectAsync(6000m);

        var f = (await s.ReportAsync(2025, 8)).Figures;
        Assert.Equal((2, 1), (f.Starts.Count, f.InProduction.Count));
        // Started in November: not started by the end of August, so not in 1月至8月 — whenever that report is run.
        Assert.Equal(new[] { earlierGoing, droppedThisYear }.Order(), (await s.IdsAsync(2025, 8, DispatchFigure.Starts)).Order());
        Assert.Equal([earlierGoing], await s.IdsAsync(2025, 8, DispatchFigure.InProduction));
        Assert.Equal(new[] { thisYear, earlierGoing, droppedThisYear }.Order(), (await s.IdsAsync(2025, 11, DispatchFigure.Starts)).Order());
    }

    [Fact]
    public async Task Dropped_before_1_January_is_read_from_the_dated_status_changes_not_from_the_last_edit()
    {
        var s = await StatisticsSeed.NewAsync(App);
        var started = new DateOnly(2023, 4, 1);
        // Every seeded project was last edited today: only the history says when it was dropped.
        var droppedLastYear = await s.ProjectAsync(6000m, startedOn: started, status: ProjectStatus.Dropped, droppedAt: new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var droppedThisYear = await s.ProjectAsync(6000m, startedOn: started, status: ProjectStatus.Dropped, droppedAt: new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero));
        // 1 January 00:00 in Beijing is 31 December 16:00 UTC: a drop at 16:30 UTC on New Year's Eve is a drop of the new year.
        var droppedAtMidnight = await s.ProjectAsync(6000m, startedOn: started, status: ProjectStatus.Dropped, droppedAt: new DateTimeOffset(2024, 12, 31, 16, 30, 0, TimeSpan.Zero));
        var droppedBeforeMidnight = await s.ProjectAsync(6000m, startedOn: started, status: ProjectStatus.Dropped, droppedAt: new DateTimeOffset(2024, 12, 31, 15, 59, 0, TimeSpan.Zero));
        var revived = await s.ProjectAsync(6000m, startedOn: started, droppedAt: new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero));
        await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.StageChanges.Add(new StageChange
            {
                ProjectId = revived, UnitId = s.UnitId, ToStage = ProjectStage.Signed, FromStatus = ProjectStatus.Dropped, ToStatus = ProjectStatus.Active,
                ChangedAt = new DateTimeOffset(2024, 9, 1, 0, 0, 0, TimeSpan.Zero), UserName = "test",
            });
            return await db.SaveChangesAsync();
        });

        var f = (await s.ReportAsync(2025, 8)).Figures;
        var starts = await s.IdsAsync(2025, 8, DispatchFigure.Starts);
        Assert.Equal(3, f.Starts.Count);
        Assert.Equal(new[] { droppedThisYear, droppedAtMidnight, revived }.Order(), starts.Order());

        // Dropping a counted project today changes nothing in 2025's figures: a past period's report never moves.
        var version = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.Where(p => p.Id == revived).Select(p => p.Version).SingleAsync());
        var dropped = await App.AsUserAsync("city", sp => sp.GetRequiredService<ProjectService>().ChangeStageAsync(revived,
            new StageCommand
            {
                ToStage = ProjectStage.Signed, ToStatus = ProjectStatus.Dropped, Reason = "投资方撤资", Version = version,
                SigningKind = SigningKind.Contract, SignedOn = new DateOnly(2023, 1, 10),
            }));
        Assert.True(dropped.Ok, string.Join("; ", dropped.Errors.SelectMany(e => e.Value)));
        Assert.Equal(starts.Order(), (await s.IdsAsync(2025, 8, DispatchFigure.Starts)).Order());
        Assert.DoesNotContain(droppedBeforeMidnight, starts);
        Assert.DoesNotContain(droppedLastYear, starts);
    }

    [Fact]
    public async Task The_seeds_sentence_from_a_constructed_dataset()
    {
        var s = await StatisticsSeed.NewAsync(App);
        // 67 continuing: 66 × 8000万 + 49700万 = 577700万 = 57.77亿.
        for (var i = 0; i < 67; i++)
            await s.FundsAsync(await s.ProjectAsync(10000m, startedOn: new DateOnly(2024, 3, 1)), 2025, 1 + i % 8, i < 66 ? 8000m : 49700m);
        // 262 new: 261 × 5000万 + 233300万 = 1538300万 = 153.83亿.
        for (var i = 0; i < 262; i++)
            await s.FundsAsync(await s.ProjectAsync(1000m, startedOn: i % 2 == 0 ? new DateOnly(2025, 2, 1) : null), 2025, 1 + i % 8, i < 261 ? 5000m : 233300m);
        // Last year, on the same rules: 1573234.20万 gives (2116000 − 1573234.2) ÷ 1573234.2 = 34.50%.
        await s.FundsAsync(await s.ProjectAsync(1000m), 2024, 8, 1573234.20m);
        // 26 contracts and 15 framework agreements: 40 × 50000万 + 387200万 = 2387200万 = 238.72亿.
        for (var i = 0; i < 41; i++)
            await s.ProjectAsync(100m, kind: i < 26 ? SigningKind.Contract : SigningKind.Framework, signedOn: new DateOnly(2025, 1 + i % 8, 28), contractedWan: i < 40 ? 50000m : 387200m);

        var report = await s.ReportAsync(2025, 8);
        Assert.Equal(
            $"1月至8月，{s.UnitName}纳入省调度系统省外1000万元以上有资金到位的项目329个，到位资金211.60亿元，同比增长34.50%。其中，续建项目67个，新到到位资金57.77亿元；新开工项目262个，到位资金153.83亿元。截至8月末，共签约26个项目和15个战略合作框架协议，合同引资额为238.72亿元。",
            report.Paragraph);
    }

    [Fact]
    public async Task Unit_scope_applies_a_foreign_unit_is_not_found_over_the_API_and_export_is_audited()
    {
        var s = await StatisticsSeed.NewAsync(App);
        var p = await s.ProjectAsync(2000m);
        await s.FundsAsync(p, 2025, 3, 150m);

        var (report, error) = await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<DispatchReport>().ComputeAsync(2025, 8, s.UnitId));
        Assert.Equal((null, DispatchReportError.UnitNotFound), (report, error));

        var tiexi = await App.SignInAsync("tiexi");
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync($"/api/reports/dispatch?year=2025&month=8&unitId={s.UnitId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync($"/api/reports/dispatch?year=2025&month=8&unitId=99999999")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await tiexi.GetAsync("/api/reports/dispatch?year=2025&month=13")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await tiexi.GetAsync("/api/reports/dispatch?year=abc&month=8")).StatusCode);
        var own = JsonDocument.Parse(await tiexi.GetStringAsync("/api/reports/dispatch?year=2025&month=8")).RootElement;
        Assert.StartsWith("1月至8月，铁西区", own.GetProperty("paragraph").GetString());

        var city = await App.SignInAsync("city");
        var body = JsonDocument.Parse(await city.GetStringAsync($"/api/reports/dispatch?year=2025&month=8&unitId={s.UnitId}")).RootElement;
        Assert.StartsWith($"1月至8月，{s.UnitName}纳入省调度系统省外1000万元以上有资金到位的项目1个", body.GetProperty("paragraph").GetString());
        Assert.False(body.TryGetProperty("projects", out _));
        var list = JsonDocument.Parse(await city.GetStringAsync($"/api/reports/dispatch/projects?year=2025&month=8&unitId={s.UnitId}&figure=InScope")).RootElement;
        Assert.Equal(p, list.GetProperty("rows")[0].GetProperty("id").GetInt32());
        Assert.Equal(15000, body.GetProperty("figures").GetProperty("inScope").GetProperty("amount").GetInt64());

        var export = await city.GetAsync($"/api/reports/dispatch/export.xlsx?year=2025&month=8&unitId={s.UnitId}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(DispatchApi.ExportHeaders, rows.Single().Keys);
        Assert.Equal(((object)150d, "新开工", s.UnitName), (rows[0]["本年到位资金(万元)"], rows[0]["续建/新开工"]?.ToString(), rows[0]["所属单位"]?.ToString()));
        var audit = await App.AsSystemAsync(sp => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            sp.GetRequiredService<Data.AppDbContext>().AuditEntries.Where(e => e.Action == "Export" && e.ObjectType == "DispatchReport")));
        Assert.Contains(audit, e => e.NewValues != null && e.NewValues.Contains($"\"unitId\":{s.UnitId}", StringComparison.Ordinal));
    }
}

public sealed class PostgresDispatchStatisticsTests(PostgresFixture fixture) : DispatchStatisticsTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteDispatchStatisticsTests(SqliteFixture fixture) : DispatchStatisticsTests(fixture), IClassFixture<SqliteFixture>;

using InvestTrack.Features.Dashboard;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.Statistics;
using InvestTrack.Features.Targets;
using InvestTrack.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard's figures and the records behind each of them against a hand-computed dataset in a unit of
/// the test's own, on both providers. Amounts in the comments are 万元; the assertions compare hundredths.
/// </summary>
public abstract class DashboardFiguresTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private static long H(decimal wan) => DashboardSeed.Hundredths(wan);

    /// <summary>The ids of <see cref="DatasetAsync"/>, and the names of its industries.</summary>
    private sealed record Dataset(DashboardSeed Seed, int P1, int P2, int P3, int P4, int P5, int P6, int P7, int P8, int P9, string IndustryA, string IndustryB);

    /// <summary>
    /// Investors: A from 山东省 (P:370000), B from 俄罗斯 (C:RU), C of unknown origin (X). Industries A and B; B
    /// exists by that name in two catalogs (p2 in one, p8 in the other), so its slice is one.
    /// p1 20000万 started 2025-05-01, contract 2025-03-10 of 10000万 (exactly 亿元以上), investor A, industry A.
    /// p2 8000万 contract 2025-06-30 of 9999.99万, investor B, industry B. p3 3000万 framework 2025-02-01 of 50000万,
    /// investor C, no industry. p4 1000万 contract 2025-07-01 of 20000万 (after June). p5 6000万 contract 2024-04-01
    /// of 15000万, started 2023, in production 2025-04-15. p6 stalled 洽谈. p7 dropped 意向. p8 100万 线索, investor C,
    /// industry B (other catalog). p9 dropped, signed 2024-12-01, planned 90000万.
    /// </summary>
    private async Task<Dataset> DatasetAsync()
    {
        var s = await DashboardSeed.NewUnitAsync(App);
        var (a, b, c) = (await s.CompanyAsync(provinceCode: "370000"), await s.CompanyAsync(countryCode: "RU"), await s.CompanyAsync());
        var (nameA, nameB) = ($"装备A{s.Suffix}", $"食品B{s.Suffix}");
        var industryA = await s.IndustryAsync(nameA);
        var industryB = await s.IndustryAsync(nameB);
        var industryBElsewhere = await s.IndustryAsync(nameB, catalogStartYear: 2190);

        var p1 = await s.ProjectAsync(a, 20000m, ProjectStage.Started, industryId: industryA, kind: SigningKind.Contract, signedOn: new DateOnly(2025, 3, 10), contractedWan: 10000m, startedOn: new DateOnly(2025, 5, 1));
        var p2 = await s.ProjectAsync(b, 8000m, industryId: industryB, kind: SigningKind.Contract, signedOn: new DateOnly(2025, 6, 30), contractedWan: 9999.99m);
        var p3 = await s.ProjectAsync(c, 3000m, kind: SigningKind.Framework, signedOn: new DateOnly(2025, 2, 1), contractedWan: 50000m);
        var p4 = await s.ProjectAsync(a, 1000m, kind: SigningKind.Contract, signedOn: new DateOnly(2025, 7, 1), contractedWan: 20000m);
        var p5 = await s.ProjectAsync(a, 6000m, ProjectStage.InProduction, kind: SigningKind.Contract, signedOn: new DateOnly(2024, 4, 1), contractedWan: 15000m,
            startedOn: new DateOnly(2023, 1, 1), inProductionOn: new DateOnly(2025, 4, 15));
        var p6 = await s.ProjectAsync(a, 7000m, ProjectStage.Talks, ProjectStatus.Stalled);
        var p7 = await s.ProjectAsync(a, 500m, ProjectStage.Intention, ProjectStatus.Dropped);
        var p8 = await s.ProjectAsync(c, 100m, ProjectStage.Lead, industryId: industryBElsewhere);
        var p9 = await s.ProjectAsync(a, 90000m, ProjectStage.Signed, ProjectStatus.Dropped, kind: SigningKind.Contract, signedOn: new DateOnly(2024, 12, 1), contractedWan: 90000m,
            droppedAt: new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));

        // This year, months 1–6, audited of every source: p1 100 + 200 + 50, p2 300, p3 25.50, p8 10 = 685.50.
        await s.FundsAsync(p1, 2025, 1, 100m);
        await s.FundsAsync(p1, 2025, 3, 200m, source: OriginClass.InProvince);
        await s.FundsAsync(p1, 2025, 6, 50m, source: OriginClass.Abroad);
        await s.FundsAsync(p1, 2025, 4, 999m, FundsAuditStatus.Pending);
        await s.FundsAsync(p1, 2025, 5, 888m, FundsAuditStatus.Returned);
        await s.FundsAsync(p1, 2025, 7, 700m);
        await s.FundsAsync(p2, 2025, 3, 300m);
        await s.FundsAsync(p3, 2025, 6, 25.50m);
        await s.FundsAsync(p8, 2025, 2, 10m);
        // Last year, months 1–6: p5 100 (February) + p2 400 (March) = 500; July 500 and December 40 are after June.
        await s.FundsAsync(p5, 2024, 2, 100m);
        await s.FundsAsync(p2, 2024, 3, 400m);
        await s.FundsAsync(p2, 2024, 5, 60m, FundsAuditStatus.Pending);
        await s.FundsAsync(p2, 2024, 7, 500m);
        await s.FundsAsync(p3, 2024, 12, 40m);
        // January 2026.
        await s.FundsAsync(p2, 2026, 1, 80m);

        await s.TargetAsync(2025, TargetIndicator.Funds, H(1371m));
        await s.TargetAsync(2025, TargetIndicator.Signings, 4);
        await s.TargetAsync(2025, TargetIndicator.YiSignings, 3);
        await s.TargetAsync(2025, TargetIndicator.Production, 0);
        return new Dataset(s, p1, p2, p3, p4, p5, p6, p7, p8, p9, nameA, nameB);
    }

    [Fact]
    public async Task Kpis_of_a_constructed_unit_against_hand_computed_values_and_the_dispatch_report()
    {
        var d = await DatasetAsync();
        var f = await d.Seed.FiguresAsync(2025, 6);
        Assert.Equal((2025, 6, d.Seed.UnitId, d.Seed.UnitName), (f.Year, f.Month, f.UnitId, f.ScopeName));

        var funds = f.Of(DashboardIndicator.Funds);
        Assert.Equal((true, H(685.50m), H(500m), H(685.50m), 37.10m), (funds.IsAmount, funds.Value, funds.LastYearValue, funds.Amount, funds.Growth!.Percent));
        // Target 1371万: 685.50 ÷ 1371 = 50.00%, pace of June 50.00%, gap 0.
        Assert.Equal(new TargetProgress(TargetIndicator.Funds, H(1371m), H(685.50m), 50.00m, 50.00m, 0.00m), funds.Target);

        // 省外 audited of projects ≥ 1000万: p1 100 (January), p2 300, p3 25.50; last year p5 100 + p2 400.
        var dispatch = f.Of(DashboardIndicator.DispatchFunds);
        Assert.Equal((H(425.50m), H(500m), -14.90m), (dispatch.Value, dispatch.LastYearValue, dispatch.Growth!.Percent));
        Assert.Null(dispatch.Target);
        var report = await App.AsSystemAsync(async sp => (await sp.GetRequiredService<DispatchReport>().ComputeAsync(2025, 6, d.Seed.UnitId)).Report!.Figures);
        Assert.Equal(report.InScope.Amount, dispatch.Value);
        Assert.Equal(report.LastYearFunds, dispatch.LastYearValue);

        // Signings: p1, p2 (contracts) and p3 (framework), 69999.99万; last year p5 only (p9 in December).
        var signings = f.Of(DashboardIndicator.Signings);
        Assert.Equal((false, 3L, 1L, H(69999.99m), 200.00m), (signings.IsAmount, signings.Value, signings.LastYearValue, signings.Amount, signings.Growth!.Percent));
        Assert.Equal(new TargetProgress(TargetIndicator.Signings, 4, 3, 75.00m, 50.00m, 25.00m), signings.Target);
        Assert.Equal(report.Contracts.Count + report.Frameworks.Count, signings.Value);

        // 亿元以上: p1 at exactly 10000万; not p2 (9999.99), p3 (framework), p4 (July); last year p5.
        var yi = f.Of(DashboardIndicator.YiSignings);
        Assert.Equal((1L, 1L, H(10000m), 0.00m), (yi.Value, yi.LastYearValue, yi.Amount, yi.Growth!.Percent));
        Assert.Equal(new TargetProgress(TargetIndicator.YiSignings, 3, 1, 33.33m, 50.00m, -16.67m), yi.Target);
        Assert.Equal(report.YiSignings.Count, yi.Value);

        // 开复工: p1 (started 2025) and p5 (continuing, in production only in 2025); last year p5. No target.
        var starts = f.Of(DashboardIndicator.Starts5000);
        Assert.Equal((2L, 1L, H(26000m), 100.00m), (starts.Value, starts.LastYearValue, starts.Amount, starts.Growth!.Percent));
        Assert.Equal(new TargetProgress(TargetIndicator.Starts5000, null, 2, null, 50.00m, null), starts.Target);
        Assert.Equal((report.Starts.Count, report.Starts.Amount), (starts.Value, starts.Amount));

        // 竣工投产: p5; none last year; a target of 0 gives no completion.
        var production = f.Of(DashboardIndicator.Production);
        Assert.Equal((1L, 0L, H(6000m)), (production.Value, production.LastYearValue, production.Amount));
        Assert.Null(production.Growth);
        Assert.Equal(new TargetProgress(TargetIndicator.Production, 0, 1, null, 50.00m, null), production.Target);
        Assert.Equal((report.InProduction.Count, report.InProduction.Amount), (production.Value, production.Amount));
    }

    [Fact]
    public async Task Funnel_months_slices_and_largest_projects()
    {
        var d = await DatasetAsync();
        var f = await d.Seed.FiguresAsync(2025, 6);

        Assert.Equal([
            new StageCount(ProjectStage.Lead, 1), new StageCount(ProjectStage.Talks, 0), new StageCount(ProjectStage.Intention, 0),
            new StageCount(ProjectStage.Signed, 3), new StageCount(ProjectStage.Started, 1), new StageCount(ProjectStage.InProduction, 1)], f.Funnel);
        Assert.Equal((1, 2), (f.Stalled, f.Dropped));

        Assert.Equal([
            new MonthFunds(1, H(100m), 0), new MonthFunds(2, H(10m), H(100m)), new MonthFunds(3, H(500m), H(400m)),
            new MonthFunds(4, 0, 0), new MonthFunds(5, 0, 0), new MonthFunds(6, H(75.50m), 0),
            new MonthFunds(7, null, H(500m)), new MonthFunds(8, null, 0), new MonthFunds(9, null, 0),
            new MonthFunds(10, null, 0), new MonthFunds(11, null, 0), new MonthFunds(12, null, H(40m))], f.ByMonth);
        Assert.True(f.HasAnyFunds);

        Assert.Equal([new FundsSlice(SliceKey.Unit(d.Seed.UnitId), d.Seed.UnitName, H(685.50m))], f.ByUnit);
        Assert.Equal([
            new FundsSlice("I:" + d.IndustryA, d.IndustryA, H(350m)), new FundsSlice("I:" + d.IndustryB, d.IndustryB, H(310m)),
            new FundsSlice(SliceKey.NoIndustry, "未分类", H(25.50m))], f.ByIndustry);
        Assert.Equal([
            new FundsSlice("P:370000", "山东省", H(350m)), new FundsSlice("C:RU", "俄罗斯", H(300m)), new FundsSlice("X", "未知", H(35.50m))], f.ByOrigin);
        foreach (var slices in new[] { f.ByUnit, f.ByIndustry, f.ByOrigin })
            Assert.Equal(f.Of(DashboardIndicator.Funds).Value, slices.Sum(x => x.Amount));

        // Signed and not dropped, by planned investment (p4, signed in July, is signed today); p9 is dropped.
        Assert.Equal([(d.P1, H(20000m), H(350m)), (d.P2, H(8000m), H(300m)), (d.P5, H(6000m), 0L), (d.P3, H(3000m), H(25.50m)), (d.P4, H(1000m), 0L)],
            f.Largest.Select(l => (l.Id, l.PlannedInvestment, l.FundsThisYear)));
        Assert.All(f.Largest, l => Assert.Equal(d.Seed.UnitName, l.UnitName));
    }

    [Fact]
    public async Task Every_drill_down_totals_its_figure_and_lists_the_expected_projects()
    {
        var d = await DatasetAsync();
        var s = d.Seed;
        var f = await s.FiguresAsync(2025, 6);

        async Task Check(DrillKind kind, string? key, long figure, params (int Id, long Amount)[] rows)
        {
            var drill = await s.DrillAsync(kind, 2025, 6, key);
            Assert.Equal(figure, drill.Total);
            Assert.Equal(rows.Length, drill.Count);
            Assert.Equal(rows, drill.Rows.Select(r => (r.Id, r.Amount)));
            Assert.Equal(s.UnitName, drill.ScopeName);
        }

        await Check(DrillKind.Funds, null, f.Of(DashboardIndicator.Funds).Value, (d.P1, H(350m)), (d.P2, H(300m)), (d.P3, H(25.50m)), (d.P8, H(10m)));
        await Check(DrillKind.DispatchFunds, null, f.Of(DashboardIndicator.DispatchFunds).Value, (d.P2, H(300m)), (d.P1, H(100m)), (d.P3, H(25.50m)));
        await Check(DrillKind.Signings, null, f.Of(DashboardIndicator.Signings).Amount, (d.P3, H(50000m)), (d.P1, H(10000m)), (d.P2, H(9999.99m)));
        await Check(DrillKind.YiSignings, null, f.Of(DashboardIndicator.YiSignings).Amount, (d.P1, H(10000m)));
        await Check(DrillKind.Starts, null, f.Of(DashboardIndicator.Starts5000).Amount, (d.P1, H(20000m)), (d.P5, H(6000m)));
        await Check(DrillKind.Production, null, f.Of(DashboardIndicator.Production).Amount, (d.P5, H(6000m)));
        await Check(DrillKind.Month, "3", f.ByMonth[2].ThisYear!.Value, (d.P2, H(300m)), (d.P1, H(200m)));
        await Check(DrillKind.Month, "6", f.ByMonth[5].ThisYear!.Value, (d.P1, H(50m)), (d.P3, H(25.50m)));
        await Check(DrillKind.Month, "4", 0);
        await Check(DrillKind.Unit, f.ByUnit[0].Key, f.ByUnit[0].Amount, (d.P1, H(350m)), (d.P2, H(300m)), (d.P3, H(25.50m)), (d.P8, H(10m)));
        await Check(DrillKind.Industry, f.ByIndustry[0].Key, f.ByIndustry[0].Amount, (d.P1, H(350m)));
        await Check(DrillKind.Industry, f.ByIndustry[1].Key, f.ByIndustry[1].Amount, (d.P2, H(300m)), (d.P8, H(10m)));
        await Check(DrillKind.Industry, SliceKey.NoIndustry, f.ByIndustry[2].Amount, (d.P3, H(25.50m)));
        await Check(DrillKind.Origin, "P:370000", f.ByOrigin[0].Amount, (d.P1, H(350m)));
        await Check(DrillKind.Origin, "C:RU", f.ByOrigin[1].Amount, (d.P2, H(300m)));
        await Check(DrillKind.Origin, "X", f.ByOrigin[2].Amount, (d.P3, H(25.50m)), (d.P8, H(10m)));

        Assert.Equal("山东省", (await s.DrillAsync(DrillKind.Origin, 2025, 6, "P:370000")).SliceName);
        Assert.Equal("未知", (await s.DrillAsync(DrillKind.Origin, 2025, 6, "X")).SliceName);
        // The nameless slices speak the user's language.
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
        try
        {
            Assert.Equal("Unknown", (await s.DrillAsync(DrillKind.Origin, 2025, 6, "X")).SliceName);
            var english = await s.FiguresAsync(2025, 6);
            Assert.Equal(["Unclassified", "Unknown"], [english.ByIndustry.Single(i => i.Key == SliceKey.NoIndustry).Name, english.ByOrigin.Single(o => o.Key == "X").Name]);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
        Assert.Equal(s.UnitName, (await s.DrillAsync(DrillKind.Unit, 2025, 6, f.ByUnit[0].Key)).SliceName);
        Assert.Equal("2025年3月", (await s.DrillAsync(DrillKind.Month, 2025, 6, "3")).PeriodLabel);
        Assert.Equal("2025年1月至6月", (await s.DrillAsync(DrillKind.Funds, 2025, 6)).PeriodLabel);
    }

    [Fact]
    public async Task Last_years_bars_open_last_years_month_also_after_the_period()
    {
        var d = await DatasetAsync();
        var f = await d.Seed.FiguresAsync(2025, 6);
        Assert.Null(f.ByMonth[6].ThisYear);
        // The page opens last year's bar as (year − 1, the same M, key = the bar's month): July 2024 is shown for 1–6月.
        var july = await d.Seed.DrillAsync(DrillKind.Month, 2024, 6, "7");
        Assert.Equal((f.ByMonth[6].LastYear, "2024年7月"), (july.Total, july.PeriodLabel));
        Assert.Equal([(d.P2, H(500m))], july.Rows.Select(r => (r.Id, r.Amount)));
        var march = await d.Seed.DrillAsync(DrillKind.Month, 2024, 6, "3");
        Assert.Equal(f.ByMonth[2].LastYear, march.Total);
        // Pending (May 2024) is not counted.
        Assert.Equal((0, 0L), ((await d.Seed.DrillAsync(DrillKind.Month, 2024, 6, "5")).Count, f.ByMonth[4].LastYear));
    }

    [Fact]
    public async Task December_and_January()
    {
        var d = await DatasetAsync();
        var december = await d.Seed.FiguresAsync(2025, 12);
        // All of 2025: 685.50 + July 700; all of 2024: 100 + 400 + 500 + 40 = 1040.
        Assert.Equal((H(1385.50m), H(1040m)), (december.Of(DashboardIndicator.Funds).Value, december.Of(DashboardIndicator.Funds).LastYearValue));
        Assert.All(december.ByMonth, m => Assert.NotNull(m.ThisYear));
        Assert.Equal(H(700m), december.ByMonth[6].ThisYear);
        // p4 (July, 20000万) joins the signings and the 亿元以上; last year p5 and p9 (December: signed, though dropped since, as the dispatch counts).
        Assert.Equal((4L, 2L), (december.Of(DashboardIndicator.Signings).Value, december.Of(DashboardIndicator.Signings).LastYearValue));
        Assert.Equal((2L, 2L, H(30000m)), (december.Of(DashboardIndicator.YiSignings).Value, december.Of(DashboardIndicator.YiSignings).LastYearValue, december.Of(DashboardIndicator.YiSignings).Amount));
        Assert.Equal(100.00m, december.Of(DashboardIndicator.Funds).Target!.Pace);

        var january = await d.Seed.FiguresAsync(2026, 1);
        // 80 against January 2025's 100: −20.00%.
        Assert.Equal((H(80m), H(100m), -20.00m), (january.Of(DashboardIndicator.Funds).Value, january.Of(DashboardIndicator.Funds).LastYearValue, january.Of(DashboardIndicator.Funds).Growth!.Percent));
        Assert.Equal(new MonthFunds(1, H(80m), H(100m)), january.ByMonth[0]);
        Assert.All(january.ByMonth.Skip(1), m => Assert.Null(m.ThisYear));
        Assert.Equal(H(700m), january.ByMonth[6].LastYear);
        Assert.Equal((0L, 0L), (january.Of(DashboardIndicator.Signings).Value, january.Of(DashboardIndicator.Signings).LastYearValue));
        Assert.Null(january.Of(DashboardIndicator.Signings).Growth);
        Assert.Null(january.Of(DashboardIndicator.Funds).Target!.Target);
        Assert.Equal(8.33m, january.Of(DashboardIndicator.Funds).Target!.Pace);
        Assert.Equal([new FundsSlice("C:RU", "俄罗斯", H(80m))], january.ByOrigin);
        Assert.Equal((await d.Seed.DrillAsync(DrillKind.Month, 2026, 1, "1")).Total, january.ByMonth[0].ThisYear);
    }

    [Fact]
    public async Task A_period_without_data_is_all_zeros()
    {
        var s = await DashboardSeed.NewUnitAsync(App);
        var f = await s.FiguresAsync(2025, 6);
        Assert.False(f.HasAnyFunds);
        Assert.All(f.Kpis, k => Assert.Equal((0L, 0L, 0L, (YearOnYear?)null), (k.Value, k.LastYearValue, k.Amount, k.Growth)));
        Assert.All(f.Funnel, st => Assert.Equal(0, st.Count));
        Assert.Equal((0, 0), (f.Stalled, f.Dropped));
        Assert.Equal(12, f.ByMonth.Count);
        Assert.All(f.ByMonth, m => Assert.Equal(m.Month <= 6 ? 0L : null, m.ThisYear));
        Assert.All(f.ByMonth, m => Assert.Equal(0L, m.LastYear));
        Assert.Empty(f.ByUnit);
        Assert.Empty(f.ByIndustry);
        Assert.Empty(f.ByOrigin);
        Assert.Empty(f.Largest);
        foreach (var kind in new[] { DrillKind.Funds, DrillKind.DispatchFunds, DrillKind.Signings, DrillKind.YiSignings, DrillKind.Starts, DrillKind.Production })
            Assert.Equal((0, 0L), ((await s.DrillAsync(kind, 2025, 6)).Count, (await s.DrillAsync(kind, 2025, 6)).Total));
    }
}

public sealed class PostgresDashboardFiguresTests(PostgresFixture fixture) : DashboardFiguresTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteDashboardFiguresTests(SqliteFixture fixture) : DashboardFiguresTests(fixture), IClassFixture<SqliteFixture>;

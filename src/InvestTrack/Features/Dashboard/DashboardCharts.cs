using InvestTrack.Components.Charts;
using InvestTrack.Kernel;

namespace InvestTrack.Features.Dashboard;

/// <summary>The dashboard's chart options from its figures; amounts are shown in 亿元 with two decimals (half up).</summary>
public static class DashboardCharts
{
    public const int RankedCount = 10;

    public static decimal Yi(long hundredths) => Math.Round(Money.ToWan(hundredths) / 10000m, 2, MidpointRounding.AwayFromZero);

    /// <summary>This year's months as bars (up to month M) and last year's as a line.</summary>
    public static ChartOption ByMonth(DashboardFigures f, string thisYearName, string lastYearName, Func<int, string> monthName) =>
        ChartOption.BarsAndLines(
            [.. f.ByMonth.Select(m => monthName(m.Month))],
            [new ChartSeries(thisYearName, [.. f.ByMonth.Select(m => m.ThisYear is { } v ? Yi(v) : (decimal?)null)])],
            [new ChartSeries(lastYearName, [.. f.ByMonth.Select(m => (decimal?)Yi(m.LastYear))])]).WithValueDecimals(2);

    /// <summary>The largest slices, ranked; the chart's categories are the slices' names (see <see cref="KeyOf"/>).</summary>
    public static ChartOption Ranked(IReadOnlyList<FundsSlice> slices, string seriesName, int count = RankedCount)
    {
        var top = slices.Take(count).ToList();
        return ChartOption.HorizontalBars([.. top.Select(s => s.Name)], ChartSeries.Of(seriesName, top.Select(s => Yi(s.Amount)))).WithValueDecimals(2);
    }

    /// <summary>The slice a click on a ranked chart means: the chart sorts its categories, so the name is the link.</summary>
    public static FundsSlice? KeyOf(IReadOnlyList<FundsSlice> slices, ChartOption option, ChartClick click) =>
        click.DataIndex >= 0 && click.DataIndex < option.Categories.Count
            ? slices.FirstOrDefault(s => s.Name == option.Categories[click.DataIndex]) : null;

    /// <summary>
    /// Projects going on by their current stage, as bars in the pipeline's order (线索 at the top). Not a funnel: how many
    /// projects once reached a stage cannot be counted exactly (a stage may be set back, and imported projects start late).
    /// </summary>
    public static ChartOption Stages(DashboardFigures f, Func<Projects.ProjectStage, string> stageName, string seriesName) =>
        ChartOption.HorizontalBarsInOrder([.. f.Funnel.Select(s => stageName(s.Stage))], ChartSeries.Of(seriesName, f.Funnel.Select(s => (decimal)s.Count)));
}

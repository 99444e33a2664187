namespace InvestTrack.Components.Charts;

/// <summary>
/// One named row of values, one value per category. A null value is a gap (a month not reached yet), not a zero.
/// Amounts stay <see cref="decimal"/> (e.g. 亿元 from <c>Money.ToYi</c>) so the chart shows exactly what the tables show.
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values)
{
    public static ChartSeries Of(string name, IEnumerable<decimal> values) => new(name, values.Select(v => (decimal?)v).ToArray());

    public static ChartSeries Of(string name, params decimal[] values) => Of(name, (IEnumerable<decimal>)values);
}

/// <summary>What the user clicked: the series, the index into <see cref="ChartOption.Categories"/> and its name.</summary>
public sealed record ChartClick(int SeriesIndex, int DataIndex, string Name);

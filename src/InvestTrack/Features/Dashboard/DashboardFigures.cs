using InvestTrack.Features.Projects;
using InvestTrack.Features.Statistics;
using InvestTrack.Features.Targets;

namespace InvestTrack.Features.Dashboard;

/// <summary>The headline figures of the dashboard; each opens the records behind it (<see cref="DrillKind"/>).</summary>
public enum DashboardIndicator { Funds, DispatchFunds, Signings, YiSignings, Starts5000, Production }

/// <summary>
/// One headline figure for months 1..M of the year and of the year before. Value is a count, or hundredths of
/// a 万元 when <see cref="IsAmount"/>; Amount is the money behind a count (合同引资额, planned investment).
/// </summary>
public sealed record Kpi(DashboardIndicator Indicator, bool IsAmount, long Value, long LastYearValue, long Amount, YearOnYear? Growth, TargetProgress? Target);

/// <summary>The names of the slices without a name of their own, in the user's language; the city's own level is 市本级 among units.</summary>
public sealed record SliceNames(string NoIndustry, string UnknownOrigin, string CityLevel);

/// <summary>Audited funds of one slice (a unit, an industry, an origin); Key opens its records.</summary>
public sealed record FundsSlice(string Key, string Name, long Amount);

/// <summary>Audited funds of one month: this year's is null after month M.</summary>
public sealed record MonthFunds(int Month, long? ThisYear, long LastYear);

public sealed record StageCount(ProjectStage Stage, int Count);

public sealed record LargestProject(int Id, string Code, string Name, string UnitName, ProjectStage Stage, ProjectStatus Status, long PlannedInvestment, long FundsThisYear);

/// <summary>
/// Everything the dashboard and the leaders' screen show for one period and the whole city or one unit.
/// Funds are audited records of every source (到位资金); DispatchFunds is the provincial dispatch's counted
/// figure (statistics.md). Amounts are hundredths of a 万元.
/// </summary>
public sealed record DashboardFigures
{
    public required int Year { get; init; }
    public required int Month { get; init; }
    public int? UnitId { get; init; }
    public required string ScopeName { get; init; }
    public required IReadOnlyList<Kpi> Kpis { get; init; }
    /// <summary>Projects going on normally (正常), by their stage.</summary>
    public required IReadOnlyList<StageCount> Funnel { get; init; }
    public required int Stalled { get; init; }
    public required int Dropped { get; init; }
    public required IReadOnlyList<MonthFunds> ByMonth { get; init; }
    /// <summary>Units with audited funds this year, largest first.</summary>
    public required IReadOnlyList<FundsSlice> ByUnit { get; init; }
    /// <summary>The units of the scope without audited funds this year (Amount 0): ranked below the others, shown as —.</summary>
    public IReadOnlyList<FundsSlice> UnitsWithout { get; init; } = [];
    public required IReadOnlyList<FundsSlice> ByIndustry { get; init; }
    public required IReadOnlyList<FundsSlice> ByOrigin { get; init; }
    public required IReadOnlyList<LargestProject> Largest { get; init; }
    public required DateTimeOffset ComputedAt { get; init; }
    /// <summary>Leads and activities, computed on each request outside the cache (null only inside the cache).</summary>
    public OutreachFigures? Outreach { get; init; }

    public Kpi Of(DashboardIndicator indicator) => Kpis.Single(k => k.Indicator == indicator);
    public bool HasAnyFunds => ByMonth.Any(m => m.ThisYear > 0 || m.LastYear > 0);
}

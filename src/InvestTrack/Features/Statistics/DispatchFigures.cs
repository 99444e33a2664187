namespace InvestTrack.Features.Statistics;

/// <summary>
/// A count and its amount, counted and summed in SQL. The projects behind it are a list of their own, opened a page
/// at a time (<see cref="DispatchReport.ProjectsAsync"/>), through the same query.
/// </summary>
public sealed record Figure(int Count, long Amount)
{
    public static readonly Figure Empty = new(0, 0);
}

/// <summary>The dispatch figures that open a list of projects (<see cref="DispatchQueries.RowsOf"/>).</summary>
public enum DispatchFigure { InScope, Continuing, New, Contracts, Frameworks, YiSignings, Starts, InProduction }

/// <summary>A page of the projects behind one dispatch figure; Count and Amount are the whole figure's.</summary>
public sealed record DispatchProjectsPage(DispatchFigure Figure, int Count, long Amount, int Page, int PageSize, IReadOnlyList<FigureProject> Rows);

/// <summary>Signings of one unit in the period: count and sum of planned total investment.</summary>
public sealed record UnitSignings(int UnitId, string UnitName, int Count, long PlannedInvestment);

/// <summary>A rate with the parts it divides; Percent is null when the denominator is zero.</summary>
public sealed record Rate(long Part, long Whole, decimal? Percent);

/// <summary>
/// The figures of the provincial dispatch (省调度) and the standing figures of statistics.md for one period
/// and the whole city or one unit. Amounts are hundredths of a 万元; Figure.Amount of a count is its funds.
/// </summary>
public sealed record DispatchFigures
{
    public required int Year { get; init; }
    public required int Month { get; init; }
    /// <summary>全市, or the unit's name.</summary>
    public required string ScopeName { get; init; }
    public int? UnitId { get; init; }

    /// <summary>Projects in scope and their counted funds of the period.</summary>
    public required Figure InScope { get; init; }
    public required Figure Continuing { get; init; }
    public required Figure New { get; init; }
    /// <summary>Counted funds of the same months last year, on the same rules.</summary>
    public required long LastYearFunds { get; init; }
    /// <summary>同比 of the counted funds; null when last year's were zero.</summary>
    public YearOnYear? Growth { get; init; }

    /// <summary>项目合同 signed in the period; Amount = their contracted investment.</summary>
    public required Figure Contracts { get; init; }
    /// <summary>战略合作框架协议 signed in the period; Amount = their contracted investment.</summary>
    public required Figure Frameworks { get; init; }
    /// <summary>合同引资额: contracted investment of both kinds.</summary>
    public long ContractedInvestment => Contracts.Amount + Frameworks.Amount;

    public required IReadOnlyList<UnitSignings> SigningsByUnit { get; init; }
    /// <summary>亿元以上签约项目; Amount = contracted investment.</summary>
    public required Figure YiSignings { get; init; }
    /// <summary>开复工5000万元以上项目; Amount = planned investment.</summary>
    public required Figure Starts { get; init; }
    /// <summary>The year's planned number of 开复工 (annual target Starts5000 of the unit, or the city); null when none was set.</summary>
    public long? StartsPlan { get; init; }
    /// <summary>"超年初计划N个", "完成年初计划" or "距年初计划尚差N个"; null without a plan.</summary>
    public string? StartsAgainstPlan => PlanWording.Against(Starts.Count, StartsPlan);
    /// <summary>竣工投产 in the period; Amount = planned investment.</summary>
    public required Figure InProduction { get; init; }

    public required Rate SigningRate { get; init; }
    public required Rate StartRate { get; init; }
    public required Rate FundsRate { get; init; }
    public required Rate PerformanceRate { get; init; }

    public bool HasCountedFunds => InScope.Count > 0;
}

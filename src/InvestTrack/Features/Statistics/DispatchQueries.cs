using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Statistics;

/// <summary>
/// The counting rules of statistics.md as queries. Every figure is counted and summed in SQL over long hundredths
/// (exact on both providers) by a few grouped statements; the projects behind a figure are <see cref="RowsOf"/>,
/// the same rule's rows, read a page at a time only when someone opens the figure. The unit scope of the current
/// user applies through the global query filter.
/// </summary>
public static class DispatchQueries
{
    public static async Task<DispatchFigures> ComputeAsync(AppDbContext db, Period period, int? unitId, string scopeName, StatisticsOptions options, CancellationToken ct)
    {
        var projects = ReportScope.ProjectsOf(db, unitId);

        // 续建 and 新开工 in one pass over the counted funds; 纳入省调度 is both.
        var counted = await CountedFunds.Of(db, projects, period, options).GroupBy(c => c.Continuing)
            .Select(g => new { Continuing = g.Key, Count = g.Count(), Amount = g.Sum(c => c.Funds.Amount) }).ToListAsync(ct);
        var continuing = counted.Where(c => c.Continuing).Select(c => new Figure(c.Count, c.Amount)).SingleOrDefault() ?? Figure.Empty;
        var fresh = counted.Where(c => !c.Continuing).Select(c => new Figure(c.Count, c.Amount)).SingleOrDefault() ?? Figure.Empty;
        var inScope = new Figure(continuing.Count + fresh.Count, continuing.Amount + fresh.Amount);
        var lastYear = await CountedTotalAsync(db, projects, period.LastYear, options, ct);

        // Both kinds of signing, the 亿元以上 and the units in one pass.
        var signed = await Signings.Of(projects, period, options).GroupBy(s => new { s.Project.UnitId, s.Kind, s.Yi })
            .Select(g => new SignedGroup(g.Key.UnitId, g.Key.Kind, g.Key.Yi, g.Count(), g.Sum(s => s.Contracted), g.Sum(s => s.Project.PlannedInvestment)))
            .ToListAsync(ct);
        var contracts = SumOf(signed.Where(s => s.Kind == SigningKind.Contract));
        var byUnit = await ByUnitAsync(db, signed, ct);
        var starts = await FigureOf(db, projects, period, options, DispatchFigure.Starts, ct);
        var inProduction = await FigureOf(db, projects, period, options, DispatchFigure.InProduction, ct);
        var targets = await db.AnnualTargets
            .Where(t => t.Year == period.Year && t.UnitId == unitId && (t.Indicator == TargetIndicator.Starts5000 || t.Indicator == TargetIndicator.Signings))
            .ToDictionaryAsync(t => t.Indicator, t => t.Value, ct);
        var rates = contracts.Count == 0 ? null : await ContractRatesAsync(db, projects, period, options, ct);

        return new DispatchFigures
        {
            Year = period.Year, Month = period.Month, ScopeName = scopeName, UnitId = unitId,
            InScope = inScope, Continuing = continuing, New = fresh,
            LastYearFunds = lastYear, Growth = Growth.Of(inScope.Amount, lastYear),
            Contracts = contracts, Frameworks = SumOf(signed.Where(s => s.Kind == SigningKind.Framework)),
            SigningsByUnit = byUnit,
            YiSignings = SumOf(signed.Where(s => s.Yi)),
            Starts = starts,
            StartsPlan = targets.TryGetValue(TargetIndicator.Starts5000, out var plan) ? plan : null,
            InProduction = inProduction,
            SigningRate = Rate(signed.Sum(s => s.Count), targets.GetValueOrDefault(TargetIndicator.Signings)),
            StartRate = Rate(rates?.Started ?? 0, contracts.Count),
            FundsRate = Rate(rates?.Funds ?? 0, contracts.Amount),
            PerformanceRate = Rate(rates?.Performing ?? 0, contracts.Count),
        };
    }

    /// <summary>
    /// The projects behind a dispatch figure, each with its share of it: the rows that figure counts and sums, by the
    /// same rules (<see cref="CountedFunds"/>, <see cref="Signings"/>, <see cref="Starts"/>, <see cref="InProduction"/>),
    /// so the list's count and total are the figure's.
    /// </summary>
    public static IQueryable<ProjectAmount> RowsOf(AppDbContext db, IQueryable<Project> projects, Period period, StatisticsOptions options, DispatchFigure figure) => figure switch
    {
        DispatchFigure.InScope => CountedAmounts(CountedFunds.Of(db, projects, period, options)),
        DispatchFigure.Continuing => CountedAmounts(CountedFunds.Of(db, projects, period, options).Where(c => c.Continuing)),
        DispatchFigure.New => CountedAmounts(CountedFunds.Of(db, projects, period, options).Where(c => !c.Continuing)),
        DispatchFigure.Contracts => ContractedAmounts(Signings.Of(projects, period, options).Where(s => s.Kind == SigningKind.Contract)),
        DispatchFigure.Frameworks => ContractedAmounts(Signings.Of(projects, period, options).Where(s => s.Kind == SigningKind.Framework)),
        DispatchFigure.YiSignings => ContractedAmounts(Signings.Of(projects, period, options).Where(s => s.Yi)),
        DispatchFigure.Starts => PlannedAmounts(Starts.Of(db, projects, period, options)),
        DispatchFigure.InProduction => PlannedAmounts(InProduction(projects, period)),
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, null),
    };

    /// <summary>A figure counted and summed from <see cref="RowsOf"/> in one statement (开复工, 竣工投产).</summary>
    public static Task<Figure> FigureOf(AppDbContext db, IQueryable<Project> projects, Period period, StatisticsOptions options, DispatchFigure figure, CancellationToken ct) =>
        FigureList.TotalAsync(RowsOf(db, projects, period, options, figure), ct);

    /// <summary>Each project's counted funds.</summary>
    public static IQueryable<ProjectAmount> CountedAmounts(IQueryable<CountedRow> rows) => rows.Select(c => new ProjectAmount { ProjectId = c.Project.Id, Amount = c.Funds.Amount });

    /// <summary>Each signed project's contracted investment (合同引资额).</summary>
    public static IQueryable<ProjectAmount> ContractedAmounts(IQueryable<Signing> rows) => rows.Select(s => new ProjectAmount { ProjectId = s.Project.Id, Amount = s.Contracted });

    /// <summary>Each project's planned total investment.</summary>
    public static IQueryable<ProjectAmount> PlannedAmounts(IQueryable<Project> rows) => rows.Select(p => new ProjectAmount { ProjectId = p.Id, Amount = p.PlannedInvestment });

    /// <summary>竣工投产 (statistics.md): projects whose production date lies from 1 January of Y to the end of month M.</summary>
    public static IQueryable<Project> InProduction(IQueryable<Project> projects, Period period)
    {
        var (from, to) = (period.YearStart, period.End);
        return projects.Where(p => p.InProductionOn >= from && p.InProductionOn <= to);
    }

    /// <summary>
    /// The sum of the counted funds alone (last year's figure for the growth, the dashboard), summed in SQL: the
    /// same number as <see cref="DispatchFigure.InScope"/>'s, because every amount is above zero (a check constraint).
    /// </summary>
    public static async Task<long> CountedTotalAsync(AppDbContext db, IQueryable<Project> projects, Period period, StatisticsOptions options, CancellationToken ct) =>
        await CountedFunds.Of(db, projects, period, options).SumAsync(c => (long?)c.Funds.Amount, ct) ?? 0;

    private sealed record SignedGroup(int UnitId, SigningKind Kind, bool Yi, int Count, long Contracted, long Planned);

    private sealed record ContractRates(int Started, long Funds, int Performing);

    private static Figure SumOf(IEnumerable<SignedGroup> groups)
    {
        var list = groups.ToList();
        return new Figure(list.Sum(g => g.Count), list.Sum(g => g.Contracted));
    }

    /// <summary>
    /// The parts of 开工率, 资金到位率 and 履约率 over the 项目合同 signed in the period, in one statement: each contract's
    /// audited funds of every source in months 1..M are looked up by project in the running totals. (EF Core writes the
    /// lookup once per use, in the sum and in 履约率's test; the database evaluates the second only for contracts that
    /// have not started, as OR stops at the first true.)
    /// </summary>
    private static async Task<ContractRates> ContractRatesAsync(AppDbContext db, IQueryable<Project> projects, Period period, StatisticsOptions options, CancellationToken ct)
    {
        var end = period.End;
        var funds = AuditedFunds.ToMonth(db, period.Year, period.Month, null);
        return await Signings.Of(projects, period, options).Where(s => s.Kind == SigningKind.Contract)
            .Select(s => new
            {
                Started = s.Project.StartedOn != null && s.Project.StartedOn <= end,
                s.Project.Status,
                Funds = funds.Where(f => f.ProjectId == s.Project.Id).Sum(f => f.Amount),
            })
            .GroupBy(c => 1)
            .Select(g => new ContractRates(
                g.Count(c => c.Started),
                g.Sum(c => c.Funds),
                g.Count(c => c.Status != ProjectStatus.Dropped && (c.Started || c.Funds > 0))))
            .SingleOrDefaultAsync(ct) ?? new ContractRates(0, 0, 0);
    }

    private static async Task<List<UnitSignings>> ByUnitAsync(AppDbContext db, List<SignedGroup> signed, CancellationToken ct)
    {
        var ids = signed.Select(s => s.UnitId).Distinct().ToList();
        var units = await db.Units.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.SortOrder }).ToDictionaryAsync(u => u.Id, ct);
        return [.. signed.GroupBy(s => s.UnitId)
            .Select(g => (Unit: units[g.Key], Row: new UnitSignings(g.Key, units[g.Key].Name, g.Sum(s => s.Count), g.Sum(s => s.Planned))))
            .OrderByDescending(x => x.Row.Count).ThenBy(x => x.Unit.SortOrder).ThenBy(x => x.Unit.Id).Select(x => x.Row)];
    }

    private static Rate Rate(long part, long whole) => new(part, whole, Growth.Rate(part, whole));
}

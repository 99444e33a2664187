using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Statistics;

/// <summary>
/// The counting rules of statistics.md as queries. Filtering, grouping and summing of funds run in SQL over
/// long hundredths (exact on both providers); the per-project rows come back so that every figure carries
/// the ids behind it. The unit scope of the current user applies through the global query filter.
/// </summary>
public static class DispatchQueries
{
    public sealed record FundsRow(int ProjectId, DateOnly? StartedOn, long Amount);

    public sealed record SignedRow(int Id, int UnitId, SigningKind Kind, long Planned, long? Contracted, DateOnly? StartedOn, ProjectStatus Status);

    /// <param name="counted">This period's counted funds per project when the caller reads them itself (the dispatch
    /// report reads them with the list's details, on a connection of its own while the other figures are read here);
    /// otherwise they are read here.</param>
    public static async Task<DispatchFigures> ComputeAsync(AppDbContext db, Period period, int? unitId, string scopeName, StatisticsOptions options, CancellationToken ct,
        Task<List<FundsRow>>? counted = null)
    {
        var projects = ReportScope.ProjectsOf(db, unitId);

        var lastYear = await CountedTotalAsync(db, projects, period.LastYear, options, ct);
        var signed = await SignedAsync(projects, period, ct);
        var contracts = signed.Where(s => s.Kind == SigningKind.Contract).ToList();
        var frameworks = signed.Where(s => s.Kind == SigningKind.Framework).ToList();
        var contractFunds = contracts.Count == 0 ? [] : await ContractFundsAsync(db, projects, period, ct);
        var byUnit = await ByUnitAsync(db, signed, ct);
        var starts = await Starts.FigureAsync(db, projects, period, options, ct);
        var startsPlan = await TargetAsync(db, period, unitId, TargetIndicator.Starts5000, ct);
        var inProduction = await InProductionAsync(projects, period, ct);
        var signingRate = await SigningRateAsync(db, period, unitId, signed.Count, ct);

        var funds = counted is null ? await CountedFundsAsync(db, projects, period, options, ct)
            : [.. (await counted).Where(r => r.Amount > 0).OrderBy(r => r.ProjectId)];
        var continuing = funds.Where(f => f.StartedOn is { } s && s < period.YearStart).ToList();
        var fresh = funds.Where(f => !(f.StartedOn is { } s && s < period.YearStart)).ToList();
        var thisYear = funds.Sum(f => f.Amount);

        return new DispatchFigures
        {
            Year = period.Year, Month = period.Month, ScopeName = scopeName, UnitId = unitId,
            InScope = Of(funds), Continuing = Of(continuing), New = Of(fresh),
            LastYearFunds = lastYear, Growth = Growth.Of(thisYear, lastYear),
            Contracts = Of(contracts), Frameworks = Of(frameworks),
            SigningsByUnit = byUnit,
            YiSignings = Of(contracts.Where(c => c.Contracted >= options.YiSigningThreshold)),
            Starts = starts,
            StartsPlan = startsPlan,
            InProduction = inProduction,
            SigningRate = signingRate,
            StartRate = Rate(contracts.Count(c => c.StartedOn is { } s && s <= period.End), contracts.Count),
            FundsRate = Rate(contractFunds.Values.Sum(), contracts.Sum(c => c.Contracted ?? 0)),
            PerformanceRate = Rate(contracts.Count(c => c.Status != ProjectStatus.Dropped
                && ((c.StartedOn is { } s && s <= period.End) || contractFunds.GetValueOrDefault(c.Id) > 0)), contracts.Count),
        };
    }

    /// <summary>Counted funds per project (<see cref="CountedFunds"/>), grouped and summed in SQL.</summary>
    public static async Task<List<FundsRow>> CountedFundsAsync(AppDbContext db, IQueryable<Project> projects, Period period, StatisticsOptions options, CancellationToken ct)
    {
        var rows = await CountedFunds.Of(db, projects, period, options)
            .GroupBy(c => new { c.Project.Id, c.Project.StartedOn })
            .Select(g => new { g.Key.Id, g.Key.StartedOn, Amount = g.Sum(c => c.Funds.Amount) }).ToListAsync(ct);
        return [.. rows.Where(r => r.Amount > 0).Select(r => new FundsRow(r.Id, r.StartedOn, r.Amount)).OrderBy(r => r.ProjectId)];
    }

    /// <summary>
    /// The sum of <see cref="CountedFundsAsync"/> alone (last year's figure for the growth), summed in SQL: the same
    /// number, because every amount is above zero (a check constraint), so no project's sum is zero or below.
    /// </summary>
    public static async Task<long> CountedTotalAsync(AppDbContext db, IQueryable<Project> projects, Period period, StatisticsOptions options, CancellationToken ct) =>
        await CountedFunds.Of(db, projects, period, options).SumAsync(c => (long?)c.Funds.Amount, ct) ?? 0;

    public static async Task<List<SignedRow>> SignedAsync(IQueryable<Project> projects, Period period, CancellationToken ct)
    {
        var (from, to) = (period.YearStart, period.End);
        var rows = await projects.Where(p => p.SignedOn >= from && p.SignedOn <= to && p.SigningKind != null).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.UnitId, p.SigningKind, p.PlannedInvestment, p.ContractedInvestment, p.StartedOn, p.Status }).ToListAsync(ct);
        return [.. rows.Select(r => new SignedRow(r.Id, r.UnitId, r.SigningKind!.Value, r.PlannedInvestment, r.ContractedInvestment, r.StartedOn, r.Status))];
    }

    /// <summary>
    /// Audited funds of every source in the period, per 项目合同 signed in the period: the numerator of 资金到位率
    /// and 履约率. A join rather than a list of ids, so that tens of thousands of contracts stay one hash join.
    /// </summary>
    private static async Task<Dictionary<int, long>> ContractFundsAsync(AppDbContext db, IQueryable<Project> projects, Period period, CancellationToken ct)
    {
        var (signedFrom, signedTo) = (period.YearStart, period.End);
        var rows = await (from f in AuditedFunds.ToMonth(db, period.Year, period.Month, null)
                          join p in projects on f.ProjectId equals p.Id
                          where p.SigningKind == SigningKind.Contract && p.SignedOn >= signedFrom && p.SignedOn <= signedTo
                          select new { f.ProjectId, f.Amount }).ToListAsync(ct);
        return rows.GroupBy(r => r.ProjectId).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount));
    }

    private static async Task<List<UnitSignings>> ByUnitAsync(AppDbContext db, List<SignedRow> signed, CancellationToken ct)
    {
        var ids = signed.Select(s => s.UnitId).Distinct().ToList();
        var units = await db.Units.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.SortOrder }).ToDictionaryAsync(u => u.Id, ct);
        return [.. signed.GroupBy(s => s.UnitId)
            .Select(g => (Unit: units[g.Key], Row: new UnitSignings(g.Key, units[g.Key].Name, g.Count(), g.Sum(s => s.Planned))))
            .OrderByDescending(x => x.Row.Count).ThenBy(x => x.Unit.SortOrder).ThenBy(x => x.Unit.Id).Select(x => x.Row)];
    }

    public static async Task<Figure> InProductionAsync(IQueryable<Project> projects, Period period, CancellationToken ct)
    {
        var (from, to) = (period.YearStart, period.End);
        var rows = await projects.Where(p => p.InProductionOn >= from && p.InProductionOn <= to)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.PlannedInvestment }).ToListAsync(ct);
        return new Figure(rows.Count, rows.Sum(r => r.PlannedInvestment), [.. rows.Select(r => r.Id)]);
    }

    /// <summary>签约率: signings of both kinds against the year's signing target of the unit (or the city).</summary>
    private static async Task<Rate> SigningRateAsync(AppDbContext db, Period period, int? unitId, int signings, CancellationToken ct)
    {
        var target = await TargetAsync(db, period, unitId, TargetIndicator.Signings, ct) ?? 0;
        return Rate(signings, target);
    }

    /// <summary>The year's target of the unit, or of the city when the unit is null.</summary>
    private static Task<long?> TargetAsync(AppDbContext db, Period period, int? unitId, TargetIndicator indicator, CancellationToken ct) =>
        db.AnnualTargets.Where(t => t.Year == period.Year && t.UnitId == unitId && t.Indicator == indicator)
            .Select(t => (long?)t.Value).SingleOrDefaultAsync(ct);

    private static Rate Rate(long part, long whole) => new(part, whole, Growth.Rate(part, whole));

    public static Figure Of(IEnumerable<FundsRow> rows)
    {
        var list = rows.ToList();
        return new Figure(list.Count, list.Sum(r => r.Amount), [.. list.Select(r => r.ProjectId)]);
    }

    public static Figure Of(IEnumerable<SignedRow> rows)
    {
        var list = rows.ToList();
        return new Figure(list.Count, list.Sum(r => r.Contracted ?? 0), [.. list.Select(r => r.Id)]);
    }
}

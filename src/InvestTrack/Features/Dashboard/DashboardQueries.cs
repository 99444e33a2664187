using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Statistics;
using InvestTrack.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Dashboard;

/// <summary>
/// The dashboard's figures. The standing figures (dispatch funds, signings, 亿元以上, 开复工, 竣工投产) come from
/// the statistics module's rules (CountedFunds, Starts, DispatchQueries), so the dashboard never disagrees with the
/// dispatch report; the funds by month, unit, industry and origin are summed in SQL over the slice totals that the
/// database keeps per year, unit, industry and investor origin (FundsSliceTotal, decision 0011).
/// </summary>
public static class DashboardQueries
{
    public const int LargestCount = 10;

    /// <summary>
    /// The two funds passes (months and units; industries and origins) run on connections of their own while the
    /// project figures are read on <paramref name="db"/>: three queries at once instead of one after another.
    /// </summary>
    public static async Task<DashboardFigures> ComputeAsync(AppDbContext db, IDbContextFactory<AppDbContext> contexts, Period period, int? unitId, string scopeName,
        SliceNames names, StatisticsOptions options, TimeProvider clock, CancellationToken ct)
    {
        var units = OnOwnContextAsync(contexts, c => UnitYearsAsync(c, period, unitId, ct), ct);
        var slices = OnOwnContextAsync(contexts, c => IndustryAndOriginAsync(c, period, unitId, names, ct), ct);
        try
        {
            return await ComputeAsync(db, units, slices, period, unitId, scopeName, names, options, clock, ct);
        }
        finally
        {
            await Task.WhenAll(Task.WhenAny(units), Task.WhenAny(slices)); // nothing left running when the caller goes on
        }
    }

    private static async Task<T> OnOwnContextAsync<T>(IDbContextFactory<AppDbContext> contexts, Func<AppDbContext, Task<T>> query, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await query(db);
    }

    private static async Task<DashboardFigures> ComputeAsync(AppDbContext db, Task<List<UnitYear>> unitYears, Task<(List<FundsSlice> ByIndustry, List<FundsSlice> ByOrigin)> slices,
        Period period, int? unitId, string scopeName, SliceNames names, StatisticsOptions options, TimeProvider clock, CancellationToken ct)
    {
        var last = period.LastYear;
        var projects = ReportScope.ProjectsOf(db, unitId);
        var signed = await SigningsAsync(projects, period, options, ct);
        var signedLast = await SigningsAsync(projects, last, options, ct);
        var starts = await DispatchQueries.FigureOf(db, projects, period, options, DispatchFigure.Starts, ct);
        var startsLast = await DispatchQueries.FigureOf(db, projects, last, options, DispatchFigure.Starts, ct);
        var counted = await DispatchQueries.CountedTotalAsync(db, projects, period, options, ct);
        var countedLast = await DispatchQueries.CountedTotalAsync(db, projects, last, options, ct);
        var production = await DispatchQueries.FigureOf(db, projects, period, options, DispatchFigure.InProduction, ct);
        var productionLast = await DispatchQueries.FigureOf(db, projects, last, options, DispatchFigure.InProduction, ct);
        var targets = await db.AnnualTargets.Where(t => t.Year == period.Year && t.UnitId == unitId)
            .ToDictionaryAsync(t => t.Indicator, t => (long?)t.Value, ct);
        var (funnel, stalled, dropped) = await FunnelAsync(projects, ct);
        var largest = await LargestAsync(db, projects, period, unitId, ct);

        var units = await unitYears;
        var thisYear = units.Where(r => r.Year == period.Year).ToList();
        var lastYear = units.Where(r => r.Year == last.Year).ToList();
        var byMonth = Enumerable.Range(1, 12).Select(m => new MonthFunds(m,
            m <= period.Month ? thisYear.Sum(r => r.InMonth(m)) : null, lastYear.Sum(r => r.InMonth(m)))).ToList();
        var fundsThisYear = thisYear.Sum(r => r.ToMonth(period.Month));
        var fundsLastYear = lastYear.Sum(r => r.ToMonth(period.Month));
        var (byUnit, without) = await UnitSlicesAsync(db, unitId, thisYear.GroupBy(r => r.UnitId).ToDictionary(g => g.Key, g => g.Sum(r => r.ToMonth(period.Month))), names, ct);

        Kpi Make(DashboardIndicator indicator, bool isAmount, long value, long lastValue, long amount, TargetIndicator? target) =>
            new(indicator, isAmount, value, lastValue, amount, Growth.Of(value, lastValue),
                target is { } t ? Pace.Progress(t, targets.GetValueOrDefault(t), value, period.Month) : null);

        return new DashboardFigures
        {
            Year = period.Year, Month = period.Month, UnitId = unitId, ScopeName = scopeName,
            Kpis =
            [
                Make(DashboardIndicator.Funds, true, fundsThisYear, fundsLastYear, fundsThisYear, TargetIndicator.Funds),
                Make(DashboardIndicator.DispatchFunds, true, counted, countedLast, counted, null),
                Make(DashboardIndicator.Signings, false, signed.All.Count, signedLast.All.Count, signed.All.Amount, TargetIndicator.Signings),
                Make(DashboardIndicator.YiSignings, false, signed.Yi.Count, signedLast.Yi.Count, signed.Yi.Amount, TargetIndicator.YiSignings),
                Make(DashboardIndicator.Starts5000, false, starts.Count, startsLast.Count, starts.Amount, TargetIndicator.Starts5000),
                Make(DashboardIndicator.Production, false, production.Count, productionLast.Count, production.Amount, TargetIndicator.Production),
            ],
            Funnel = funnel, Stalled = stalled, Dropped = dropped,
            ByMonth = byMonth,
            ByUnit = byUnit,
            UnitsWithout = without,
            Largest = largest,
            ByIndustry = (await slices).ByIndustry, ByOrigin = (await slices).ByOrigin,
            ComputedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>Signings of both kinds and the 亿元以上 among them (Signings), counted with their contracted investment in one statement.</summary>
    private static async Task<(Figure All, Figure Yi)> SigningsAsync(IQueryable<Project> projects, Period period, StatisticsOptions options, CancellationToken ct)
    {
        var groups = await Signings.Of(projects, period, options).GroupBy(s => s.Yi)
            .Select(g => new { Yi = g.Key, Count = g.Count(), Contracted = g.Sum(s => s.Contracted) }).ToListAsync(ct);
        return (new Figure(groups.Sum(g => g.Count), groups.Sum(g => g.Contracted)),
            groups.Where(g => g.Yi).Select(g => new Figure(g.Count, g.Contracted)).SingleOrDefault() ?? Figure.Empty);
    }

    /// <summary>Audited funds of one unit in one year, running through the months.</summary>
    private sealed record UnitYear(int Year, int UnitId, long[] Through)
    {
        public long ToMonth(int month) => Through[month - 1];
        public long InMonth(int month) => Through[month - 1] - (month > 1 ? Through[month - 2] : 0);
    }

    /// <summary>One pass over both years' slice totals (a few thousand rows) gives the months and the units.</summary>
    private static async Task<List<UnitYear>> UnitYearsAsync(AppDbContext db, Period period, int? unitId, CancellationToken ct)
    {
        var (year, lastYear) = (period.Year, period.Year - 1);
        var totals = db.FundsSliceTotals.Where(t => t.Year == year || t.Year == lastYear);
        if (unitId is { } u) totals = totals.Where(t => t.UnitId == u);
        var rows = await (from t in totals
                          group t by new { t.Year, t.UnitId } into g
                          select new
                          {
                              g.Key.Year, g.Key.UnitId,
                              T1 = g.Sum(t => t.Through1), T2 = g.Sum(t => t.Through2), T3 = g.Sum(t => t.Through3), T4 = g.Sum(t => t.Through4),
                              T5 = g.Sum(t => t.Through5), T6 = g.Sum(t => t.Through6), T7 = g.Sum(t => t.Through7), T8 = g.Sum(t => t.Through8),
                              T9 = g.Sum(t => t.Through9), T10 = g.Sum(t => t.Through10), T11 = g.Sum(t => t.Through11), T12 = g.Sum(t => t.Through12),
                          }).ToListAsync(ct);
        return [.. rows.Select(r => new UnitYear(r.Year, r.UnitId, [r.T1, r.T2, r.T3, r.T4, r.T5, r.T6, r.T7, r.T8, r.T9, r.T10, r.T11, r.T12]))];
    }

    private static async Task<(List<StageCount>, int Stalled, int Dropped)> FunnelAsync(IQueryable<Project> projects, CancellationToken ct)
    {
        var rows = await projects.GroupBy(p => new { p.Stage, p.Status }).Select(g => new { g.Key.Stage, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var funnel = Enum.GetValues<ProjectStage>().Select(s => new StageCount(s, rows.Where(r => r.Stage == s && r.Status == ProjectStatus.Active).Sum(r => r.Count))).ToList();
        return (funnel, rows.Where(r => r.Status == ProjectStatus.Stalled).Sum(r => r.Count), rows.Where(r => r.Status == ProjectStatus.Dropped).Sum(r => r.Count));
    }

    /// <summary>
    /// The units with funds, ranked, and the scope's other units (active, visible to the user; the one chosen unit alone when
    /// one is chosen) in the city's order: a ranking that left them out would hide who has nothing. The city's own level is
    /// named 市本级 (<see cref="SliceNames.CityLevel"/>), not by the city's name, which reads as the whole city.
    /// </summary>
    private static async Task<(List<FundsSlice> Ranked, List<FundsSlice> Without)> UnitSlicesAsync(AppDbContext db, int? unitId, Dictionary<int, long> amounts,
        SliceNames names, CancellationToken ct)
    {
        var ids = amounts.Keys.ToList();
        var units = await db.Units.Where(u => ids.Contains(u.Id) || (unitId == null ? u.IsActive : u.Id == unitId))
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Id).Select(u => new { u.Id, u.Name, u.Kind }).ToListAsync(ct);
        string Name(int id) => units.FirstOrDefault(u => u.Id == id) is { } u ? u.Kind == Units.UnitKind.City ? names.CityLevel : u.Name : "#" + id;
        var ranked = Ranked(amounts.Where(a => a.Value != 0).Select(a => new FundsSlice(SliceKey.Unit(a.Key), Name(a.Key), a.Value)));
        var without = units.Where(u => amounts.GetValueOrDefault(u.Id) == 0).Select(u => new FundsSlice(SliceKey.Unit(u.Id), Name(u.Id), 0)).ToList();
        return (ranked, without);
    }

    /// <summary>
    /// This year's audited funds per industry and origin, read from the slice totals that the database keeps per unit,
    /// industry and origin (decision 0011): the same sums as this year's running totals joined to their projects and
    /// investors, without the join.
    /// </summary>
    private static async Task<(List<FundsSlice> ByIndustry, List<FundsSlice> ByOrigin)> IndustryAndOriginAsync(AppDbContext db, Period period, int? unitId, SliceNames names, CancellationToken ct)
    {
        var totals = db.FundsSliceTotals.Where(t => t.Year == period.Year);
        if (unitId is { } u) totals = totals.Where(t => t.UnitId == u);
        var through = FundsYearTotal.Through(period.Month);
        var rows = await totals.GroupBy(t => new { t.IndustryId, t.OriginProvinceCode, t.OriginCountryCode })
            .Select(g => new { g.Key.IndustryId, g.Key.OriginProvinceCode, g.Key.OriginCountryCode, Amount = g.Sum(t => EF.Property<long>(t, through)) })
            .ToListAsync(ct);
        // 0 and "" are the table's "none" (its key has no nulls); the slices' keys and names read them as null.
        var industryIds = rows.Where(r => r.IndustryId != 0).Select(r => r.IndustryId).Distinct().ToList();
        var industries = await db.Industries.Where(i => industryIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var provinces = await db.Provinces.ToDictionaryAsync(p => p.Code, p => p.Name, ct);
        var countries = await db.Countries.ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        var byIndustry = rows.GroupBy(r => r.IndustryId != 0 ? industries.GetValueOrDefault(r.IndustryId) : null)
            .Select(g => new FundsSlice(SliceKey.Industry(g.Key), g.Key ?? names.NoIndustry, g.Sum(r => r.Amount)));
        var byOrigin = rows.GroupBy(r => SliceKey.Origin(r.OriginProvinceCode, r.OriginCountryCode)).Select(g => new FundsSlice(g.Key,
            OriginName(g.First().OriginProvinceCode, g.First().OriginCountryCode, provinces, countries, names), g.Sum(r => r.Amount)));
        return (Ranked(byIndustry), Ranked(byOrigin));
    }

    public static string OriginName(string? provinceCode, string? countryCode, Dictionary<string, string> provinces, Dictionary<string, string> countries, SliceNames names) =>
        provinceCode is { Length: > 0 } ? provinces.GetValueOrDefault(provinceCode, provinceCode)
        : countryCode is { Length: > 0 } ? countries.GetValueOrDefault(countryCode, countryCode)
        : names.UnknownOrigin;

    private static List<FundsSlice> Ranked(IEnumerable<FundsSlice> slices) =>
        [.. slices.Where(s => s.Amount != 0).OrderByDescending(s => s.Amount).ThenBy(s => s.Key, StringComparer.Ordinal)];

    /// <summary>The largest signed projects still going (not 终止) by planned investment, with this year's audited funds.</summary>
    private static async Task<List<LargestProject>> LargestAsync(AppDbContext db, IQueryable<Project> projects, Period period, int? unitId, CancellationToken ct)
    {
        var top = await (from p in projects
                         where p.SignedOn != null && p.Status != ProjectStatus.Dropped
                         join u in db.Units on p.UnitId equals u.Id
                         orderby p.PlannedInvestment descending, p.Id
                         select new { p.Id, p.Code, p.Name, Unit = u.Name, p.Stage, p.Status, p.PlannedInvestment }).Take(LargestCount).ToListAsync(ct);
        var ids = top.Select(t => t.Id).ToList();
        var funds = await AuditedFunds.ToMonth(db, period.Year, period.Month, unitId).Where(f => ids.Contains(f.ProjectId))
            .GroupBy(f => f.ProjectId).Select(g => new { g.Key, Amount = g.Sum(f => f.Amount) }).ToDictionaryAsync(g => g.Key, g => g.Amount, ct);
        return [.. top.Select(t => new LargestProject(t.Id, t.Code, t.Name, t.Unit, t.Stage, t.Status, t.PlannedInvestment, funds.GetValueOrDefault(t.Id)))];
    }
}

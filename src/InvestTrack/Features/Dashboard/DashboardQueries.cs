using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Statistics;
using InvestTrack.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Dashboard;

/// <summary>
/// The dashboard's figures. The standing figures (dispatch funds, signings, 亿元以上, 开复工, 竣工投产) come from
/// the statistics module's rules (DispatchQueries), so the dashboard never disagrees with the dispatch report;
/// funds are summed in SQL over long hundredths. Two scans of the funds table serve every funds figure: one
/// grouped by month and unit over both years (with the dispatch's counted funds as a conditional sum), one
/// joined to projects and investors for industry and origin.
/// </summary>
public static class DashboardQueries
{
    public const int LargestCount = 10;

    public static async Task<DashboardFigures> ComputeAsync(AppDbContext db, Period period, int? unitId, string scopeName, StatisticsOptions options, TimeProvider clock, CancellationToken ct)
    {
        var last = period.LastYear;
        var projects = AuditedFunds.Projects(db, unitId);

        // One pass over both years' audited funds gives the months, the units and the dispatch's counted figure
        // (counted source, planned ≥ the threshold). Summing record by record equals the dispatch's "projects
        // whose counted funds are above zero" because every amount is above zero (FundsRules).
        var (source, threshold) = (options.CountedSource, options.DispatchThreshold);
        var byMonthAndUnit = await (from f in AuditedFunds.In(db, last.FirstMonth, period.LastMonth, unitId)
                                    join p in db.Projects on f.ProjectId equals p.Id
                                    group new { f.Amount, Counted = f.Source == source && p.PlannedInvestment >= threshold ? f.Amount : 0L } by new { f.Period, f.UnitId } into g
                                    select new { g.Key.Period, g.Key.UnitId, Amount = g.Sum(x => x.Amount), Counted = g.Sum(x => x.Counted) }).ToListAsync(ct);
        var thisYear = byMonthAndUnit.Where(r => r.Period >= period.FirstMonth).ToList();
        var byMonth = Enumerable.Range(1, 12).Select(m => new MonthFunds(m,
            m <= period.Month ? byMonthAndUnit.Where(r => r.Period == FundsRecord.PeriodOf(period.Year, m)).Sum(r => r.Amount) : null,
            byMonthAndUnit.Where(r => r.Period == FundsRecord.PeriodOf(last.Year, m)).Sum(r => r.Amount))).ToList();
        var fundsThisYear = thisYear.Sum(r => r.Amount);
        var fundsLastYear = byMonth.Where(m => m.Month <= period.Month).Sum(m => m.LastYear);

        var counted = thisYear.Sum(r => r.Counted);
        var countedLast = byMonthAndUnit.Where(r => r.Period >= last.FirstMonth && r.Period <= last.LastMonth).Sum(r => r.Counted);
        var signed = await DispatchQueries.SignedAsync(projects, period, ct);
        var signedLast = await DispatchQueries.SignedAsync(projects, last, ct);
        int Yi(List<DispatchQueries.SignedRow> rows) => rows.Count(s => s.Kind == SigningKind.Contract && s.Contracted >= options.YiSigningThreshold);
        var starts = await DispatchQueries.StartsAsync(projects, period, options, ct);
        var startsLast = await DispatchQueries.StartsAsync(projects, last, options, ct);
        var production = await DispatchQueries.InProductionAsync(projects, period, ct);
        var productionLast = await DispatchQueries.InProductionAsync(projects, last, ct);
        var targets = await db.AnnualTargets.Where(t => t.Year == period.Year && t.UnitId == unitId)
            .ToDictionaryAsync(t => t.Indicator, t => (long?)t.Value, ct);

        var (funnel, stalled, dropped) = await FunnelAsync(projects, ct);
        var (byIndustry, byOrigin) = await IndustryAndOriginAsync(db, period, unitId, ct);

        Kpi Make(DashboardIndicator indicator, bool isAmount, long value, long lastValue, long amount, TargetIndicator? target) =>
            new(indicator, isAmount, value, lastValue, amount, Growth.Percent(value, lastValue),
                target is { } t ? Pace.Progress(t, targets.GetValueOrDefault(t), value, period.Month) : null);

        return new DashboardFigures
        {
            Year = period.Year, Month = period.Month, UnitId = unitId, ScopeName = scopeName,
            Kpis =
            [
                Make(DashboardIndicator.Funds, true, fundsThisYear, fundsLastYear, fundsThisYear, TargetIndicator.Funds),
                Make(DashboardIndicator.DispatchFunds, true, counted, countedLast, counted, null),
                Make(DashboardIndicator.Signings, false, signed.Count, signedLast.Count, signed.Sum(s => s.Contracted ?? 0), TargetIndicator.Signings),
                Make(DashboardIndicator.YiSignings, false, Yi(signed), Yi(signedLast),
                    signed.Where(s => s.Kind == SigningKind.Contract && s.Contracted >= options.YiSigningThreshold).Sum(s => s.Contracted ?? 0), TargetIndicator.YiSignings),
                Make(DashboardIndicator.Starts5000, false, starts.Count, startsLast.Count, starts.Amount, TargetIndicator.Starts5000),
                Make(DashboardIndicator.Production, false, production.Count, productionLast.Count, production.Amount, TargetIndicator.Production),
            ],
            Funnel = funnel, Stalled = stalled, Dropped = dropped,
            ByMonth = byMonth,
            ByUnit = await UnitSlicesAsync(db, thisYear.GroupBy(r => r.UnitId).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount)), ct),
            ByIndustry = byIndustry, ByOrigin = byOrigin,
            Largest = await LargestAsync(db, projects, period, unitId, ct),
            ComputedAt = clock.GetUtcNow(),
        };
    }

    private static async Task<(List<StageCount>, int Stalled, int Dropped)> FunnelAsync(IQueryable<Project> projects, CancellationToken ct)
    {
        var rows = await projects.GroupBy(p => new { p.Stage, p.Status }).Select(g => new { g.Key.Stage, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var funnel = Enum.GetValues<ProjectStage>().Select(s => new StageCount(s, rows.Where(r => r.Stage == s && r.Status == ProjectStatus.Active).Sum(r => r.Count))).ToList();
        return (funnel, rows.Where(r => r.Status == ProjectStatus.Stalled).Sum(r => r.Count), rows.Where(r => r.Status == ProjectStatus.Dropped).Sum(r => r.Count));
    }

    private static async Task<List<FundsSlice>> UnitSlicesAsync(AppDbContext db, Dictionary<int, long> amounts, CancellationToken ct)
    {
        var ids = amounts.Keys.ToList();
        var names = await db.Units.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return Ranked(amounts.Where(a => a.Value != 0).Select(a => new FundsSlice(SliceKey.Unit(a.Key), names.GetValueOrDefault(a.Key, "#" + a.Key), a.Value)));
    }

    /// <summary>One join of this year's audited funds to projects and investors gives both the industry and the origin slices.</summary>
    private static async Task<(List<FundsSlice> ByIndustry, List<FundsSlice> ByOrigin)> IndustryAndOriginAsync(AppDbContext db, Period period, int? unitId, CancellationToken ct)
    {
        var rows = await (from f in AuditedFunds.In(db, period, unitId)
                          join p in db.Projects on f.ProjectId equals p.Id
                          join c in db.Companies on p.CompanyId equals c.Id
                          group f.Amount by new { p.IndustryId, c.OriginProvinceCode, c.OriginCountryCode } into g
                          select new { g.Key.IndustryId, g.Key.OriginProvinceCode, g.Key.OriginCountryCode, Amount = g.Sum() }).ToListAsync(ct);
        var industryIds = rows.Where(r => r.IndustryId != null).Select(r => r.IndustryId!.Value).Distinct().ToList();
        var industries = await db.Industries.Where(i => industryIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var provinces = await db.Provinces.ToDictionaryAsync(p => p.Code, p => p.Name, ct);
        var countries = await db.Countries.ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        var byIndustry = rows.GroupBy(r => r.IndustryId is { } id ? industries.GetValueOrDefault(id) : null)
            .Select(g => new FundsSlice(SliceKey.Industry(g.Key), g.Key ?? "未分类", g.Sum(r => r.Amount)));
        var byOrigin = rows.GroupBy(r => SliceKey.Origin(r.OriginProvinceCode, r.OriginCountryCode)).Select(g => new FundsSlice(g.Key,
            OriginName(g.First().OriginProvinceCode, g.First().OriginCountryCode, provinces, countries), g.Sum(r => r.Amount)));
        return (Ranked(byIndustry), Ranked(byOrigin));
    }

    public static string OriginName(string? provinceCode, string? countryCode, Dictionary<string, string> provinces, Dictionary<string, string> countries) =>
        provinceCode is { Length: > 0 } ? provinces.GetValueOrDefault(provinceCode, provinceCode)
        : countryCode is { Length: > 0 } ? countries.GetValueOrDefault(countryCode, countryCode)
        : "未知";

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
        var funds = await AuditedFunds.In(db, period, unitId).Where(f => ids.Contains(f.ProjectId))
            .GroupBy(f => f.ProjectId).Select(g => new { g.Key, Amount = g.Sum(f => f.Amount) }).ToDictionaryAsync(g => g.Key, g => g.Amount, ct);
        return [.. top.Select(t => new LargestProject(t.Id, t.Code, t.Name, t.Unit, t.Stage, t.Status, t.PlannedInvestment, funds.GetValueOrDefault(t.Id)))];
    }
}

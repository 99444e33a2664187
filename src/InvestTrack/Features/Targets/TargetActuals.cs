using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Statistics;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Targets;

/// <summary>
/// What was achieved from 1 January of a year to the end of month M, per unit, for the five target
/// indicators, on the user's scope (the DbContext's unit filter applies). The counts follow the rules of
/// statistics.md as the statistics module has them, with the same configured thresholds, so /targets and
/// the dispatch report never disagree: signings of both kinds (a signing kind is required); 亿元以上 =
/// 项目合同 with contracted investment ≥ the 亿元 threshold (Signings); 开复工5000万元以上 = Starts' rule
/// (started in year Y, or earlier and neither in production nor dropped before 1 January Y); 竣工投产 =
/// production date in the period (DispatchQueries.InProduction). Funds are audited records of every source: the annual funds target is
/// the total, not the 省外 dispatch figure.
/// </summary>
public static class TargetActuals
{
    /// <summary>Actuals per unit id; units without any are absent. Thresholds from <paramref name="options"/> (defaults when null).</summary>
    public static async Task<Dictionary<int, Dictionary<TargetIndicator, long>>> ByUnitAsync(AppDbContext db, int year, int month, CancellationToken ct = default,
        StatisticsOptions? options = null)
    {
        options ??= new StatisticsOptions();
        var period = Period.Of(year, month) ?? throw new ArgumentOutOfRangeException(nameof(year), $"{year}-{month}");
        var result = new Dictionary<int, Dictionary<TargetIndicator, long>>();
        void Put(int unit, TargetIndicator indicator, long value) =>
            (result.TryGetValue(unit, out var row) ? row : result[unit] = [])[indicator] = value;

        var funds = await AuditedFunds.ToMonth(db, year, month, null)
            .GroupBy(f => f.UnitId).Select(g => new { g.Key, Sum = g.Sum(f => f.Amount) }).ToListAsync(ct);
        foreach (var f in funds) Put(f.Key, TargetIndicator.Funds, f.Sum);

        // The statistics module's rules (Signings, Starts, DispatchQueries.InProduction), counted per unit in SQL.
        var projects = db.Projects.AsNoTracking();
        await CountAsync(Signings.Of(projects, period, options).Select(s => s.Project.UnitId), TargetIndicator.Signings);
        await CountAsync(Signings.Of(projects, period, options).Where(s => s.Yi).Select(s => s.Project.UnitId), TargetIndicator.YiSignings);
        await CountAsync(Starts.Of(db, projects, period, options).Select(p => p.UnitId), TargetIndicator.Starts5000);
        await CountAsync(DispatchQueries.InProduction(projects, period).Select(p => p.UnitId), TargetIndicator.Production);
        return result;

        async Task CountAsync(IQueryable<int> units, TargetIndicator indicator)
        {
            foreach (var c in await units.GroupBy(u => u).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                Put(c.Key, indicator, c.Count);
        }
    }

    /// <summary>The sum over units: the whole city's actual, for a user who sees every unit.</summary>
    public static Dictionary<TargetIndicator, long> Total(Dictionary<int, Dictionary<TargetIndicator, long>> byUnit)
    {
        var total = new Dictionary<TargetIndicator, long>();
        foreach (var row in byUnit.Values)
            foreach (var (indicator, value) in row) total[indicator] = total.GetValueOrDefault(indicator) + value;
        return total;
    }
}

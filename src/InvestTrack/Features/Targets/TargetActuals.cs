using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Targets;

/// <summary>
/// What was achieved from 1 January of a year to the end of month M, per unit, for the five target
/// indicators. Until the statistics module (shared/contracts/statistics.md) supplies the official figures,
/// these are simple queries on the user's scope (the DbContext's unit filter applies):
/// funds = audited records of every source; signings of both kinds; 亿元以上 = 项目合同 with contracted
/// investment ≥ 10000万元; 竣工投产 = production date in the period. 开复工5000万元以上 here counts only
/// projects started in the period; the contract also counts those started earlier and still under way,
/// which is the statistics module's rule to supply.
/// </summary>
public static class TargetActuals
{
    /// <summary>10000万元 in hundredths.</summary>
    public const long YiThreshold = 1_000_000;
    /// <summary>5000万元 in hundredths.</summary>
    public const long Starts5000Threshold = 500_000;

    /// <summary>Actuals per unit id; units without any are absent.</summary>
    public static async Task<Dictionary<int, Dictionary<TargetIndicator, long>>> ByUnitAsync(AppDbContext db, int year, int month, CancellationToken ct = default)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1));
        var (firstPeriod, lastPeriod) = (FundsRecord.PeriodOf(year, 1), FundsRecord.PeriodOf(year, month));
        var result = new Dictionary<int, Dictionary<TargetIndicator, long>>();
        void Put(int unit, TargetIndicator indicator, long value) =>
            (result.TryGetValue(unit, out var row) ? row : result[unit] = [])[indicator] = value;

        var funds = await db.FundsRecords.AsNoTracking()
            .Where(f => f.Status == FundsAuditStatus.Audited && f.Period >= firstPeriod && f.Period <= lastPeriod)
            .GroupBy(f => f.UnitId).Select(g => new { g.Key, Sum = g.Sum(f => f.Amount) }).ToListAsync(ct);
        foreach (var f in funds) Put(f.Key, TargetIndicator.Funds, f.Sum);

        var projects = db.Projects.AsNoTracking();
        await CountAsync(projects.Where(p => p.SignedOn >= from && p.SignedOn <= to), TargetIndicator.Signings);
        await CountAsync(projects.Where(p => p.SignedOn >= from && p.SignedOn <= to && p.SigningKind == SigningKind.Contract
            && p.ContractedInvestment >= YiThreshold), TargetIndicator.YiSignings);
        await CountAsync(projects.Where(p => p.StartedOn >= from && p.StartedOn <= to && p.PlannedInvestment >= Starts5000Threshold), TargetIndicator.Starts5000);
        await CountAsync(projects.Where(p => p.InProductionOn >= from && p.InProductionOn <= to), TargetIndicator.Production);
        return result;

        async Task CountAsync(IQueryable<Project> query, TargetIndicator indicator)
        {
            foreach (var c in await query.GroupBy(p => p.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
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

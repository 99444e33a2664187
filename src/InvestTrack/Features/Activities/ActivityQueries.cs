using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Activities;

/// <summary>
/// The counting rules of statistics.md "Activities", in SQL: an activity counts in the period of its start date;
/// 地区 and 城市 are distinct codes among the outbound destinations (a municipality carries its own code as its city);
/// 企业/商协会/高校/产业园区 are distinct names within each type among the outbound counterparts (政府 is not one of the
/// four and is not counted there); 企业、团体 are the distinct names of the inbound counterparts of every type together;
/// 合作意向 sums the outbound intentions, 座谈会 the inbound meetings. Reads go through the unit filter.
/// </summary>
public static class ActivityQueries
{
    /// <summary>The activities of the period, the unit (null: all in the user's scope) and the level (null: all).</summary>
    public static IQueryable<Activity> Of(AppDbContext db, ActivityPeriod period, int? unitId, LeaderLevel? level)
    {
        var (first, last) = (period.First, period.Last);
        var q = db.Activities.Where(a => a.StartOn >= first && a.StartOn <= last);
        if (unitId is { } u) q = q.Where(a => a.UnitId == u);
        if (level is { } l) q = q.Where(a => a.LeaderLevel == l);
        return q;
    }

    public static async Task<ActivityFigures> ComputeAsync(AppDbContext db, ActivityPeriod period, int? unitId, string scopeName,
        LeaderLevel? level, string cityShortName, CancellationToken ct)
    {
        var acts = Of(db, period, unitId, level);
        var kinds = await acts.AsNoTracking().GroupBy(a => a.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count(), Meetings = g.Sum(a => a.Meetings), Intentions = g.Sum(a => a.Intentions) })
            .ToListAsync(ct);
        var outbound = kinds.SingleOrDefault(k => k.Kind == ActivityKind.Outbound);
        var inbound = kinds.SingleOrDefault(k => k.Kind == ActivityKind.Inbound);
        int regions = 0, cities = 0, visitors = 0;
        var types = new Dictionary<CounterpartType, int>();
        if (outbound is not null)
        {
            var outIds = acts.Where(a => a.Kind == ActivityKind.Outbound).Select(a => a.Id);
            var places = db.ActivityDestinations.AsNoTracking().Where(d => outIds.Contains(d.ActivityId));
            regions = await places.Select(d => d.ProvinceCode).Distinct().CountAsync(ct);
            cities = await places.Where(d => d.CityCode != null).Select(d => d.CityCode).Distinct().CountAsync(ct);
            types = await db.ActivityCounterparts.AsNoTracking().Where(c => outIds.Contains(c.ActivityId)).GroupBy(c => c.Type)
                .Select(g => new { g.Key, Count = g.Select(c => c.Name).Distinct().Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        }
        if (inbound is not null)
        {
            var inIds = acts.Where(a => a.Kind == ActivityKind.Inbound).Select(a => a.Id);
            visitors = await db.ActivityCounterparts.AsNoTracking().Where(c => inIds.Contains(c.ActivityId)).Select(c => c.Name).Distinct().CountAsync(ct);
        }
        return new ActivityFigures(period.Year, period.FromMonth, period.ToMonth, unitId, scopeName, level, cityShortName,
            outbound?.Count ?? 0, regions, cities,
            types.GetValueOrDefault(CounterpartType.Company), types.GetValueOrDefault(CounterpartType.Association),
            types.GetValueOrDefault(CounterpartType.University), types.GetValueOrDefault(CounterpartType.IndustrialPark),
            outbound?.Intentions ?? 0, inbound?.Count ?? 0, visitors, inbound?.Meetings ?? 0);
    }
}

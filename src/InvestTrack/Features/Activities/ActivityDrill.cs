using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Activities;

/// <summary>One activity behind a figure.</summary>
public sealed record ActivityRecordRow(int Id, string Code, ActivityKind Kind, DateOnly StartOn, DateOnly? EndOn, string Unit, string? Leader,
    LeaderLevel? LeaderLevel, int Meetings, int Intentions);

/// <summary>One distinct place or organisation behind a distinct count, with the activities it came from.</summary>
public sealed record DistinctItem(string Name, IReadOnlyList<string> Activities);

/// <summary>
/// The records behind each figure: the activities of each kind (their intentions and meetings sum to those figures),
/// and for each distinct count the distinct places or organisations with the activities they came from. Lists are
/// cut at <see cref="ActivityDrillQueries.Cap"/> entries (<see cref="Truncated"/>), so that a province-wide year stays an answer.
/// </summary>
public sealed record ActivityDrill(
    IReadOnlyList<ActivityRecordRow> Outbound, IReadOnlyList<ActivityRecordRow> Inbound,
    IReadOnlyList<DistinctItem> Regions, IReadOnlyList<DistinctItem> Cities,
    IReadOnlyList<DistinctItem> Companies, IReadOnlyList<DistinctItem> Associations, IReadOnlyList<DistinctItem> Universities,
    IReadOnlyList<DistinctItem> Parks, IReadOnlyList<DistinctItem> Visitors, bool Truncated)
{
    public static readonly ActivityDrill Empty = new([], [], [], [], [], [], [], [], [], false);
}

public static class ActivityDrillQueries
{
    public const int Cap = 2000;

    public static async Task<ActivityDrill> ComputeAsync(AppDbContext db, ActivityPeriod period, int? unitId, LeaderLevel? level, CancellationToken ct)
    {
        var acts = ActivityQueries.Of(db, period, unitId, level);
        var truncated = false;
        async Task<List<ActivityRecordRow>> Rows(ActivityKind kind)
        {
            var rows = await (from a in acts.Where(a => a.Kind == kind)
                              join u in db.Units on a.UnitId equals u.Id
                              orderby a.StartOn, a.Code
                              select new ActivityRecordRow(a.Id, a.Code, a.Kind, a.StartOn, a.EndOn, u.Name, a.Leader, a.LeaderLevel, a.Meetings, a.Intentions))
                .AsNoTracking().Take(Cap + 1).ToListAsync(ct);
            return Cut(rows);
        }
        List<T> Cut<T>(List<T> list)
        {
            if (list.Count <= Cap) return list;
            truncated = true;
            return list[..Cap];
        }
        List<DistinctItem> Group(IEnumerable<(string Name, string Code)> pairs) =>
            Cut([.. pairs.GroupBy(p => p.Name).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new DistinctItem(g.Key, [.. g.Select(p => p.Code).Distinct().Order(StringComparer.Ordinal)]))]);

        var outbound = await Rows(ActivityKind.Outbound);
        var inbound = await Rows(ActivityKind.Inbound);
        var outActs = acts.Where(a => a.Kind == ActivityKind.Outbound);
        var places = await (from d in db.ActivityDestinations
                            join a in outActs on d.ActivityId equals a.Id
                            join p in db.Provinces on d.ProvinceCode equals p.Code
                            join c in db.PrefectureCities on d.CityCode equals c.Code into cs
                            from c in cs.DefaultIfEmpty()
                            select new { Province = p.Name, City = c == null ? null : c.Name, d.ProvinceCode, d.CityCode, a.Code })
            .AsNoTracking().Take(Cap * 10).ToListAsync(ct);
        var counterparts = await (from c in db.ActivityCounterparts
                                  join a in acts on c.ActivityId equals a.Id
                                  select new { c.Type, c.Name, a.Kind, a.Code })
            .AsNoTracking().Take(Cap * 10).ToListAsync(ct);
        if (places.Count == Cap * 10 || counterparts.Count == Cap * 10) truncated = true;
        List<DistinctItem> OfType(CounterpartType type) =>
            Group(counterparts.Where(c => c.Kind == ActivityKind.Outbound && c.Type == type).Select(c => (c.Name, c.Code)));
        return new ActivityDrill(outbound, inbound,
            Group(places.Select(p => (p.Province, p.Code))),
            Group(places.Where(p => p.CityCode != null).Select(p => (p.CityCode == p.ProvinceCode ? p.Province : p.Province + (p.City ?? p.CityCode), p.Code))),
            OfType(CounterpartType.Company), OfType(CounterpartType.Association), OfType(CounterpartType.University), OfType(CounterpartType.IndustrialPark),
            Group(counterparts.Where(c => c.Kind == ActivityKind.Inbound).Select(c => (c.Name, c.Code))), truncated);
    }
}

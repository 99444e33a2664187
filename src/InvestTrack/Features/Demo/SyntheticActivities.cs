using InvestTrack.Data;
using InvestTrack.Features.Activities;
using InvestTrack.Features.ReferenceData;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Demo;

/// <summary>
/// Activities for the synthetic city (`generate … --activities N`): 走出去 and 请进来 over four years in every unit and
/// leader level, destinations across every province (municipalities, 自治区 and 香港 too), counterparts drawn from a pool
/// so that the same organisation recurs across activities as it does in a real city. Bulk-inserted (COPY on PostgreSQL).
/// </summary>
public static class SyntheticActivities
{
    private static readonly string[] Organisations = ["集团", "科技", "新能源", "食品", "装备", "物流", "医药", "材料", "数据", "农业"];

    public static async Task<int> GenerateAsync(AppDbContext db, Random random, int seed, int count, DateTimeOffset now, CancellationToken ct = default)
    {
        if (count <= 0) return 0;
        var units = await db.Units.AsNoTracking().Where(u => u.IsActive).Select(u => u.Id).ToListAsync(ct);
        var regions = ReferenceDataFiles.Regions();
        var places = regions.SelectMany(r => r.Cities.Count == 0 ? [new ParsedDestination(r.Code, null, r.Name)]
            : r.Kind == RegionKind.Municipality ? [new ParsedDestination(r.Code, r.Code, r.Name)]
            : r.Cities.Select(c => new ParsedDestination(r.Code, c.Code, r.Name + c.Name)).Prepend(new ParsedDestination(r.Code, null, r.Name))).ToList();
        var thisYear = now.Year;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var pool = Math.Max(50, count / 2);
        var activities = new List<Activity>(count);
        for (var i = 0; i < count; i++)
        {
            var start = new DateOnly(thisYear - 3 + random.Next(4), 1 + random.Next(12), 1 + random.Next(28));
            if (start > today) start = today.AddDays(-random.Next(1, 300));
            var outbound = random.Next(100) < 65;
            activities.Add(new Activity
            {
                Code = $"S{seed}-A{i + 1:0000000}",
                Kind = outbound ? ActivityKind.Outbound : ActivityKind.Inbound,
                StartOn = start,
                EndOn = random.Next(3) == 0 ? start.AddDays(random.Next(1, 5)) : null,
                UnitId = units[random.Next(units.Count)],
                Leader = random.Next(4) == 0 ? null : "合成 领导",
                LeaderLevel = random.Next(10) switch { < 3 => LeaderLevel.City, < 7 => LeaderLevel.County, < 9 => LeaderLevel.Department, _ => null },
                Meetings = outbound ? random.Next(2) : random.Next(4),
                Intentions = outbound ? random.Next(4) : 0,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
        foreach (var batch in activities.Chunk(50_000)) await BulkInsert.InsertAsync(db, batch, ct);

        var prefix = $"S{seed}-A";
        var stored = await db.Activities.AsNoTracking().Where(a => a.Code.StartsWith(prefix)).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.UnitId, a.Kind }).ToListAsync(ct);
        IEnumerable<ActivityDestination> Destinations() =>
            stored.Where(a => a.Kind == ActivityKind.Outbound).SelectMany(a => Enumerable.Range(0, 1 + random.Next(3)).Select(k =>
            {
                var p = places[random.Next(places.Count)];
                return new ActivityDestination { ActivityId = a.Id, UnitId = a.UnitId, SortOrder = k, ProvinceCode = p.ProvinceCode, CityCode = p.CityCode, Display = p.Display };
            }));
        IEnumerable<ActivityCounterpart> Counterparts() =>
            stored.SelectMany(a => Enumerable.Range(0, random.Next(5)).Select(k =>
            {
                var type = random.Next(100) switch { < 70 => CounterpartType.Company, < 80 => CounterpartType.Association, < 86 => CounterpartType.University, < 95 => CounterpartType.IndustrialPark, _ => CounterpartType.Government };
                var n = random.Next(pool);
                return new ActivityCounterpart
                {
                    ActivityId = a.Id, UnitId = a.UnitId, SortOrder = k, Type = type, Name = $"S{seed}·{Organisations[n % Organisations.Length]}{ActivityText.TypeName(type)}{n:000000}",
                };
            }));
        foreach (var batch in Destinations().Chunk(100_000)) await BulkInsert.InsertAsync(db, batch, ct);
        foreach (var batch in Counterparts().Chunk(100_000)) await BulkInsert.InsertAsync(db, batch, ct);
        return stored.Count;
    }
}

using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Activities;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Imports;

/// <summary>An activity row with what it does: create, update (the stored activity's id) or nothing.</summary>
public sealed record PlannedActivity(ActivityImportRow Row, int? ExistingId, bool Changes)
{
    public bool IsNew => ExistingId is null;
}

/// <summary>What the 活动 rows of an import do.</summary>
public sealed record ActivityImportCounts(int Rows, int Created, int Updated, int Unchanged);

/// <summary>
/// Matches 活动 rows to stored activities by 活动编号 (unique in the city): a code of an activity outside the importer's
/// units is refused, never overwritten; an activity whose every field is as in the row is left alone, so re-importing
/// the same file changes nothing.
/// </summary>
public static class ActivityImportPlanner
{
    public static async Task<(List<PlannedActivity> Plan, List<ImportProblem> Problems)> PlanAsync(AppDbContext db, List<ActivityImportRow> rows,
        UnitScope scope, CultureInfo culture, CancellationToken ct)
    {
        var codes = rows.Select(r => r.Code).ToList();
        var stored = await db.Activities.IgnoreQueryFilters().AsNoTracking().AsSplitQuery().Include(a => a.Destinations).Include(a => a.Counterparts)
            .Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, ct);
        var plan = new List<PlannedActivity>(rows.Count);
        var problems = new List<ImportProblem>();
        foreach (var row in rows)
        {
            if (!stored.TryGetValue(row.Code, out var a))
            {
                plan.Add(new PlannedActivity(row, null, true));
                continue;
            }
            if (!scope.Contains(a.UnitId))
            {
                problems.Add(new ImportProblem(row.Sheet, row.RowNumber, LedgerColumns.Activities.Code.Chinese, ImportCodes.ActivityCodeTaken,
                    ImportMessages.Format(ImportCodes.ActivityCodeTaken, culture, row.Code)));
                continue;
            }
            plan.Add(new PlannedActivity(row, a.Id, !Same(a, row)));
        }
        return (plan, problems);
    }

    private static bool Same(Activity a, ActivityImportRow r) =>
        a.Kind == r.Kind && a.StartOn == r.StartOn && a.EndOn == r.EndOn && a.UnitId == r.UnitId && a.Leader == r.Leader && a.LeaderLevel == r.LeaderLevel
        && a.Meetings == r.Meetings && a.Intentions == r.Intentions
        && a.Destinations.OrderBy(d => d.SortOrder).Select(d => new ParsedDestination(d.ProvinceCode, d.CityCode, d.Display)).SequenceEqual(r.Destinations)
        && a.Counterparts.OrderBy(c => c.SortOrder).Select(c => new ParsedCounterpart(c.Type, c.Name)).SequenceEqual(r.Counterparts);

    /// <summary>Writes the planned changes on the import's transaction; each activity is audited by AppDbContext.</summary>
    public static async Task WriteAsync(AppDbContext db, List<PlannedActivity> plan, DateTimeOffset now, CancellationToken ct)
    {
        var changed = plan.Where(p => p.Changes).ToList();
        if (changed.Count == 0) return;
        var ids = changed.Where(p => !p.IsNew).Select(p => p.ExistingId!.Value).ToList();
        var tracked = await db.Activities.AsSplitQuery().Include(a => a.Destinations).Include(a => a.Counterparts)
            .Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        foreach (var p in changed)
        {
            var r = p.Row;
            var a = p.IsNew ? new Activity { Code = r.Code, CreatedAt = now } : tracked[p.ExistingId!.Value];
            ActivityChildren.Apply(a, r.Kind, r.StartOn, r.EndOn, r.UnitId, r.Leader, r.LeaderLevel, r.Meetings, r.Intentions, a.Notes,
                r.Destinations, r.Counterparts, now);
            if (p.IsNew) db.Activities.Add(a);
        }
        await db.SaveChangesAsync(ct);
    }
}

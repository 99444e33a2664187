using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Projects;

/// <summary>
/// Rows that belong to a project carry its unit, because the unit scope filters them without a join.
/// When a project moves to another unit they move with it, tracked, in the caller's save (so audited) — except
/// its funds records, which the database itself moves in the same statement as the project (a composite key with
/// ON UPDATE CASCADE on PostgreSQL, a trigger on SQLite; migration FundsUnitOfProject), so that no record can
/// ever stand under a unit that is not its project's, not even between two statements.
/// </summary>
internal static class ProjectChildren
{
    public static async Task MoveAsync(AppDbContext db, IReadOnlyDictionary<int, int> unitOfProject, CancellationToken ct)
    {
        if (unitOfProject.Count == 0) return;
        var ids = unitOfProject.Keys.ToList();
        foreach (var s in await db.StageChanges.Where(x => ids.Contains(x.ProjectId)).ToListAsync(ct)) s.UnitId = unitOfProject[s.ProjectId];
        foreach (var m in await db.ProjectMilestones.Where(x => ids.Contains(x.ProjectId)).ToListAsync(ct)) m.UnitId = unitOfProject[m.ProjectId];
        foreach (var e in await db.ProgressEntries.Where(x => ids.Contains(x.ProjectId)).ToListAsync(ct)) e.UnitId = unitOfProject[e.ProjectId];
        var projectOfRecord = await db.FundsRecords.AsNoTracking().Where(f => ids.Contains(f.ProjectId)).ToDictionaryAsync(f => f.Id, f => f.ProjectId, ct);
        var recordIds = projectOfRecord.Keys.ToList();
        // Evidence is rare and moves are rarer: loading the files with it is acceptable here.
        foreach (var e in await db.FundsEvidence.Where(e => recordIds.Contains(e.FundsRecordId)).ToListAsync(ct))
            e.UnitId = unitOfProject[projectOfRecord[e.FundsRecordId]];
    }
}

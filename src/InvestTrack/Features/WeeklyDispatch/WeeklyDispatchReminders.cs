using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.WeeklyDispatch;

/// <summary>
/// For the reminder job (wired to Quartz and the inbox elsewhere): the submitting units that have not submitted a week's
/// dispatch. It returns units only, never a dispatch's content, so it reads every unit whoever the caller is (a job runs
/// as the system operator).
/// </summary>
public sealed class WeeklyDispatchReminders(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<WeeklyDispatchPendingUnit>> PendingUnitsAsync(WeeklyDispatchWeek week, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var kinds = WeeklyDispatchService.SubmittingKinds;
        var records = db.WeeklyDispatches.IgnoreQueryFilters().Where(d => d.WeekStart == week.Monday);
        return await db.Units.AsNoTracking()
            .Where(u => u.IsActive && kinds.Contains(u.Kind) && !records.Any(d => d.UnitId == u.Id && d.Status == WeeklyDispatchStatus.Submitted))
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Id)
            .Select(u => new WeeklyDispatchPendingUnit(u.Id, u.Name, records.Any(d => d.UnitId == u.Id)))
            .ToListAsync(ct);
    }
}

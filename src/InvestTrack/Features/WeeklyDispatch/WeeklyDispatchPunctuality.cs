using InvestTrack.Data;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.WeeklyDispatch;

/// <summary>
/// Dispatch punctuality for assessment (考核): per submitting unit in the caller's scope, over the weeks whose deadline
/// falls in [from, to] (China dates; so each week belongs to exactly one month) and has passed, how many were submitted
/// on time, late, or not at all. A week before WeeklyDispatch:StartsOn is never due. A dispatch returned for correction
/// keeps the punctuality of its first submission.
/// </summary>
public sealed class WeeklyDispatchPunctuality(
    IDbContextFactory<AppDbContext> dbFactory, WeeklyDispatchService dispatches, IOptions<WeeklyDispatchOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<WeeklyDispatchPunctualityRow>> ForRangeAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        // A deadline on Monday–Sunday of its week: the weeks whose deadline date can fall in the range start at most 6 days earlier.
        var due = WeeklyDispatchWeek.Range(from.AddDays(-6), to)
            .Where(w => w >= o.FirstWeek && ChinaTime.DateOf(o.DeadlineOf(w)) is var d && d >= from && d <= to && o.DeadlineOf(w) < now)
            .Select(w => w.Monday).ToList();
        await using var db = dbFactory.CreateDbContext();
        var units = await dispatches.SubmittingUnits(db).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var submitted = await db.WeeklyDispatches.AsNoTracking().Where(d => due.Contains(d.WeekStart) && d.SubmittedAt != null)
            .GroupBy(d => d.UnitId)
            .Select(g => new { UnitId = g.Key, OnTime = g.Count(d => !d.Late), Late = g.Count(d => d.Late) })
            .ToDictionaryAsync(g => g.UnitId, ct);
        return [.. units.Select(u =>
        {
            var s = submitted.GetValueOrDefault(u.Id);
            var onTime = s?.OnTime ?? 0;
            var late = s?.Late ?? 0;
            return new WeeklyDispatchPunctualityRow(u.Id, u.Name, due.Count, onTime, late, due.Count - onTime - late);
        })];
    }
}

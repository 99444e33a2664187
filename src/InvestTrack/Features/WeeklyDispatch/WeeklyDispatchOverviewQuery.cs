using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.WeeklyDispatch;

/// <summary>
/// Who has reported a week: every submitting unit in the user's scope with 已报送, 逾期报送, 已退回 or 未报送, the time and
/// the counts of projects and problems. Units are filtered by the scope explicitly (they are not unit-owned records),
/// dispatches by the unit filter.
/// </summary>
public sealed class WeeklyDispatchOverviewQuery(IDbContextFactory<AppDbContext> dbFactory, WeeklyDispatchService dispatches, IOptions<WeeklyDispatchOptions> options, TimeProvider clock)
{
    public async Task<WeeklyDispatchOverview> ForWeekAsync(WeeklyDispatchWeek week, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var units = await dispatches.SubmittingUnits(db).Select(u => new { u.Id, u.Name, u.Kind }).ToListAsync(ct);
        var records = await db.WeeklyDispatches.AsNoTracking().Where(d => d.WeekStart == week.Monday)
            .Select(d => new
            {
                d.Id, d.UnitId, d.Status, d.Late, d.SubmittedAt,
                Projects = db.WeeklyDispatchItems.Count(i => i.DispatchId == d.Id),
                Problems = db.WeeklyDispatchItems.Count(i => i.DispatchId == d.Id && i.Problems != null),
            }).ToDictionaryAsync(d => d.UnitId, ct);
        var rows = units.Select(u =>
        {
            var d = records.GetValueOrDefault(u.Id);
            var state = d?.Status switch
            {
                WeeklyDispatchStatus.Submitted => d.Late ? WeeklyDispatchUnitState.Late : WeeklyDispatchUnitState.Submitted,
                WeeklyDispatchStatus.Returned => WeeklyDispatchUnitState.Returned,
                _ => WeeklyDispatchUnitState.Missing,
            };
            return new WeeklyDispatchOverviewRow(u.Id, u.Name, u.Kind, state, d?.Id, d?.SubmittedAt, d?.Projects ?? 0, d?.Problems ?? 0);
        }).ToList();
        var deadline = options.Value.DeadlineOf(week);
        var current = WeeklyDispatchWeek.Current(clock);
        return new WeeklyDispatchOverview(week.ToString(), week.Label(), week.Previous.ToString(), week < current ? week.Next.ToString() : null,
            deadline, clock.GetUtcNow() > deadline, rows);
    }
}

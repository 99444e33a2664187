using InvestTrack.Data;
using InvestTrack.Features.Projects;

namespace InvestTrack.Features.Statistics;

/// <summary>
/// 开复工5000万元以上 (statistics.md): planned total investment at least the threshold, and either started from
/// 1 January of Y to the end of month M (新开工), or started earlier and, on 1 January of Y, neither in production
/// nor dropped (复工). Whether a project was dropped on 1 January is read from its dated status changes (the
/// history), never from when the record was last edited, so a past period's figure never moves. The one place
/// this rule is written: the dispatch figure, the dashboard, the targets' actuals and the lists behind them.
/// </summary>
public static class Starts
{
    public static IQueryable<Project> Of(AppDbContext db, IQueryable<Project> projects, Period period, StatisticsOptions options)
    {
        var (start, end, threshold) = (period.YearStart, period.End, options.StartsThreshold);
        var dropped = DroppedOn(db, start);
        return projects.Where(p => p.PlannedInvestment >= threshold && p.StartedOn != null
            && ((p.StartedOn >= start && p.StartedOn <= end)
                || (p.StartedOn < start && !(p.InProductionOn != null && p.InProductionOn < start) && !dropped.Contains(p.Id))));
    }

    /// <summary>
    /// The projects whose status at the start of <paramref name="day"/> (00:00 Beijing time) was 终止: the last status
    /// change into or out of 终止 recorded before then (by time, then by record for changes of the same instant) went
    /// into it. Read in SQL on the changes' Beijing time (<see cref="StageChange.ChangedAtBeijing"/>), which both
    /// providers compare and order, through the partial index of the few changes that touch 终止.
    /// </summary>
    public static IQueryable<int> DroppedOn(AppDbContext db, DateOnly day)
    {
        var cutoff = day.ToDateTime(TimeOnly.MinValue);
        var before = db.StageChanges.Where(s => (s.ToStatus == ProjectStatus.Dropped || s.FromStatus == ProjectStatus.Dropped) && s.ChangedAtBeijing < cutoff);
        return before.Where(s => s.ToStatus == ProjectStatus.Dropped
                && !before.Any(later => later.ProjectId == s.ProjectId
                    && (later.ChangedAtBeijing > s.ChangedAtBeijing || (later.ChangedAtBeijing == s.ChangedAtBeijing && later.Id > s.Id))))
            .Select(s => s.ProjectId);
    }
}

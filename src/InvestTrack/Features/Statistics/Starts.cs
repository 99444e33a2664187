using InvestTrack.Data;
using InvestTrack.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Statistics;

/// <summary>
/// 开复工5000万元以上 (statistics.md): planned total investment at least the threshold, and either started from
/// 1 January of Y to the end of month M (新开工), or started earlier and, on 1 January of Y, neither in production
/// nor dropped (复工). Whether a project was dropped on 1 January is read from its dated status changes (the
/// history), never from when the record was last edited, so a past period's figure never moves.
/// </summary>
public static class Starts
{
    public static async Task<Figure> FigureAsync(AppDbContext db, IQueryable<Project> projects, Period period, StatisticsOptions options, CancellationToken ct)
    {
        var rows = await RowsAsync(db, projects, period, options, ct);
        return new Figure(rows.Count, rows.Sum(r => r.Planned), [.. rows.Select(r => r.Id)]);
    }

    /// <summary>The same rule counted per unit, for the targets page; units without any are absent.</summary>
    public static async Task<Dictionary<int, int>> ByUnitAsync(AppDbContext db, IQueryable<Project> projects, Period period, StatisticsOptions options, CancellationToken ct) =>
        (await RowsAsync(db, projects, period, options, ct)).GroupBy(r => r.UnitId).ToDictionary(g => g.Key, g => g.Count());

    private sealed record Row(int Id, int UnitId, long Planned, bool Continuing);

    private static async Task<List<Row>> RowsAsync(AppDbContext db, IQueryable<Project> projects, Period period, StatisticsOptions options, CancellationToken ct)
    {
        var (start, end, threshold) = (period.YearStart, period.End, options.StartsThreshold);
        var started = projects.Where(p => p.PlannedInvestment >= threshold && p.StartedOn != null
            && ((p.StartedOn >= start && p.StartedOn <= end)
                || (p.StartedOn < start && !(p.InProductionOn != null && p.InProductionOn < start))));
        var rows = await started.OrderBy(p => p.Id)
            .Select(p => new Row(p.Id, p.UnitId, p.PlannedInvestment, p.StartedOn < start)).ToListAsync(ct);
        var dropped = await DroppedOnAsync(db, started.Where(p => p.StartedOn < start), start, ct);
        return [.. rows.Where(r => !(r.Continuing && dropped.Contains(r.Id)))];
    }

    /// <summary>
    /// The projects among <paramref name="projects"/> whose status at the start of <paramref name="day"/> (China time)
    /// was 终止: the last status change into or out of 终止 recorded before then went into it. Only changes that
    /// touch 终止 are read (few), and compared in memory, since SQLite cannot compare DateTimeOffset in SQL.
    /// </summary>
    public static async Task<HashSet<int>> DroppedOnAsync(AppDbContext db, IQueryable<Project> projects, DateOnly day, CancellationToken ct)
    {
        var cutoff = StartOfDayInChina(day);
        var changes = await (from s in db.StageChanges
                             join p in projects on s.ProjectId equals p.Id
                             where s.ToStatus == ProjectStatus.Dropped || s.FromStatus == ProjectStatus.Dropped
                             select new { s.ProjectId, s.Id, s.ChangedAt, s.ToStatus }).ToListAsync(ct);
        return [.. changes.Where(c => c.ChangedAt < cutoff).GroupBy(c => c.ProjectId)
            .Where(g => g.MaxBy(c => (c.ChangedAt, c.Id))!.ToStatus == ProjectStatus.Dropped).Select(g => g.Key)];
    }

    /// <summary>Midnight at the start of a day in the city's time (UTC+8), as a UTC moment.</summary>
    public static DateTimeOffset StartOfDayInChina(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
}

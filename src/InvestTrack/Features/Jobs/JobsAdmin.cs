using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace InvestTrack.Features.Jobs;

/// <summary>A job as the jobs page shows it: schedule, next firing, last run and recent failures.</summary>
public sealed record JobView(string Key, TimeOnly DailyAt, DateTimeOffset? NextRunAt, JobRunView? LastRun, int FailuresLast30Days, bool Running)
{
    /// <summary>Set for a job that runs at an interval rather than daily.</summary>
    public TimeSpan? Every { get; init; }
}

public sealed record JobRunView(long Id, string JobKey, JobRunCause Cause, int Attempt, string Instance, string? RequestedBy,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, JobRunOutcome Outcome, string? Summary)
{
    public TimeSpan? Duration => FinishedAt - StartedAt;
}

public enum RunNowOutcome { Started, NotFound, SchedulerOff }

/// <summary>What a system admin sees and does with the scheduled jobs (Operation.ManageJobs).</summary>
public sealed class JobsAdmin(ISchedulerFactory schedulers, IEnumerable<JobDefinition> definitions, IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser user, AuditLog audit, TimeProvider clock)
{
    /// <summary>Whether this instance's scheduler runs jobs (Jobs:Enabled).</summary>
    public async Task<bool> SchedulerRunningAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        return scheduler.Status == SchedulerStatus.Running;
    }

    public async Task<IReadOnlyList<JobView>> ListAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await using var db = dbFactory.CreateDbContext();
        var since = clock.GetUtcNow().AddDays(-30);
        // Raw SQL: EF cannot compare DateTimeOffset on SQLite; stored in UTC, the text compares right there too.
        var failures = await db.JobRuns.FromSql($"SELECT * FROM \"JobRuns\" WHERE \"StartedAt\" >= {since}").AsNoTracking()
            .Where(r => r.Outcome == JobRunOutcome.Failed)
            .GroupBy(r => r.JobKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var views = new List<JobView>();
        foreach (var definition in definitions.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var triggers = await scheduler.GetTriggersOfJob(JobScheduling.KeyOf(definition.Key), ct);
            var next = triggers.Select(t => t.NextFireTimeUtc).Where(t => t is not null).Min();
            var last = await db.JobRuns.AsNoTracking().Where(r => r.JobKey == definition.Key).OrderByDescending(r => r.Id)
                .Select(ToView).FirstOrDefaultAsync(ct);
            views.Add(new JobView(definition.Key, definition.DailyAt, next, last, failures.GetValueOrDefault(definition.Key),
                last?.Outcome == JobRunOutcome.Running)
            { Every = definition.Every });
        }
        return views;
    }

    /// <summary>The latest runs, newest first (by id: SQLite cannot order by DateTimeOffset), of one job or of all.</summary>
    public async Task<JobRunPage> RunsAsync(string? jobKey, int page, int pageSize, CancellationToken ct)
    {
        await using var db = dbFactory.CreateDbContext();
        var runs = db.JobRuns.AsNoTracking();
        if (!string.IsNullOrEmpty(jobKey)) runs = runs.Where(r => r.JobKey == jobKey);
        var total = await runs.CountAsync(ct);
        if (Kernel.Paging.Skip(page, pageSize) is not { } skip) return new JobRunPage([], total);
        var items = await runs.OrderByDescending(r => r.Id)
            .Skip(skip).Take(pageSize).Select(ToView).ToListAsync(ct);
        return new JobRunPage(items, total);
    }

    /// <summary>Fires the job now, on whichever instance of the cluster takes it; audited.</summary>
    public async Task<RunNowOutcome> RunNowAsync(string key, CancellationToken ct)
    {
        if (definitions.All(d => d.Key != key)) return RunNowOutcome.NotFound;
        if (!await SchedulerRunningAsync(ct)) return RunNowOutcome.SchedulerOff;
        var scheduler = await schedulers.GetScheduler(ct);
        // Audited first: no entry, no run (docs/security.md 19); and the request is done writing before the job it
        // starts writes to the same SQLite file.
        await audit.WriteAsync("RunJob", nameof(JobRun), key, ct: ct);
        await scheduler.TriggerJob(JobScheduling.KeyOf(key), new JobDataMap { [ScheduledJob.RequestedByKey] = user.UserName ?? "?" }, ct);
        return RunNowOutcome.Started;
    }

    private static readonly System.Linq.Expressions.Expression<Func<JobRun, JobRunView>> ToView = r =>
        new JobRunView(r.Id, r.JobKey, r.Cause, r.Attempt, r.Instance, r.RequestedBy, r.StartedAt, r.FinishedAt, r.Outcome, r.Summary);
}

public sealed record JobRunPage(IReadOnlyList<JobRunView> Items, int Total);

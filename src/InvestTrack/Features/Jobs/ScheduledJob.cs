using InvestTrack.Data;
using InvestTrack.Features.Notifications;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace InvestTrack.Features.Jobs;

/// <summary>
/// The base of every scheduled job: records each run in <see cref="JobRun"/> (start, end, outcome, summary), runs the
/// work as the system in a scope of its own, and lets a failure through to Quartz, whose retry policy
/// (<see cref="JobScheduling"/>) fires it again later. A run that has used up its retries is logged as an error and
/// shows as failed on the jobs page: never silent.
/// </summary>
public abstract class ScheduledJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : IJob
{
    public const string RequestedByKey = "requestedBy";

    /// <summary>Does the work and says what it did in one line (shown on the jobs page).</summary>
    protected abstract Task<string> RunAsync(IServiceProvider services, CancellationToken ct);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var key = context.JobDetail.Key.Name;
        var requestedBy = context.MergedJobDataMap.TryGetString(RequestedByKey, out var by) ? by : null;
        var run = new JobRun
        {
            JobKey = key,
            FireInstanceId = context.FireInstanceId,
            Instance = context.Scheduler.SchedulerInstanceId,
            Attempt = context.RetryAttempt + 1,
            Cause = context.RetryAttempt > 0 ? JobRunCause.Retry : requestedBy is not null ? JobRunCause.Manual : JobRunCause.Schedule,
            RequestedBy = requestedBy,
            StartedAt = clock.GetUtcNow(),
        };
        await SaveAsync(run, add: true);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem($"job:{key}");
            run.Summary = Truncate(await RunAsync(scope.ServiceProvider, cancellationToken));
            run.Outcome = JobRunOutcome.Succeeded;
        }
        catch (Exception e)
        {
            run.Outcome = JobRunOutcome.Failed;
            run.Summary = Truncate($"{e.GetType().Name}: {e.Message}");
            var retries = context.RetryPolicy?.MaxAttempts ?? 0;
            if (context.RetryAttempt < retries)
                logger.LogWarning(e, "Job {Job} failed (attempt {Attempt} of {Attempts}); it will be retried", key, run.Attempt, retries + 1);
            run.FinishedAt = clock.GetUtcNow();
            await SaveAsync(run, add: false);
            if (context.RetryAttempt >= retries)
            {
                logger.LogError(e, "Job {Job} failed on its last attempt ({Attempt}); not retried again", key, run.Attempt);
                await TellSystemAdminsAsync(run);
            }
            throw new JobExecutionException(e.Message, e);
        }
        run.FinishedAt = clock.GetUtcNow();
        await SaveAsync(run, add: false);
    }

    /// <summary>A job that gave up reaches the system admins' inboxes; a failure to tell them is logged, never thrown.</summary>
    private async Task TellSystemAdminsAsync(JobRun run)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem($"job:{run.JobKey}");
            await using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
            var admins = await StaffRecipients.InRolesAsync(db, [Roles.SystemAdmin], CancellationToken.None);
            if (admins.Count == 0) return;
            await scope.ServiceProvider.GetRequiredService<INotificationSender>().SendAsync(new Recipients([.. admins.Select(a => a.UserId)]),
                $"定时任务失败：{run.JobKey}", $"任务 {run.JobKey} 第 {run.Attempt} 次运行失败，已不再重试：{run.Summary}", "/admin/jobs", CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not tell the system admins that job {Job} failed", run.JobKey);
        }
    }

    private async Task SaveAsync(JobRun run, bool add)
    {
        // A context of its own: the job's work may have failed half-way through its own context.
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem($"job:{run.JobKey}");
        await using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        if (add) db.JobRuns.Add(run);
        else db.JobRuns.Update(run);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static string? Truncate(string? text) => text is null || text.Length <= 2000 ? text : text[..2000];
}

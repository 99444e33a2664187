using Quartz;

namespace InvestTrack.Features.Jobs;

/// <summary>
/// Puts the product's jobs and their daily triggers into the scheduler's store as the app starts, replacing what an
/// earlier version stored, and removes the jobs of the group that the product no longer has. On a shared PostgreSQL
/// store every instance does this; the store's lock makes each replacement whole.
/// </summary>
internal sealed class JobCatalogSync(ISchedulerFactory schedulers, IEnumerable<JobDefinition> definitions) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var wanted = definitions.ToDictionary(d => d.Key);
        foreach (var stale in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(JobScheduling.Group), cancellationToken))
            if (!wanted.ContainsKey(stale.Name)) await scheduler.DeleteJob(stale, cancellationToken);
        foreach (var definition in wanted.Values)
        {
            var job = JobBuilder.Create().OfType(definition.JobType).WithIdentity(JobScheduling.KeyOf(definition.Key)).StoreDurably(true).Build();
            var trigger = definition.Every is { } every
                ? TriggerBuilder.Create()
                    .WithIdentity(definition.Key + ".interval", JobScheduling.Group)
                    .ForJob(job)
                    .StartAt(DateTimeOffset.UtcNow.Add(every))
                    .WithSimpleSchedule(s => s.WithInterval(every).RepeatForever())
                    .Build()
                : TriggerBuilder.Create()
                    .WithIdentity(definition.Key + ".daily", JobScheduling.Group)
                    .ForJob(job)
                    .WithCronSchedule(definition.Cron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                    .Build();
            await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using InvestTrack.Features.Jobs;

namespace InvestTrack.Features.WeeklyDispatch;

/// <summary>周调度 reminders every morning (China time): <see cref="WeeklyDispatchReminders.RemindAsync"/>.</summary>
public sealed class WeeklyDispatchReminderJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<WeeklyDispatchReminderJob> logger)
    : ScheduledJob(scopes, clock, logger)
{
    public const string Key = "weekly-dispatch-reminders";
    public static readonly TimeOnly DailyAt = new(9, 0);

    protected override Task<string> RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<WeeklyDispatchReminders>().RemindAsync(ct);
}

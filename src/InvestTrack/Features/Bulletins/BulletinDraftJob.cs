using InvestTrack.Features.Jobs;
using InvestTrack.Kernel;

namespace InvestTrack.Features.Bulletins;

/// <summary>
/// Every morning (China time) the job asks whether today is the first working day of the month; if so it generates the
/// draft bulletin of the month before, unless that month has one already (a draft an editor is working on is left
/// alone). A day the app was down is not caught up by itself: the editor generates the draft on /bulletins.
/// </summary>
public sealed class BulletinDraftJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<BulletinDraftJob> logger) : ScheduledJob(scopes, clock, logger)
{
    public const string Key = "bulletin-draft";
    public static readonly TimeOnly DailyAt = new(7, 30);

    protected override Task<string> RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<BulletinService>().DraftOnFirstWorkingDayAsync(ChinaTime.Today(services.GetRequiredService<TimeProvider>()), ct);
}

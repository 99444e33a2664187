using InvestTrack.Data;
using InvestTrack.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Warnings;

/// <summary>
/// 旬预警 on its own: every night after midnight (China time) the last complete 旬 is run, unless it has a run already
/// (by hand, or by another firing). So the run of a 旬 comes the night after its last day — the 11th, the 21st and the 1st —
/// and a night the app was down is caught up the next night.
/// </summary>
public sealed class WarningRunJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<WarningRunJob> logger) : ScheduledJob(scopes, clock, logger)
{
    public const string Key = "warning-run";
    public static readonly TimeOnly DailyAt = new(0, 30);

    protected override async Task<string> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var runs = services.GetRequiredService<WarningRunService>();
        var xun = runs.LastCompleteXun();
        var key = xun.ToString();
        if (await services.GetRequiredService<AppDbContext>().WarningRuns.AsNoTracking().AnyAsync(r => r.Xun == key, ct))
            return $"{xun.Label}已运行，未重复运行";
        var summary = await runs.RunAsync(xun, $"job:{Key}", ct);
        return $"{summary.Label}：红色 {summary.Red}，黄色 {summary.Yellow}，绿色 {summary.Green}（项目 {summary.Projects}，单位 {summary.Units}，线索 {summary.Leads}）";
    }
}

using InvestTrack.Features.Jobs;

namespace InvestTrack.Features.Audit;

/// <summary>Every Audit:CheckpointMinutes (60 by default): a signed checkpoint of the audit chain (<see cref="AuditCheckpoints"/>).</summary>
public sealed class AuditCheckpointJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditCheckpointJob> logger) : ScheduledJob(scopes, clock, logger)
{
    public const string Key = "audit-checkpoint";

    protected override async Task<string> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var written = await services.GetRequiredService<AuditCheckpoints>().WriteAsync(ct);
        if (written is null) return "审计日志为空，未写检查点 / the trail is empty: no checkpoint";
        var summary = $"检查点 checkpoint: 序号 sequence {written.Checkpoint.Sequence} → {Path.GetFileName(written.File)}";
        // The file is the checkpoint; a syslog server that cannot be reached fails the run, so that it is retried and shown.
        if (written.SyslogProblem is { } problem) throw new IOException($"{summary}; {problem}");
        return summary;
    }
}

using System.Text.Json;
using InvestTrack.Infrastructure.Auth;

namespace InvestTrack.Features.Audit;

/// <summary>
/// The auditor's two acts on the chain — a checkpoint on demand and a verification — for the API and the audit page
/// alike: checked in server code (the auditor only) and each audited with its outcome.
/// </summary>
public sealed class AuditChainActions(AuditCheckpoints checkpoints, AuditVerifier verifier, AuditLog log, CurrentUser user)
{
    /// <returns>The checkpoint written, or null when the trail has no sealed entry yet.</returns>
    public async Task<AuditCheckpoints.Written?> CheckpointAsync(CancellationToken ct)
    {
        await AdminGuard.DemandAsync(user, log, Operation.ReadAuditTrail, AuditRetention.ChainObject);
        var written = await checkpoints.WriteAsync(ct);
        if (written is null) return null;
        await log.WriteAsync(AuditRetention.CheckpointAction, AuditRetention.ChainObject,
            written.Checkpoint.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: JsonSerializer.Serialize(new { file = Path.GetFileName(written.File), written.Checkpoint.Mac, syslog = written.SyslogProblem }), ct: ct);
        return written;
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        await AdminGuard.DemandAsync(user, log, Operation.ReadAuditTrail, AuditRetention.ChainObject);
        var v = await verifier.VerifyAsync(ct);
        await log.WriteAsync(AuditRetention.VerifyAction, AuditRetention.ChainObject, result: v.Intact ? "Success" : "Refused",
            details: JsonSerializer.Serialize(new { v.Entries, v.LastSequence, findings = v.Findings.Select(f => f.Message) }), ct: ct);
        return v;
    }
}

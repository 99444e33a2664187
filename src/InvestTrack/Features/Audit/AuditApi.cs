using InvestTrack.Infrastructure.Auth;

namespace InvestTrack.Features.Audit;

public static class AuditApi
{
    public sealed record CheckpointAnswer(long Sequence, string Mac, DateTimeOffset Time, string File, string? SyslogProblem);

    public sealed record VerificationAnswer(bool Intact, long Entries, long? FirstSequence, long? LastSequence, int Checkpoints,
        long? LastCheckpointSequence, long? Anchor, IReadOnlyList<AuditFinding> Findings);

    public static void MapAuditApi(this RouteGroupBuilder api)
    {
        // GET /api/audit: the same filters and keyset paging as the audit page; the read is audited.
        api.MapGet("/audit", async (AuditQueries queries, DateOnly? from, DateOnly? to, string? user, string? action,
                string? objectType, string? objectId, string? result, long? before, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await queries.SearchAsync(
                new AuditFilter(from, to, user, action, objectType, objectId, result, before, pageSize ?? 50), ct)))
            .RequireAuthorization(nameof(Operation.ReadAuditTrail))
            .WithName("ListAuditEntries").WithTags("Audit");

        // A checkpoint on demand (the job writes one every Audit:CheckpointMinutes), audited as the auditor's act.
        api.MapPost("/audit/checkpoints", async Task<IResult> (AuditChainActions chain, CancellationToken ct) =>
                await chain.CheckpointAsync(ct) is { } written
                    ? TypedResults.Ok(new CheckpointAnswer(written.Checkpoint.Sequence, written.Checkpoint.Mac, written.Checkpoint.Time,
                        Path.GetFileName(written.File), written.SyslogProblem))
                    : TypedResults.NoContent())
            .RequireAuthorization(nameof(Operation.ReadAuditTrail))
            .WithName("WriteAuditCheckpoint").WithTags("Audit");

        // What `audit verify` says, for the auditor in the browser or a monitoring script; audited with its outcome.
        api.MapGet("/audit/verification", async (AuditChainActions chain, CancellationToken ct) =>
            {
                var v = await chain.VerifyAsync(ct);
                return TypedResults.Ok(new VerificationAnswer(v.Intact, v.Entries, v.FirstSequence, v.LastSequence, v.Checkpoints,
                    v.LastCheckpoint?.Sequence, v.Anchor, v.Findings));
            })
            .RequireAuthorization(nameof(Operation.ReadAuditTrail))
            .WithName("VerifyAuditChain").WithTags("Audit");
    }
}

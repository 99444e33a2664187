using System.Globalization;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Kernel.Crypto;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Audit;

public enum AuditFindingKind { Changed, Reordered, Missing, Unsealed, CheckpointForged, CheckpointMismatch, Truncated }

/// <summary>One thing wrong with the trail, named by sequence and row id where it has them.</summary>
public sealed record AuditFinding(AuditFindingKind Kind, long? Sequence, long? Id, string Message);

public sealed record AuditVerification(IReadOnlyList<AuditFinding> Findings, long Entries, long? FirstSequence, long? LastSequence,
    int Checkpoints, AuditCheckpoint? LastCheckpoint, long? Anchor)
{
    public bool Intact => Findings.Count == 0;
}

/// <summary>
/// `audit verify`: walks the chain in sequence order from its start (1, or the anchor a purge recorded) and recomputes
/// every MAC with the key; then checks every checkpoint file's SM2 signature and that the entry it vouches for is still
/// there with the same MAC. The chain names only its FIRST break (after a break nothing further can be trusted to be
/// where it was sealed): a changed entry, an entry sealed at another place (reordered), or missing sequences (deleted).
/// A checkpoint names entries deleted at the end of the trail (truncation), which the chain alone cannot see; entries
/// after the newest checkpoint are vouched for by the chain only until the next checkpoint is written.
/// </summary>
public sealed class AuditVerifier(IDbContextFactory<AppDbContext> dbFactory, IKeyProvider keys, AuditSettings settings)
{
    private const int PageSize = 5000;
    private const int ReorderWindow = 32;

    public Task<AuditVerification> VerifyAsync(CancellationToken ct = default) => VerifyAsync(checkpointsUpTo: null, ct);

    /// <param name="checkpointsUpTo">A restored copy's last sequence (restore-drill): checkpoints of later entries were
    /// written after the backup and vouch for nothing in it, so they are left out rather than read as a truncation.</param>
    public async Task<AuditVerification> VerifyAsync(long? checkpointsUpTo, CancellationToken ct = default)
    {
        var key = keys.Secret(KeyNames.AuditMac);
        var findings = new List<AuditFinding>();
        await using var db = dbFactory.CreateDbContext();
        var anchor = await AnchorAsync(db, ct);
        var unsealed = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence == null).OrderBy(e => e.Id).Select(e => e.Id).FirstOrDefaultAsync(ct);
        if (unsealed != 0) findings.Add(new(AuditFindingKind.Unsealed, null, unsealed, $"entry id {unsealed} has no sequence or MAC: not sealed into the chain (run `migrate`)"));

        var expected = (anchor?.Sequence ?? 0) + 1;
        var previousMac = anchor?.Mac ?? AuditChain.Genesis;
        long count = 0, first = 0, last = 0;
        var macs = new Dictionary<long, (long Id, string Mac)>();
        AuditFinding? chainBreak = null;
        var after = expected - 1;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var entry in page)
            {
                var sequence = entry.Sequence!.Value;
                if (count++ == 0) first = sequence;
                last = sequence;
                macs[sequence] = (entry.Id, entry.Mac ?? "");
                if (chainBreak is not null) continue;
                if (sequence != expected)
                {
                    chainBreak = new(AuditFindingKind.Missing, expected, null, expected == sequence - 1
                        ? $"entry {expected} is missing (deleted): the chain goes from {expected - 1} to {sequence} (id {entry.Id})"
                        : $"entries {expected}–{sequence - 1} are missing (deleted): the chain goes from {expected - 1} to {sequence} (id {entry.Id})");
                    continue;
                }
                if (entry.Mac is null || !string.Equals(AuditChain.ComputeMac(key, entry, previousMac), entry.Mac, StringComparison.Ordinal))
                    chainBreak = await ExplainAsync(db, key, entry, anchor, ct);
                previousMac = entry.Mac ?? "";
                expected++;
            }
            after = last;
        }
        if (chainBreak is not null) findings.Add(chainBreak);

        var (checkpoints, lastCheckpoint) = CheckCheckpoints(findings, macs, anchor, last, checkpointsUpTo);
        return new AuditVerification(findings, count, count > 0 ? first : null, count > 0 ? last : null, checkpoints, lastCheckpoint, anchor?.Sequence);
    }

    /// <summary>The chain's start after a purge: the last purged entry's sequence and MAC, as the purge recorded them in the trail.</summary>
    internal sealed record ChainAnchor(long Sequence, string Mac);

    internal static async Task<ChainAnchor?> AnchorAsync(AppDbContext db, CancellationToken ct)
    {
        var purges = await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditRetention.PurgeAction && e.Result == "Success" && e.NewValues != null)
            .Select(e => e.NewValues!).ToListAsync(ct);
        ChainAnchor? best = null;
        foreach (var json in purges)
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("anchorSequence", out var sequence) || !root.TryGetProperty("anchorMac", out var mac)) continue;
            if (best is null || sequence.GetInt64() > best.Sequence) best = new ChainAnchor(sequence.GetInt64(), mac.GetString()!);
        }
        return best;
    }

    /// <summary>
    /// Why an entry's MAC does not hold: if its content sealed at a nearby sequence after one of the nearby MACs gives
    /// its MAC, it was moved there (reordered); otherwise its content was changed.
    /// </summary>
    private static async Task<AuditFinding> ExplainAsync(AppDbContext db, byte[] key, AuditEntry entry, ChainAnchor? anchor, CancellationToken ct)
    {
        var sequence = entry.Sequence!.Value;
        var nearby = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= sequence - ReorderWindow - 1 && e.Sequence <= sequence + ReorderWindow)
            .Select(e => e.Mac).ToListAsync(ct);
        var previous = nearby.OfType<string>().Append(AuditChain.Genesis).Concat(anchor is null ? [] : [anchor.Mac]).Distinct().ToList();
        var probe = Copy(entry);
        for (var place = Math.Max(1, sequence - ReorderWindow); place <= sequence + ReorderWindow; place++)
        {
            if (place == sequence) continue;
            probe.Sequence = place;
            foreach (var mac in previous)
                if (string.Equals(AuditChain.ComputeMac(key, probe, mac), entry.Mac, StringComparison.Ordinal))
                    return new(AuditFindingKind.Reordered, sequence, entry.Id,
                        $"entry {sequence} (id {entry.Id}) was sealed as entry {place}: the entries were reordered (sequences swapped or moved)");
        }
        return new(AuditFindingKind.Changed, sequence, entry.Id,
            $"entry {sequence} (id {entry.Id}) does not match its MAC: its content (or its MAC) was changed after it was written");
    }

    private static AuditEntry Copy(AuditEntry e) => new()
    {
        Id = e.Id, OccurredAt = e.OccurredAt, UserId = e.UserId, UserName = e.UserName, Role = e.Role, UnitId = e.UnitId, Address = e.Address,
        Action = e.Action, ObjectType = e.ObjectType, ObjectId = e.ObjectId, OldValues = e.OldValues, NewValues = e.NewValues,
        Result = e.Result, TraceId = e.TraceId, Sequence = e.Sequence, Mac = e.Mac,
    };

    private (int Count, AuditCheckpoint? Last) CheckCheckpoints(List<AuditFinding> findings, Dictionary<long, (long Id, string Mac)> macs, ChainAnchor? anchor, long lastSequence,
        long? upTo)
    {
        if (!Directory.Exists(settings.CheckpointDirectory)) return (0, null);
        var publicKey = keys.VerifyingKey(KeyNames.Checkpoint);
        var count = 0;
        AuditCheckpoint? newest = null;
        foreach (var file in Directory.GetFiles(settings.CheckpointDirectory, AuditCheckpoints.FilePattern).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var checkpoint = AuditCheckpoint.Parse(File.ReadAllText(file));
            if (checkpoint is not null && checkpoint.Sequence > upTo) continue;
            if (checkpoint is null)
            {
                findings.Add(new(AuditFindingKind.CheckpointForged, null, null, $"checkpoint {name} cannot be read as a checkpoint: it was damaged or forged"));
                continue;
            }
            if (!checkpoint.SignatureHolds(publicKey))
            {
                findings.Add(new(AuditFindingKind.CheckpointForged, checkpoint.Sequence, null,
                    $"checkpoint {name} (entry {checkpoint.Sequence}) has a signature that does not verify with the checkpoint key: it was forged or changed"));
                continue;
            }
            count++;
            if (newest is null || checkpoint.Sequence > newest.Sequence) newest = checkpoint;
            var at = checkpoint.Time.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            if (anchor is not null && checkpoint.Sequence <= anchor.Sequence)
            {
                if (checkpoint.Sequence == anchor.Sequence && !string.Equals(checkpoint.Mac, anchor.Mac, StringComparison.Ordinal))
                    findings.Add(new(AuditFindingKind.CheckpointMismatch, checkpoint.Sequence, null,
                        $"the purge anchor (entry {anchor.Sequence}) does not carry the MAC checkpoint {name} ({at}) vouches for"));
                continue; // purged after a verified export
            }
            if (checkpoint.Sequence > lastSequence)
                findings.Add(new(AuditFindingKind.Truncated, lastSequence + 1, null,
                    $"the trail ends at entry {lastSequence} but checkpoint {name} ({at}) vouches for entry {checkpoint.Sequence}: entries {lastSequence + 1}–{checkpoint.Sequence} were removed from the end (truncated)"));
            else if (macs.TryGetValue(checkpoint.Sequence, out var row) && !string.Equals(row.Mac, checkpoint.Mac, StringComparison.Ordinal))
                findings.Add(new(AuditFindingKind.CheckpointMismatch, checkpoint.Sequence, row.Id,
                    $"entry {checkpoint.Sequence} (id {row.Id}) does not carry the MAC checkpoint {name} ({at}) vouches for: the trail was rewritten"));
        }
        return (count, newest);
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace InvestTrack.Features.Audit;

/// <summary>
/// Retention (docs/security.md 21): entries are kept Audit:RetentionDays (at least 184, six months). Older entries leave
/// the database only in two steps. `audit export --out FILE` writes them (the oldest part of the chain, up to the
/// newest entry older than the retention) as JSON lines with their sequences and MACs, and records the file, its
/// SHA-256 and the sequences it holds in the trail. `audit purge` then deletes what such an export covers and is older
/// than the retention — after checking that the export file is still there with that checksum and that the chain
/// verifies — and records in the trail the anchor (the last purged sequence and MAC) from which `audit verify` walks on.
/// </summary>
public sealed class AuditRetention(IDbContextFactory<AppDbContext> dbFactory, AuditSettings settings, AuditVerifier verifier, TimeProvider clock)
{
    public const string CheckpointAction = "AuditCheckpoint";
    public const string VerifyAction = "AuditVerify";
    public const string ExportAction = "AuditExport";
    public const string PurgeAction = "AuditPurge";
    public const string ChainObject = "AuditChain";

    public sealed record Outcome(bool Done, string Message, long Count = 0);

    private static readonly JsonSerializerOptions Lines = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private DateTimeOffset Cutoff => clock.GetUtcNow().AddDays(-settings.RetentionDays);

    /// <summary>The last sequence of the chain's oldest run of entries that are all older than the retention (0: none).</summary>
    private async Task<long> ExpiredUpToAsync(AppDbContext db, long after, CancellationToken ct)
    {
        var cutoff = Cutoff;
        // SQL for the moment: EF's SQLite provider cannot compare DateTimeOffset; stored in UTC, the text compares right.
        var firstKept = await db.AuditEntries.FromSql($"SELECT * FROM \"AuditEntries\" WHERE \"OccurredAt\" >= {cutoff}")
            .Where(e => e.Sequence > after).MinAsync(e => e.Sequence, ct);
        var last = await db.AuditEntries.MaxAsync(e => e.Sequence, ct) ?? 0;
        return firstKept is { } kept ? kept - 1 : last;
    }

    public async Task<Outcome> ExportAsync(string file, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var anchor = (await AuditVerifier.AnchorAsync(db, ct))?.Sequence ?? 0;
        var upTo = await ExpiredUpToAsync(db, anchor, ct);
        if (upTo <= anchor) return new(false, $"nothing to export: no entry is older than {settings.RetentionDays} days");
        var path = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        long count = 0;
        await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        await using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
        {
            for (var after = anchor; after < upTo;)
            {
                var page = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > after && e.Sequence <= upTo).OrderBy(e => e.Sequence).Take(5000).ToListAsync(ct);
                if (page.Count == 0) break;
                foreach (var entry in page) await writer.WriteLineAsync(JsonSerializer.Serialize(entry, Lines));
                count += page.Count;
                after = page[^1].Sequence!.Value;
            }
        }
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(path), ct));
        AuditCapture.Add(db, ExportAction, ChainObject, $"{anchor + 1}-{upTo}",
            JsonSerializer.Serialize(new { file = path, sha256, fromSequence = anchor + 1, toSequence = upTo, count }));
        await db.SaveChangesAsync(ct);
        return new(true, $"exported entries {anchor + 1}–{upTo} ({count}) to {path}, SHA-256 {sha256}", count);
    }

    public async Task<Outcome> PurgeAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var anchor = (await AuditVerifier.AnchorAsync(db, ct))?.Sequence ?? 0;
        var expired = await ExpiredUpToAsync(db, anchor, ct);
        if (expired <= anchor) return new(false, $"nothing to purge: no entry is older than {settings.RetentionDays} days");

        // What the recorded exports still prove: the file where it was written, with the checksum the trail recorded.
        long covered = anchor;
        var problems = new List<string>();
        var exports = await db.AuditEntries.AsNoTracking().Where(e => e.Action == ExportAction && e.Result == "Success" && e.NewValues != null)
            .OrderBy(e => e.Sequence).Select(e => e.NewValues!).ToListAsync(ct);
        foreach (var json in exports)
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var file = root.GetProperty("file").GetString()!;
            var from = root.GetProperty("fromSequence").GetInt64();
            var to = root.GetProperty("toSequence").GetInt64();
            if (to <= covered || from > covered + 1) continue;
            if (!File.Exists(file)) { problems.Add($"the export {file} is gone"); continue; }
            await using var stream = File.OpenRead(file);
            if (Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct)) != root.GetProperty("sha256").GetString())
            {
                problems.Add($"the export {file} no longer has the SHA-256 recorded when it was written");
                continue;
            }
            covered = to;
        }
        var upTo = Math.Min(expired, covered);
        if (upTo <= anchor)
            return new(false, $"refused: entries {anchor + 1}–{expired} are older than {settings.RetentionDays} days but no verified export holds them"
                + (problems.Count > 0 ? $" ({string.Join("; ", problems)})" : "") + "; run `audit export --out FILE` first");

        var verification = await verifier.VerifyAsync(ct);
        if (verification.Findings.FirstOrDefault(f => f.Kind is AuditFindingKind.Changed or AuditFindingKind.Reordered or AuditFindingKind.Missing or AuditFindingKind.Unsealed) is { } broken)
            return new(false, $"refused: the chain does not verify ({broken.Message}); nothing is deleted while it is evidence");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var anchorMac = await db.AuditEntries.Where(e => e.Sequence == upTo).Select(e => e.Mac).SingleAsync(ct);
        int deleted;
        try
        {
            // The append-only trigger lets a DELETE through only in a transaction that says it is the purge.
            if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SET LOCAL investtrack.audit_purge = 'on'", ct);
            deleted = await db.AuditEntries.Where(e => e.Sequence > anchor && e.Sequence <= upTo).ExecuteDeleteAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return new(false, $"refused by PostgreSQL ({e.MessageText}): the app's role may not delete audit entries; run `audit purge` with the owner role's connection string (README, Database roles)");
        }
        AuditCapture.Add(db, PurgeAction, ChainObject, $"{anchor + 1}-{upTo}",
            JsonSerializer.Serialize(new { anchorSequence = upTo, anchorMac, count = deleted, retentionDays = settings.RetentionDays }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(true, $"purged entries {anchor + 1}–{upTo} ({deleted}), older than {settings.RetentionDays} days and held by a verified export; the chain now starts after entry {upTo}", deleted);
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel.Crypto;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace InvestTrack.Features.Backup;

/// <summary>
/// `restore-drill --from FILE [--keep]` (docs/operations.md, the monthly drill): checks the file's SHA-256 against its
/// manifest, decrypts it into a private temporary directory, restores it with pg_restore into a new scratch database
/// named with the date (investtrack_drill_20261206_143000_1a2b), compares every table's rows with the manifest's,
/// verifies the restored audit chain (its MACs with the audit key, the checkpoints up to the backup's last entry) and
/// that it ends where the manifest says, drops the scratch database unless kept, and records the dated outcome in the
/// live audit trail — a failed drill too. The decrypted dump is deleted when the drill ends, whatever happened.
/// </summary>
public sealed class RestoreDrill(DatabaseSettings settings, IKeyProvider keys, PostgresTools tools, AuditLog audit, AuditSettings auditSettings,
    TimeProvider clock)
{
    public sealed record TableResult(string Table, long? Expected, long? Found)
    {
        public bool Matches => Expected == Found;
    }

    public sealed record Outcome(bool Passed, string File, string? Scratch, bool Kept, IReadOnlyList<TableResult> Tables,
        AuditVerification? Verification, IReadOnlyList<string> Problems);

    public async Task<Outcome> RunAsync(string file, bool keep, TextWriter output, CancellationToken ct = default)
    {
        var path = Path.GetFullPath(file);
        var startedAt = clock.GetUtcNow();
        var problems = new List<string>();
        var tables = new List<TableResult>();
        AuditVerification? verification = null;
        BackupManifest? manifest = null;
        string? scratch = null;
        var work = Directory.CreateTempSubdirectory("investtrack-drill-");
        try
        {
            manifest = BackupManifest.Parse(await File.ReadAllTextAsync(BackupManifest.PathFor(path), ct));
            output.WriteLine($"备份 backup: {manifest.File}, {DatabaseBackup.Count(manifest.Bytes)} bytes, made {Utc(manifest.CreatedAt)} of database {manifest.Database} "
                + $"(PostgreSQL {manifest.ServerVersion}), {manifest.Tables.Count} tables, audit entries up to {manifest.AuditSequence?.ToString(CultureInfo.InvariantCulture) ?? "—"}");

            string sha256;
            await using (var stream = File.OpenRead(path)) sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
            if (!string.Equals(sha256, manifest.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new BackupFailed($"校验和不符 checksum mismatch: the file's SHA-256 is {sha256}, the manifest recorded {manifest.Sha256}: "
                    + "the file was changed or damaged after the backup (or belongs to another manifest)");
            output.WriteLine($"校验和一致 checksum matches: SHA-256 {sha256}");

            var dump = Path.Combine(work.FullName, "restore.dump");
            await using (var input = File.OpenRead(path))
            await using (var clear = new FileStream(dump, DatabaseBackup.Private(FileMode.CreateNew, FileAccess.Write)))
            {
                try
                {
                    await Sm4GcmStream.DecryptAsync(input, clear, KeyNames.BackupKey(keys), ct);
                }
                catch (Sm4GcmStream.Unreadable e)
                {
                    throw new BackupFailed($"无法解密 cannot decrypt: {e.Message}");
                }
            }
            output.WriteLine("已解密 decrypted (SM4-GCM, every chunk's tag verified)");

            scratch = $"investtrack_drill_{startedAt:yyyyMMdd_HHmmss}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}";
            await CreateScratchAsync(scratch, ct);
            output.WriteLine($"演练库 scratch database: {scratch}");
            await RestoreAsync(dump, scratch, ct);
            output.WriteLine("已恢复 restored with pg_restore");

            var scratchConnection = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Database = scratch, Pooling = false }.ConnectionString;
            List<TableCount> found;
            (long? Sequence, string? Mac) last;
            await using (var connection = new NpgsqlConnection(scratchConnection))
            {
                await connection.OpenAsync(ct);
                found = await DatabaseBackup.CountTablesAsync(connection, ct);
                last = found.Any(t => t.Table == "AuditEntries") ? await DatabaseBackup.LastAuditAsync(connection, ct) : (null, null);
            }
            tables.AddRange(Compare(manifest.Tables, found));
            PrintTable(output, tables);
            foreach (var t in tables.Where(t => !t.Matches))
                problems.Add($"表 table {t.Table}: 预期 expected {Rows(t.Expected)}, 实际 found {Rows(t.Found)}");

            verification = await new AuditVerifier(new ScratchContexts(settings, scratchConnection), keys, auditSettings)
                .VerifyAsync(checkpointsUpTo: manifest.AuditSequence ?? 0, ct);
            if (verification.Intact)
                output.WriteLine($"审计链完整 audit trail intact in the restored copy: {verification.Entries} entries, {verification.Checkpoints} checkpoint(s) verified");
            else
            {
                output.WriteLine("审计链异常 audit trail NOT intact in the restored copy:");
                foreach (var finding in verification.Findings) output.WriteLine($"  {finding.Kind}: {finding.Message}");
                problems.Add($"审计链校验未通过 audit chain verification failed: {verification.Findings[0].Message}");
            }
            if (last.Sequence != manifest.AuditSequence || !string.Equals(last.Mac, manifest.AuditMac, StringComparison.Ordinal))
                problems.Add($"恢复的审计日志止于 the restored trail ends at entry {last.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "—"}, "
                    + $"the manifest recorded entry {manifest.AuditSequence?.ToString(CultureInfo.InvariantCulture) ?? "—"} with another MAC");
        }
        catch (BackupFailed e)
        {
            problems.Add(e.Message);
        }
        catch (BackupManifest.Unreadable e)
        {
            problems.Add(e.Message);
        }
        catch (ConfigurationException e)
        {
            problems.Add($"配置错误 configuration error: {e.Message}");
        }
        catch (NpgsqlException e)
        {
            problems.Add($"数据库错误 database error: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"文件错误 file error: {e.Message}");
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { }
            if (scratch is not null && !keep)
            {
                try
                {
                    await DropScratchAsync(scratch, CancellationToken.None);
                    output.WriteLine($"演练库已删除 scratch database {scratch} dropped");
                }
                catch (NpgsqlException e)
                {
                    problems.Add($"演练库未能删除 the scratch database {scratch} could not be dropped: {e.Message}");
                }
            }
        }
        if (scratch is not null && keep) output.WriteLine($"演练库保留 scratch database kept: {scratch} (drop it when done: DROP DATABASE \"{scratch}\")");

        var passed = problems.Count == 0;
        if (passed)
            output.WriteLine($"恢复演练通过 restore drill PASSED at {Utc(clock.GetUtcNow())}: {tables.Count} tables, {DatabaseBackup.Count(tables.Sum(t => t.Found ?? 0))} rows as recorded, audit chain intact");
        else
        {
            output.WriteLine($"恢复演练未通过 restore drill FAILED at {Utc(clock.GetUtcNow())}:");
            foreach (var problem in problems) output.WriteLine($"  {problem}");
        }
        await audit.WriteAsync(DatabaseBackup.RestoreDrillAction, DatabaseBackup.ObjectType, Path.GetFileName(path), result: passed ? "Success" : "Failed",
            details: JsonSerializer.Serialize(new
            {
                file = path, sha256 = manifest?.Sha256, backupMadeAt = manifest?.CreatedAt, startedAt, scratch, kept = keep && scratch is not null,
                tables = tables.Count, rowsExpected = tables.Sum(t => t.Expected ?? 0), rowsFound = tables.Sum(t => t.Found ?? 0),
                mismatches = tables.Where(t => !t.Matches).Select(t => $"{t.Table}: {Rows(t.Expected)} → {Rows(t.Found)}"),
                verification = verification is null ? "not run" : verification.Intact ? $"intact, {verification.Entries} entries" : verification.Findings[0].Message,
                problems,
            }, Json), ct: ct);
        return new Outcome(passed, path, scratch, keep && scratch is not null, tables, verification, problems);
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static IEnumerable<TableResult> Compare(IReadOnlyList<TableCount> expected, IReadOnlyList<TableCount> found)
    {
        var foundByName = found.ToDictionary(t => t.Table, t => t.Rows, StringComparer.Ordinal);
        var expectedNames = expected.Select(t => t.Table).ToHashSet(StringComparer.Ordinal);
        return expected.Select(t => new TableResult(t.Table, t.Rows, foundByName.TryGetValue(t.Table, out var rows) ? rows : null))
            .Concat(found.Where(t => !expectedNames.Contains(t.Table)).Select(t => new TableResult(t.Table, null, t.Rows)));
    }

    private static void PrintTable(TextWriter output, IReadOnlyList<TableResult> tables)
    {
        var width = Math.Max(24, tables.Max(t => t.Table.Length) + 2);
        output.WriteLine($"{"表 table".PadRight(width)}{"预期 expected",16}{"实际 found",16}");
        foreach (var t in tables)
            output.WriteLine($"{t.Table.PadRight(width)}{Rows(t.Expected),16}{Rows(t.Found),16}{(t.Matches ? "" : "   ≠ 不符 MISMATCH")}");
    }

    private static string Rows(long? rows) => rows is { } n ? n.ToString(CultureInfo.InvariantCulture) : "—";

    private static string Utc(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task CreateScratchAsync(string name, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(ct);
        try
        {
            // template0: nothing an operator added to template1 may collide with what the dump creates.
            await DatabaseBackup.Execute(connection, $"CREATE DATABASE {DatabaseBackup.Quote(name)} TEMPLATE template0", ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new BackupFailed($"无法创建演练库 cannot create the scratch database: the role {connection.UserName} lacks CREATEDB "
                + "(run the drill as the owner role with CREATEDB, docs/operations.md)");
        }
    }

    private async Task DropScratchAsync(string name, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(ct);
        await DatabaseBackup.Execute(connection, $"DROP DATABASE IF EXISTS {DatabaseBackup.Quote(name)} WITH (FORCE)", ct);
    }

    private async Task RestoreAsync(string dump, string scratch, CancellationToken ct)
    {
        // As the role running the drill, without the source's owners and grants: the scratch copy is read, never served.
        using var process = PostgresTools.Start(tools.Find("pg_restore"),
            ["--no-owner", "--no-privileges", "--exit-on-error", "--no-password", $"--dbname={scratch}", dump],
            PostgresTools.Environment(settings.ConnectionString, scratch));
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await stdout;
        if (process.ExitCode != 0) throw new BackupFailed($"pg_restore 失败 failed (exit {process.ExitCode}): {(await errors).Trim()}");
    }

    /// <summary>Contexts on the scratch copy, read-only, as the system: the verifier reads its trail as it reads the live one.</summary>
    private sealed class ScratchContexts(DatabaseSettings settings, string connectionString) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext()
        {
            var user = new CurrentUser();
            user.SetSystem("restore-drill");
            return settings.CreateContext(settings.BuildReadOptions(connectionString, loggerFactory: null), user);
        }
    }
}

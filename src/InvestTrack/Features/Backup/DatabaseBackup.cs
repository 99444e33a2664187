using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Kernel.Crypto;
using Npgsql;

namespace InvestTrack.Features.Backup;

/// <summary>
/// `backup --to FILE` (PostgreSQL): one REPEATABLE READ transaction exports its snapshot; in it every table of the
/// database is counted and the audit trail's last sequence and MAC read, and pg_dump (custom format) dumps that same
/// snapshot (--snapshot), so that the counts describe exactly what the dump holds however busy the app is. The dump
/// is streamed from pg_dump through SM4-GCM (<see cref="Sm4GcmStream"/>, the backup key of the key provider) into
/// FILE, never whole in memory nor in clear on disk; the manifest (<see cref="BackupManifest"/>) goes beside it, and
/// the backup is recorded in the audit trail.
/// </summary>
public sealed class DatabaseBackup(DatabaseSettings settings, IKeyProvider keys, PostgresTools tools, AuditLog audit, TimeProvider clock)
{
    public const string BackupAction = "Backup";
    public const string RestoreDrillAction = "RestoreDrill";
    public const string ObjectType = "Backup";

    public sealed record Made(string File, BackupManifest Manifest);

    /// <exception cref="BackupFailed">pg_dump or the database refused; the message says why.</exception>
    public async Task<Made> BackUpAsync(string file, CancellationToken ct = default)
    {
        var path = Path.GetFullPath(file);
        var key = KeyNames.BackupKey(keys);
        var pgDump = tools.Find("pg_dump");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";

        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(ct);
        await using var snapshotHolder = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await Execute(connection, "SET TRANSACTION READ ONLY", ct);
        var snapshot = (string)(await Scalar(connection, "SELECT pg_export_snapshot()", ct))!;
        var serverVersion = (string)(await Scalar(connection, "SHOW server_version", ct))!;
        var tables = await CountTablesAsync(connection, ct);
        var (sequence, mac) = await LastAuditAsync(connection, ct);

        try
        {
            await using (var output = new FileStream(partial, Private(FileMode.CreateNew, FileAccess.Write)))
            {
                using var process = PostgresTools.Start(pgDump,
                    ["--format=custom", $"--snapshot={snapshot}", "--no-password"],
                    PostgresTools.Environment(settings.ConnectionString));
                var errors = process.StandardError.ReadToEndAsync(ct);
                try
                {
                    await Sm4GcmStream.EncryptAsync(process.StandardOutput.BaseStream, output, key, ct: ct);
                    await process.WaitForExitAsync(ct);
                }
                finally
                {
                    if (!process.HasExited) process.Kill(entireProcessTree: true);
                }
                if (process.ExitCode != 0)
                    throw new BackupFailed($"pg_dump 失败 failed (exit {process.ExitCode}): {(await errors).Trim()}");
            }
            await snapshotHolder.CommitAsync(ct);
            File.Move(partial, path, overwrite: false);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        string sha256;
        await using (var written = File.OpenRead(path)) sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(written, ct));
        var manifest = new BackupManifest
        {
            CreatedAt = clock.GetUtcNow(),
            Database = connection.Database,
            ServerVersion = serverVersion,
            File = Path.GetFileName(path),
            Bytes = new FileInfo(path).Length,
            Sha256 = sha256,
            Encryption = "SM4-GCM (Sm4GcmStream v1, key: Security:KeyDirectory backup.key)",
            AuditSequence = sequence,
            AuditMac = mac,
            Tables = tables,
        };
        await File.WriteAllTextAsync(BackupManifest.PathFor(path), manifest.ToJson(), ct);
        await audit.WriteAsync(BackupAction, ObjectType, manifest.File, details: JsonSerializer.Serialize(new
        {
            file = path, manifest.Sha256, manifest.Bytes, tables = tables.Count, rows = tables.Sum(t => t.Rows), auditSequence = sequence,
        }), ct: ct);
        return new Made(path, manifest);
    }

    /// <summary>Every ordinary table outside PostgreSQL's own schemas, by its name (schema-qualified outside public), with its rows.</summary>
    internal static async Task<List<TableCount>> CountTablesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var names = new List<(string Schema, string Table)>();
        await using (var command = new NpgsqlCommand("""
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
            ORDER BY n.nspname, c.relname COLLATE "C"
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) names.Add((reader.GetString(0), reader.GetString(1)));
        var counts = new List<TableCount>();
        foreach (var (schema, table) in names)
        {
            var rows = (long)(await Scalar(connection, $"SELECT count(*) FROM {Quote(schema)}.{Quote(table)}", ct))!;
            counts.Add(new TableCount(schema == "public" ? table : $"{schema}.{table}", rows));
        }
        return counts;
    }

    internal static async Task<(long? Sequence, string? Mac)> LastAuditAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT \"Sequence\", \"Mac\" FROM \"AuditEntries\" WHERE \"Sequence\" IS NOT NULL ORDER BY \"Sequence\" DESC LIMIT 1", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : (null, null);
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal static async Task<object?> Scalar(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(ct);
    }

    internal static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A new file only its owner may read: a backup holds every record, even encrypted.</summary>
    internal static FileStreamOptions Private(FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }

    internal static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>A backup or drill step that failed for a reason the operator can act on; the message says it in both languages.</summary>
public sealed class BackupFailed(string message) : Exception(message);

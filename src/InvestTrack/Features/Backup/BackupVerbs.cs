using InvestTrack.Data;

namespace InvestTrack.Features.Backup;

/// <summary>`backup --to FILE` and `restore-drill --from FILE [--keep]`: the operator's side of backups (docs/operations.md).</summary>
public static class BackupVerbs
{
    public const string BackupHelp = "backup --to FILE: PostgreSQL: pg_dump of one snapshot, encrypted with SM4-GCM (the backup key), and FILE.manifest.json with every table's rows";
    public const string DrillHelp = "restore-drill --from FILE [--keep]: restore a backup into a dated scratch database, compare the rows with its manifest, verify the audit chain, record the result (exit 1 on any difference)";

    public static Task<int> BackupAsync(IServiceProvider services, string[] args) => BackupAsync(services, args, Console.Out, Console.Error);

    public static Task<int> DrillAsync(IServiceProvider services, string[] args) => DrillAsync(services, args, Console.Out, Console.Error);

    public static async Task<int> BackupAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        args = Options(args);
        if (Value(args, "--to") is not { } file || args.Length != 2)
        {
            error.WriteLine($"用法 usage: {BackupHelp}");
            return 64;
        }
        if (!PostgresOnly(services, "backup", error)) return 64;
        if (File.Exists(file) || File.Exists(BackupManifest.PathFor(file)))
        {
            error.WriteLine($"文件已存在 the file exists, choose another: {file}");
            return 66;
        }
        try
        {
            var made = await services.GetRequiredService<DatabaseBackup>().BackUpAsync(file);
            var m = made.Manifest;
            output.WriteLine($"备份完成 backup written: {made.File} ({DatabaseBackup.Count(m.Bytes)} bytes, SM4-GCM), SHA-256 {m.Sha256}");
            output.WriteLine($"清单 manifest: {BackupManifest.PathFor(made.File)}: {m.Tables.Count} tables, {DatabaseBackup.Count(m.Tables.Sum(t => t.Rows))} rows, "
                + $"audit entries up to {m.AuditSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"}");
            return 0;
        }
        catch (BackupFailed e)
        {
            error.WriteLine($"备份失败 backup failed: {e.Message}");
            return 1;
        }
    }

    public static async Task<int> DrillAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        args = Options(args);
        var keep = args.Contains("--keep");
        if (Value(args, "--from") is not { } file || args.Length != (keep ? 3 : 2))
        {
            error.WriteLine($"用法 usage: {DrillHelp}");
            return 64;
        }
        if (!PostgresOnly(services, "restore-drill", error)) return 64;
        foreach (var needed in new[] { file, BackupManifest.PathFor(file) })
            if (!File.Exists(needed))
            {
                error.WriteLine($"文件不存在 file not found: {needed}");
                return 66;
            }
        var outcome = await services.GetRequiredService<RestoreDrill>().RunAsync(file, keep, output);
        return outcome.Passed ? 0 : 1;
    }

    /// <summary>The embedded SQLite demo is backed up by copying its file while the app is stopped; the verbs are for PostgreSQL.</summary>
    private static bool PostgresOnly(IServiceProvider services, string verb, TextWriter error)
    {
        if (services.GetRequiredService<DatabaseSettings>().Provider == DatabaseProviderKind.Postgres) return true;
        error.WriteLine($"{verb} 仅用于 PostgreSQL is for PostgreSQL: the embedded SQLite database is backed up by copying its file "
            + "while the app is stopped (docs/operations.md)");
        return false;
    }

    /// <summary>The verb's own arguments, without configuration given on the command line (--Key=value).</summary>
    private static string[] Options(string[] args) => args.Where(a => !(a.StartsWith("--", StringComparison.Ordinal) && a.Contains('='))).ToArray();

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && !args[index + 1].StartsWith("--", StringComparison.Ordinal) ? args[index + 1] : null;
    }
}

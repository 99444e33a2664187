using System.Text.Json;
using System.Text.RegularExpressions;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Backup;
using InvestTrack.IntegrationTests.Audit;
using InvestTrack.IntegrationTests.Hosting;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InvestTrack.IntegrationTests.Backup;

/// <summary>
/// `backup` and `restore-drill` on PostgreSQL (docs/security.md 25): a backup of one snapshot, encrypted, with its
/// manifest; the drill restores it into a dated scratch database, compares every table's rows, verifies the audit chain,
/// drops the scratch database and records the outcome in the live trail — and fails, saying why, for a changed file, a
/// changed manifest and a trail that was tampered with before the backup.
/// </summary>
[Collection("postgres")]
public sealed partial class RestoreDrillTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("investtrack-backup-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<(int Code, string Output)> RunAsync(TestApp app, Func<IServiceProvider, string[], TextWriter, TextWriter, Task<int>> verb, params string[] args) =>
        app.AsSystemAsync(async sp =>
        {
            var output = new StringWriter();
            var code = await verb(sp, args, output, output);
            return (code, output.ToString());
        });

    private static Task<(int Code, string Output)> BackupAsync(TestApp app, string file) => RunAsync(app, BackupVerbs.BackupAsync, "--to", file);

    private static Task<(int Code, string Output)> DrillAsync(TestApp app, string file) => RunAsync(app, BackupVerbs.DrillAsync, "--from", file);

    private static Task<AuditEntry> LastAuditAsync(TestApp app, string action) => app.AsSystemAsync(sp =>
        sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderByDescending(e => e.Sequence).FirstAsync());

    private static async Task AssertScratchGoneAsync(string output)
    {
        var scratch = ScratchName().Match(output);
        Assert.True(scratch.Success, output);
        Assert.Contains($"演练库已删除 scratch database {scratch.Value} dropped", output);
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(TestApp.PostgresVariable));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", scratch.Value);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    /// <summary>A copy of a backup and its manifest under another name, the manifest changed by <paramref name="edit"/>.</summary>
    private string Copy(string file, string name, Func<byte[], byte[]>? changeFile = null, Func<BackupManifest, BackupManifest>? edit = null)
    {
        var copy = Path.Combine(_dir, name);
        File.WriteAllBytes(copy, (changeFile ?? (b => b))(File.ReadAllBytes(file)));
        var manifest = BackupManifest.Parse(File.ReadAllText(BackupManifest.PathFor(file)));
        File.WriteAllText(BackupManifest.PathFor(copy), (edit ?? (m => m))(manifest).ToJson());
        return copy;
    }

    [PostgresBinariesFact]
    public async Task A_backup_restores_with_every_row_and_an_intact_trail_and_the_drill_is_recorded_and_every_kind_of_damage_fails_it()
    {
        await using var app = await new TestApp(DatabaseProviderKind.Postgres).StartAsync();
        // A checkpoint before the backup vouches for its trail; one written after it vouches for later entries only.
        await app.AsSystemAsync(sp => sp.GetRequiredService<AuditCheckpoints>().WriteAsync());
        var file = Path.Combine(_dir, "investtrack.backup");

        var (code, output) = await BackupAsync(app, file);
        Assert.True(code == 0, output);
        var manifest = BackupManifest.Parse(await File.ReadAllTextAsync(BackupManifest.PathFor(file)));
        var projects = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.IgnoreQueryFilters().LongCountAsync());
        Assert.Equal(projects, manifest.Tables.Single(t => t.Table == "Projects").Rows);
        Assert.Contains(manifest.Tables, t => t.Table == "__EFMigrationsHistory" && t.Rows > 0);
        var backupEntry = await LastAuditAsync(app, DatabaseBackup.BackupAction);
        Assert.Equal(manifest.AuditSequence + 1, backupEntry.Sequence); // the trail as it was just before the backup was recorded
        Assert.Equal(manifest.Tables.Single(t => t.Table == "AuditEntries").Rows, manifest.AuditSequence);
        Assert.Contains($"{manifest.Tables.Count} tables", output);
        // Encrypted: neither pg_dump's custom-format signature nor a record's text is in the file.
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.True(bytes.AsSpan().IndexOf("PGDMP"u8) < 0);
        Assert.True(bytes.AsSpan().IndexOf("四平"u8) < 0);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(66, (await BackupAsync(app, file)).Code);
        await AuditChainTests.WriteAsync(app, "AfterBackup", 3);
        await app.AsSystemAsync(sp => sp.GetRequiredService<AuditCheckpoints>().WriteAsync());

        (code, output) = await DrillAsync(app, file);
        Assert.True(code == 0, output);
        Assert.Matches(@"表 table\s+预期 expected\s+实际 found", output);
        Assert.Matches($@"\nProjects\s+{projects}\s+{projects}\r?\n", output);
        Assert.Contains("审计链完整 audit trail intact in the restored copy", output);
        Assert.Contains("1 checkpoint(s) verified", output);
        Assert.Contains("恢复演练通过 restore drill PASSED", output);
        await AssertScratchGoneAsync(output);
        var drill = await LastAuditAsync(app, DatabaseBackup.RestoreDrillAction);
        Assert.Equal(("Success", "investtrack.backup", DatabaseBackup.ObjectType), (drill.Result, drill.ObjectId, drill.ObjectType));
        using (var details = JsonDocument.Parse(drill.NewValues!))
        {
            Assert.Equal(manifest.Tables.Count, details.RootElement.GetProperty("tables").GetInt32());
            Assert.Equal(manifest.Tables.Sum(t => t.Rows), details.RootElement.GetProperty("rowsFound").GetInt64());
            Assert.StartsWith("intact", details.RootElement.GetProperty("verification").GetString(), StringComparison.Ordinal);
        }

        // A byte flipped after the backup: the checksum says so before anything is decrypted or restored.
        var flipped = Copy(file, "flipped.backup", changeFile: b => { b[b.Length / 2] ^= 0x10; return b; });
        (code, output) = await DrillAsync(app, flipped);
        Assert.Equal(1, code);
        Assert.Contains("校验和不符 checksum mismatch", output);
        Assert.Contains("恢复演练未通过 restore drill FAILED", output);
        Assert.DoesNotMatch(ScratchName(), output);
        Assert.Equal("Failed", (await LastAuditAsync(app, DatabaseBackup.RestoreDrillAction)).Result);

        // The same flip with a manifest made to match it: SM4-GCM's tag refuses the chunk.
        var resealed = Copy(file, "resealed.backup", changeFile: b => { b[b.Length / 2] ^= 0x10; return b; },
            edit: m => m with { Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(_dir, "flipped.backup")))) });
        (code, output) = await DrillAsync(app, resealed);
        Assert.Equal(1, code);
        Assert.Contains("无法解密 cannot decrypt", output);

        // A count edited by hand in the manifest: the drill restores, and names the table that differs; --keep leaves
        // the scratch copy for a look.
        var edited = Copy(file, "edited.backup",
            edit: m => m with { Tables = m.Tables.Select(t => t.Table == "Projects" ? t with { Rows = t.Rows + 1 } : t).ToList() });
        (code, output) = await RunAsync(app, BackupVerbs.DrillAsync, "--from", edited, "--keep");
        Assert.Equal(1, code);
        Assert.Contains($"表 table Projects: 预期 expected {projects + 1}, 实际 found {projects}", output);
        Assert.Matches($@"\nProjects\s+{projects + 1}\s+{projects}\s+≠ 不符 MISMATCH", output);
        var kept = ScratchName().Match(output).Value;
        Assert.Contains($"演练库保留 scratch database kept: {kept}", output);
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(TestApp.PostgresVariable)) { Database = kept, Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM \"Projects\"", connection);
            Assert.Equal(projects, (long)(await count.ExecuteScalarAsync())!);
        }
        await using (var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(TestApp.PostgresVariable)))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{kept}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        var failed = await LastAuditAsync(app, DatabaseBackup.RestoreDrillAction);
        Assert.Equal("Failed", failed.Result);
        Assert.Contains($"Projects: {projects + 1} → {projects}", failed.NewValues, StringComparison.Ordinal);

        // A trail changed by hand before the backup: the restored copy does not verify.
        var middle = manifest.AuditSequence!.Value / 2;
        await AuditChainTests.SqlAsync(app, $"UPDATE \"AuditEntries\" SET \"ObjectId\" = 'rewritten' WHERE \"Sequence\" = {middle}");
        var tampered = Path.Combine(_dir, "tampered.backup");
        Assert.Equal(0, (await BackupAsync(app, tampered)).Code);
        (code, output) = await DrillAsync(app, tampered);
        Assert.Equal(1, code);
        Assert.Contains("审计链异常 audit trail NOT intact in the restored copy", output);
        Assert.Contains($"审计链校验未通过 audit chain verification failed: entry {middle} ", output);
        await AssertScratchGoneAsync(output);
    }

    [Fact]
    public async Task On_sqlite_the_verbs_say_they_are_for_postgresql_and_bad_arguments_are_named()
    {
        await using var app = await new TestApp(DatabaseProviderKind.Sqlite).StartAsync();
        var (code, output) = await DrillAsync(app, Path.Combine(_dir, "none.backup"));
        Assert.Equal(64, code);
        Assert.Contains("restore-drill 仅用于 PostgreSQL is for PostgreSQL", output);
        (code, output) = await RunAsync(app, BackupVerbs.DrillAsync, "--from");
        Assert.Equal(64, code);
        Assert.Contains("用法 usage: restore-drill --from FILE [--keep]", output);
        (code, output) = await RunAsync(app, BackupVerbs.BackupAsync, "--to", "x", "--extra");
        Assert.Equal(64, code);
        Assert.Contains("用法 usage: backup --to FILE", output);
        // Through the real program: the verbs are listed and dispatched.
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__InvestTrack"] = $"Data Source={Path.Combine(_dir, "cli.db")}", ["Security__KeyDirectory"] = Path.Combine(_dir, "keys"),
        };
        (code, output) = await StartupErrorTests.RunAsync(environment, "restore-drill", "--from", Path.Combine(_dir, "none.backup"));
        Assert.True(code == 64, output);
        Assert.Contains("restore-drill 仅用于 PostgreSQL is for PostgreSQL", output);
    }

    [GeneratedRegex(@"investtrack_drill_\d{8}_\d{6}_[0-9a-f]{4}")]
    private static partial Regex ScratchName();
}

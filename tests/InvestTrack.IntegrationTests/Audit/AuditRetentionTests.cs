using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Audit;

/// <summary>Retention (docs/security.md 21): purge only what is older than Audit:RetentionDays and held by a verified export.</summary>
public abstract class AuditRetentionTests(DatabaseProviderKind provider)
{
    private static Task<AuditRetention.Outcome> PurgeAsync(TestApp app) => app.AsSystemAsync(sp => sp.GetRequiredService<AuditRetention>().PurgeAsync());
    private static Task<AuditRetention.Outcome> ExportAsync(TestApp app, string file) => app.AsSystemAsync(sp => sp.GetRequiredService<AuditRetention>().ExportAsync(file));
    private static Task<int> CountAsync(TestApp app) => app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.CountAsync());

    [Fact]
    public async Task Nothing_younger_than_the_retention_is_purged_even_with_an_export()
    {
        await using var app = await new TestApp(provider).StartAsync();
        var export = await ExportAsync(app, Path.Combine(app.CheckpointDirectory, "..", "export.jsonl"));
        Assert.False(export.Done);
        Assert.Contains("no entry is older than 184 days", export.Message, StringComparison.Ordinal);
        var before = await CountAsync(app);
        var purge = await PurgeAsync(app);
        Assert.False(purge.Done);
        Assert.Contains("nothing to purge", purge.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(app));
    }

    [Fact]
    public async Task Old_entries_are_refused_without_an_export_and_with_a_changed_export_and_purged_after_a_verified_one()
    {
        // The app's clock 200 days ahead: everything the template holds is older than the 184 days.
        await using var app = await new TestApp(provider, clock: new StoppedClock(DateTimeOffset.UtcNow.AddDays(200))).StartAsync();
        var before = await CountAsync(app);
        var refused = await PurgeAsync(app);
        Assert.False(refused.Done);
        Assert.Contains($"entries 1–{before} are older than 184 days but no verified export holds them", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(app));

        var file = Path.Combine(Path.GetDirectoryName(app.CheckpointDirectory)!, "audit-export.jsonl");
        var export = await ExportAsync(app, file);
        Assert.True(export.Done, export.Message);
        Assert.Equal(before, File.ReadLines(file).Count());
        var recorded = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .SingleAsync(e => e.Action == AuditRetention.ExportAction));
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))), recorded.NewValues, StringComparison.Ordinal);

        // An export changed after it was recorded proves nothing.
        var original = await File.ReadAllBytesAsync(file);
        await File.AppendAllTextAsync(file, "{}\n");
        var changed = await PurgeAsync(app);
        Assert.False(changed.Done);
        Assert.Contains("no longer has the SHA-256 recorded", changed.Message, StringComparison.Ordinal);
        await File.WriteAllBytesAsync(file, original);

        var purged = await PurgeAsync(app);
        Assert.True(purged.Done, purged.Message);
        Assert.Equal(before, purged.Count);
        var left = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        // The export's own entry is younger than the retention (written now) and stays, with the purge's record after it.
        Assert.Equal([AuditRetention.ExportAction, AuditRetention.PurgeAction], left.Select(e => e.Action));
        Assert.Equal([before + 1, before + 2], left.Select(e => e.Sequence ?? 0));
        var v = await app.AsSystemAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync());
        Assert.True(v.Intact, string.Join("; ", v.Findings.Select(f => f.Message)));
        Assert.Equal(before, v.Anchor);

        // The first entry after the anchor deleted: named as missing, the anchor does not hide it.
        await AuditChainTests.SqlAsync(app, $"DELETE FROM \"AuditEntries\" WHERE \"Action\" = '{AuditRetention.ExportAction}'");
        Assert.Contains((await app.AsSystemAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync())).Findings, f => f.Kind == AuditFindingKind.Missing && f.Sequence == before + 1);
    }
}

[Collection("postgres")]
public sealed class PostgresAuditRetentionTests() : AuditRetentionTests(DatabaseProviderKind.Postgres);

public sealed class SqliteAuditRetentionTests() : AuditRetentionTests(DatabaseProviderKind.Sqlite);

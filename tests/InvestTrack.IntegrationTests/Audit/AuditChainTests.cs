using System.Data.Common;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Kernel.Crypto;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Audit;

/// <summary>
/// The tamper-evident chain (docs/security.md 20) on each database: sealing under concurrent writers of two instances,
/// and `audit verify` against each kind of tampering done by hand in SQL. Each test has a database of its own, since it
/// damages it.
/// </summary>
public abstract class AuditChainTests(DatabaseProviderKind provider)
{
    private async Task<TestApp> StartAsync(IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null) =>
        await new TestApp(provider, settings: settings, clock: clock).StartAsync();

    internal static Task WriteAsync(TestApp app, string action, int count = 1) => app.AsSystemAsync(async sp =>
    {
        for (var i = 0; i < count; i++) await sp.GetRequiredService<AuditLog>().WriteAsync(action, "Probe", i.ToString(System.Globalization.CultureInfo.InvariantCulture), details: $"{{\"n\":{i}}}");
        return 0;
    });

    internal static Task<AuditVerification> VerifyAsync(TestApp app) => app.AsSystemAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync());

    internal static Task<List<AuditEntry>> ChainAsync(TestApp app) => app.AsSystemAsync(sp =>
        sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());

    /// <summary>SQL by hand, as someone with the database's owner rights would do it; on PostgreSQL past the append-only trigger.</summary>
    internal static Task SqlAsync(TestApp app, string sql) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var bypass = db.Database.IsNpgsql() ? "SET session_replication_role = replica; " : "";
#pragma warning disable EF1002, EF1003 // the tests' own SQL
        return await db.Database.ExecuteSqlRawAsync(bypass + sql);
#pragma warning restore EF1002, EF1003
    });

    [Fact]
    public async Task Every_entry_is_sealed_in_a_gapless_sequence_and_the_trail_verifies()
    {
        await using var app = await StartAsync();
        await WriteAsync(app, "Probe", 5);
        await app.SignInAsync("city"); // a sign-in writes through the change tracker's path too
        var chain = await ChainAsync(app);
        Assert.All(chain, e => Assert.NotNull(e.Mac));
        Assert.Equal(Enumerable.Range(1, chain.Count).Select(i => (long?)i), chain.Select(e => e.Sequence));
        var v = await VerifyAsync(app);
        Assert.True(v.Intact, string.Join("; ", v.Findings.Select(f => f.Message)));
        Assert.Equal(chain.Count, v.Entries);
        Assert.Equal(0, AuditVerb.Print(v));
    }

    [Fact]
    public async Task Concurrent_writers_of_two_instances_leave_no_gap_no_duplicate_and_a_chain_that_verifies()
    {
        await using var app = await StartAsync();
        await using var second = new TestApp(provider, sharing: app);
        var before = (await ChainAsync(app)).Count;
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => WriteAsync(i % 2 == 0 ? app : second, $"Concurrent{i}", 8))));
        var chain = await ChainAsync(app);
        Assert.Equal(before + 12 * 8, chain.Count);
        Assert.Equal(Enumerable.Range(1, chain.Count).Select(i => (long?)i), chain.Select(e => e.Sequence));
        var v = await VerifyAsync(app);
        Assert.True(v.Intact, string.Join("; ", v.Findings.Select(f => f.Message)));
    }

    [Fact]
    public async Task A_changed_field_is_named_by_sequence_and_id()
    {
        await using var app = await StartAsync();
        await WriteAsync(app, "Probe", 4);
        var victim = (await ChainAsync(app))[^3];
        await SqlAsync(app, $"UPDATE \"AuditEntries\" SET \"UserName\" = 'someone else' WHERE \"Id\" = {victim.Id}");
        var v = await VerifyAsync(app);
        var finding = Assert.Single(v.Findings);
        Assert.Equal((AuditFindingKind.Changed, victim.Sequence, victim.Id), (finding.Kind, finding.Sequence, finding.Id));
        Assert.Contains($"entry {victim.Sequence} (id {victim.Id})", finding.Message, StringComparison.Ordinal);
        Assert.Equal(1, AuditVerb.Print(v));
    }

    [Fact]
    public async Task A_deleted_entry_is_named_as_missing()
    {
        await using var app = await StartAsync();
        await WriteAsync(app, "Probe", 4);
        var victim = (await ChainAsync(app))[^2];
        await SqlAsync(app, $"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {victim.Id}");
        var finding = Assert.Single((await VerifyAsync(app)).Findings);
        Assert.Equal((AuditFindingKind.Missing, victim.Sequence), (finding.Kind, finding.Sequence));
        Assert.Contains($"entry {victim.Sequence} is missing", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_entries_with_swapped_sequences_are_named_as_reordered()
    {
        await using var app = await StartAsync();
        await WriteAsync(app, "Probe", 4);
        var chain = await ChainAsync(app);
        var (a, b) = (chain[^3], chain[^2]);
        await SqlAsync(app, $"UPDATE \"AuditEntries\" SET \"Sequence\" = -1 WHERE \"Id\" = {a.Id}");
        await SqlAsync(app, $"UPDATE \"AuditEntries\" SET \"Sequence\" = {a.Sequence} WHERE \"Id\" = {b.Id}");
        await SqlAsync(app, $"UPDATE \"AuditEntries\" SET \"Sequence\" = {b.Sequence} WHERE \"Id\" = {a.Id}");
        var finding = (await VerifyAsync(app)).Findings.First();
        Assert.Equal((AuditFindingKind.Reordered, a.Sequence, b.Id), (finding.Kind, finding.Sequence, finding.Id));
        Assert.Contains($"was sealed as entry {b.Sequence}", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tail_deleted_after_a_checkpoint_is_named_as_truncated()
    {
        await using var app = await StartAsync();
        await WriteAsync(app, "Probe", 5);
        var written = await app.AsSystemAsync(sp => sp.GetRequiredService<AuditCheckpoints>().WriteAsync());
        var last = written!.Checkpoint.Sequence;
        Assert.True((await VerifyAsync(app)).Intact);
        await SqlAsync(app, $"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {last - 3}");
        var v = await VerifyAsync(app);
        var finding = Assert.Single(v.Findings);
        Assert.Equal((AuditFindingKind.Truncated, last - 2), (finding.Kind, finding.Sequence));
        Assert.Contains($"the trail ends at entry {last - 3}", finding.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(written.File), finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_checkpoint_file_is_named_and_a_genuine_one_still_counts()
    {
        await using var app = await StartAsync();
        await WriteAsync(app, "Probe", 2);
        var genuine = await app.AsSystemAsync(sp => sp.GetRequiredService<AuditCheckpoints>().WriteAsync());
        var c = genuine!.Checkpoint;
        // A checkpoint that claims more than was signed, and one signed with a key that is not the installation's.
        var claimed = c with { Sequence = c.Sequence + 100 };
        File.WriteAllText(Path.Combine(app.CheckpointDirectory, "audit-checkpoint-999999999999-forged.json"), claimed.ToJson());
        var stranger = Sm2.GenerateKeyPair();
        var foreign = c with { Signature = Convert.ToBase64String(Sm2.Sign(stranger.Private, AuditCheckpoint.SignedText(c.Sequence, c.Mac, c.Time))) };
        File.WriteAllText(Path.Combine(app.CheckpointDirectory, "audit-checkpoint-000000000001-foreign.json"), foreign.ToJson());
        var v = await VerifyAsync(app);
        Assert.Equal(2, v.Findings.Count);
        Assert.All(v.Findings, f => Assert.Equal(AuditFindingKind.CheckpointForged, f.Kind));
        Assert.Contains(v.Findings, f => f.Message.Contains("audit-checkpoint-999999999999-forged.json", StringComparison.Ordinal));
        Assert.Contains(v.Findings, f => f.Message.Contains("audit-checkpoint-000000000001-foreign.json", StringComparison.Ordinal));
        Assert.Equal(1, v.Checkpoints);
    }

    [Fact]
    public async Task Entries_written_before_the_chain_are_sealed_in_id_order_by_migrate()
    {
        await using var app = await StartAsync();
        var last = (await ChainAsync(app))[^1];
        await SqlAsync(app, """
            INSERT INTO "AuditEntries" ("OccurredAt", "Action", "ObjectType", "Result") VALUES ('2026-01-02 03:04:05.1234567+00', 'Legacy', 'Probe', 'Success');
            INSERT INTO "AuditEntries" ("OccurredAt", "Action", "ObjectType", "Result") VALUES ('2026-01-01 03:04:05+00', 'Legacy', 'Probe', 'Success');
            """);
        var unsealed = await VerifyAsync(app);
        Assert.Contains(unsealed.Findings, f => f.Kind == AuditFindingKind.Unsealed);
        // As `migrate` does, with the append-only trigger in force on PostgreSQL.
        await app.AsSystemAsync(sp => DatabaseSetup.MigrateAsync(sp));
        var legacy = (await ChainAsync(app)).Where(e => e.Action == "Legacy").ToList();
        Assert.Equal([last.Sequence + 1, last.Sequence + 2], legacy.Select(e => e.Sequence));
        Assert.True(legacy[0].Id < legacy[1].Id);
        var v = await VerifyAsync(app);
        Assert.True(v.Intact, string.Join("; ", v.Findings.Select(f => f.Message)));
    }
}

[Collection("postgres")]
public sealed class PostgresAuditChainTests() : AuditChainTests(DatabaseProviderKind.Postgres);

public sealed class SqliteAuditChainTests() : AuditChainTests(DatabaseProviderKind.Sqlite);

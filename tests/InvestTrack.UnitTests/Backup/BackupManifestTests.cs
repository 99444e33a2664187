using InvestTrack.Features.Backup;

namespace InvestTrack.UnitTests.Backup;

/// <summary>The manifest beside a backup: written and read back whole; anything the drill could not rely on is refused, saying what.</summary>
public sealed class BackupManifestTests
{
    private static BackupManifest Sample() => new()
    {
        CreatedAt = new DateTimeOffset(2026, 12, 6, 13, 0, 0, TimeSpan.Zero),
        Database = "investtrack",
        ServerVersion = "15.8",
        File = "investtrack-20261206.backup",
        Bytes = 123456,
        Sha256 = new string('a', 64),
        Encryption = "SM4-GCM",
        AuditSequence = 42,
        AuditMac = "00ff",
        Tables = [new("AuditEntries", 42), new("Projects", 7), new("quartz.qrtz_locks", 0)],
    };

    [Fact]
    public void Reads_back_what_it_wrote()
    {
        var manifest = Sample();
        var read = BackupManifest.Parse(manifest.ToJson());
        Assert.Equal(manifest with { Tables = read.Tables }, read);
        Assert.Equal(manifest.Tables, read.Tables);
        Assert.Contains("\"format\": \"investtrack-backup\"", manifest.ToJson(), StringComparison.Ordinal);
        Assert.Equal("/backups/a.backup.manifest.json", BackupManifest.PathFor("/backups/a.backup"));
    }

    [Theory]
    [InlineData("not json", "清单无法读取")]
    [InlineData("{}", "清单无法读取")]
    [InlineData("null", "不是备份清单")]
    public void Text_that_is_not_a_manifest_is_refused(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<BackupManifest.Unreadable>(() => BackupManifest.Parse(json)).Message, StringComparison.Ordinal);

    [Fact]
    public void Another_format_a_later_version_a_missing_checksum_or_bad_counts_are_refused()
    {
        var cases = new (BackupManifest Manifest, string Expected)[]
        {
            (Sample() with { Format = "something-else" }, "not a backup manifest"),
            (Sample() with { Version = 2 }, "version 2 is not supported"),
            (Sample() with { Sha256 = "abc" }, "no SHA-256"),
            (Sample() with { Tables = [] }, "no row counts"),
            (Sample() with { Tables = [new("Projects", -1)] }, "below zero"),
            (Sample() with { Tables = [new("Projects", 1), new("Projects", 2)] }, "names table Projects twice"),
        };
        foreach (var (manifest, expected) in cases)
            Assert.Contains(expected, Assert.Throws<BackupManifest.Unreadable>(() => BackupManifest.Parse(manifest.ToJson())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_missing_or_added_in_the_restored_copy_is_a_difference()
    {
        var results = RestoreDrill.Compare([new("A", 1), new("B", 2)], [new("A", 1), new("C", 0)]).ToList();
        Assert.Equal([new("A", 1, 1), new("B", 2, null), new("C", null, 0)], results);
        Assert.Equal([true, false, false], results.Select(r => r.Matches));
    }
}

using InvestTrack.Data;
using InvestTrack.Features.Audit;
using Microsoft.Extensions.Configuration;

namespace InvestTrack.UnitTests.Audit;

public sealed class AuditChainFormatTests
{
    /// <summary>A field added to AuditEntry without being covered by the MAC could be changed unseen: the list must grow with it.</summary>
    [Fact]
    public void The_mac_covers_every_field_of_an_entry_but_its_storage_key_and_the_mac_itself()
    {
        var fields = typeof(AuditEntry).GetProperties().Select(p => p.Name).Except(["Id", "Mac"]).Order(StringComparer.Ordinal);
        Assert.Equal(fields, AuditChain.CoveredFields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_covered_field_changes_the_mac_and_so_does_the_previous_mac()
    {
        var key = new byte[32];
        AuditEntry Entry() => new()
        {
            Sequence = 7, OccurredAt = new DateTimeOffset(2026, 12, 6, 1, 2, 3, TimeSpan.Zero), UserId = "u", UserName = "n", Role = "r", UnitId = 3,
            Address = "a", Action = "Create", ObjectType = "Project", ObjectId = "1", OldValues = "{}", NewValues = "{\"Name\":\"x\"}", Result = "Success", TraceId = "t",
        };
        var mac = AuditChain.ComputeMac(key, Entry(), AuditChain.Genesis);
        Action<AuditEntry>[] changes =
        [
            e => e.Sequence = 8, e => e.OccurredAt = e.OccurredAt.AddTicks(10), e => e.UserId = null, e => e.UserName = "m", e => e.Role = null,
            e => e.UnitId = null, e => e.Address = "", e => e.Action = "Update", e => e.ObjectType = "Lead", e => e.ObjectId = "2",
            e => e.OldValues = null, e => e.NewValues = "{}", e => e.Result = "Refused", e => e.TraceId = null,
        ];
        Assert.Equal(AuditChain.CoveredFields.Count, changes.Length);
        foreach (var change in changes)
        {
            var changed = Entry();
            change(changed);
            Assert.NotEqual(mac, AuditChain.ComputeMac(key, changed, AuditChain.Genesis));
        }
        Assert.NotEqual(mac, AuditChain.ComputeMac(key, Entry(), new string('0', 64)));
        // Field boundaries are part of the form: moving text from one field to the next is a change.
        var shifted = Entry();
        (shifted.UserId, shifted.UserName) = ("un", "");
        var unshifted = Entry();
        (unshifted.UserId, unshifted.UserName) = ("u", "n");
        Assert.NotEqual(AuditChain.ComputeMac(key, shifted, AuditChain.Genesis), AuditChain.ComputeMac(key, unshifted, AuditChain.Genesis));
    }

    [Fact]
    public void A_moment_is_sealed_as_postgresql_keeps_it()
    {
        var moment = new DateTimeOffset(2026, 12, 6, 9, 8, 7, TimeSpan.FromHours(8)).AddTicks(1234567);
        var normalised = AuditChain.Normalise(moment);
        Assert.Equal(TimeSpan.Zero, normalised.Offset);
        Assert.Equal(0, normalised.Ticks % 10);
        Assert.Equal(moment.UtcDateTime.AddTicks(-7), normalised.UtcDateTime);
    }

    private static DatabaseSettings Sqlite() => new() { Provider = DatabaseProviderKind.Sqlite, ConnectionString = "Data Source=/tmp/x/investtrack.db" };

    [Theory]
    [InlineData("183", "Audit:RetentionDays")]
    [InlineData("0", "Audit:RetentionDays")]
    public void A_retention_under_six_months_is_refused_naming_the_key(string days, string key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Audit:RetentionDays", days)]).Build();
        var e = Assert.Throws<ConfigurationException>(() => AuditSettings.FromConfiguration(configuration, "/srv/app", Sqlite()));
        Assert.Equal(key, e.Key);
        Assert.Contains("184", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_keep_184_days_hourly_checkpoints_beside_the_sqlite_file_and_no_syslog()
    {
        var settings = AuditSettings.FromConfiguration(new ConfigurationBuilder().Build(), "/srv/app", Sqlite());
        Assert.Equal(184, settings.RetentionDays);
        Assert.Equal(TimeSpan.FromHours(1), settings.CheckpointEvery);
        Assert.Equal("/tmp/x/audit-checkpoints", settings.CheckpointDirectory);
        Assert.Null(settings.SyslogHost);
        var bad = new ConfigurationBuilder().AddInMemoryCollection([new("Audit:Syslog:Protocol", "http")]).Build();
        Assert.Equal("Audit:Syslog:Protocol", Assert.Throws<ConfigurationException>(() => AuditSettings.FromConfiguration(bad, "/srv/app", Sqlite())).Key);
    }

    [Fact]
    public void The_syslog_line_is_rfc_5424_with_the_checkpoint_as_its_message()
    {
        var checkpoint = new AuditCheckpoint(42, new string('a', 64), new DateTimeOffset(2026, 12, 6, 1, 2, 3, TimeSpan.Zero), "k", "s");
        Assert.Equal($"<110>1 2026-12-06T01:02:03.000000Z host InvestTrack {Environment.ProcessId} audit-checkpoint - {checkpoint.ToJson()}",
            AuditCheckpoints.SyslogLine(checkpoint, "host"));
        Assert.Equal(checkpoint, AuditCheckpoint.Parse(checkpoint.ToJson()));
        Assert.Null(AuditCheckpoint.Parse("{\"format\":\"other\"}"));
        Assert.Null(AuditCheckpoint.Parse("not json"));
    }
}

using InvestTrack.Data;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace InvestTrack.UnitTests;

/// <summary>docs/security.md 24: TLS to a PostgreSQL on another machine, VerifyFull unless the string says otherwise; plaintext refused.</summary>
public sealed class PostgresTransportTests
{
    private static SslMode ModeOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).SslMode;

    [Theory]
    [InlineData("Host=db.investtrack.gov.cn;Database=it")]
    [InlineData("Host=10.0.4.12;Port=5432;Database=it")]
    [InlineData("Host=db1,db2:5433;Database=it")]
    public void A_remote_database_without_a_mode_gets_verify_full(string connectionString) =>
        Assert.Equal(SslMode.VerifyFull, ModeOf(PostgresTransport.Secure(connectionString, "ConnectionStrings:InvestTrack", development: false, allowPlaintext: false)));

    [Theory]
    [InlineData("Host=db.investtrack.gov.cn;SSL Mode=Disable")]
    [InlineData("Host=10.0.4.12;SslMode=Prefer")]
    [InlineData("Host=127.0.0.1,10.0.4.12;sslmode=allow")]
    public void Plaintext_to_a_remote_database_stops_start_up_naming_the_key(string connectionString)
    {
        var refused = Assert.Throws<ConfigurationException>(() => PostgresTransport.Secure(connectionString, "ConnectionStrings:InvestTrackRead", false, false));
        Assert.Equal("ConnectionStrings:InvestTrackRead", refused.Key);
        Assert.Contains("Database:AllowPlaintext", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db.investtrack.gov.cn;SSL Mode=VerifyCA", SslMode.VerifyCA)]
    [InlineData("Host=db.investtrack.gov.cn;SSL Mode=Require", SslMode.Require)]
    public void A_named_encrypted_mode_is_kept(string connectionString, SslMode mode) =>
        Assert.Equal(mode, ModeOf(PostgresTransport.Secure(connectionString, "k", false, false)));

    [Theory]
    [InlineData("Host=127.0.0.1;Port=5432")]
    [InlineData("Host=localhost")]
    [InlineData("Host=::1")]
    [InlineData("Host=[::1]:5433")]
    [InlineData("Host=/var/run/postgresql")]
    public void A_database_on_this_machine_keeps_what_the_string_says(string connectionString) =>
        Assert.Equal(SslMode.Prefer, ModeOf(PostgresTransport.Secure(connectionString, "k", false, false)));

    [Fact]
    public void Development_and_a_written_allowance_keep_plaintext()
    {
        Assert.Equal(SslMode.Disable, ModeOf(PostgresTransport.Secure("Host=10.0.4.12;SSL Mode=Disable", "k", development: true, allowPlaintext: false)));
        Assert.Equal(SslMode.Disable, ModeOf(PostgresTransport.Secure("Host=10.0.4.12;SSL Mode=Disable", "k", development: false, allowPlaintext: true)));
        Assert.Equal(SslMode.Prefer, ModeOf(PostgresTransport.Secure("Host=10.0.4.12", "k", development: true, allowPlaintext: false)));
    }

    [Fact]
    public void The_settings_secure_the_primary_and_the_replica()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:InvestTrack"] = "Host=10.0.4.12;Database=it",
            ["ConnectionStrings:InvestTrackRead"] = "Host=10.0.4.13;Database=it",
        }).Build();
        var settings = DatabaseSettings.FromConfiguration(configuration, "/tmp", development: false);
        Assert.Equal(SslMode.VerifyFull, ModeOf(settings.ConnectionString));
        Assert.Equal(SslMode.VerifyFull, ModeOf(settings.ReadConnectionString!));
    }
}

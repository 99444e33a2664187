using InvestTrack.Data;

namespace InvestTrack.Features.Audit;

/// <summary>
/// The tamper-evidence and retention settings of the trail (README, Configuration): where signed checkpoints are
/// written (outside the database), how often the job writes one, the optional remote syslog that gets a copy, and how
/// long entries are kept before `audit purge` may remove them.
/// </summary>
public sealed class AuditSettings
{
    /// <summary>Six months, as the Cybersecurity Law (网络安全法 art. 21) asks of network logs: the least allowed.</summary>
    public const int MinimumRetentionDays = 184;

    public required string CheckpointDirectory { get; init; }
    public TimeSpan CheckpointEvery { get; init; } = TimeSpan.FromMinutes(60);
    public string? SyslogHost { get; init; }
    public int SyslogPort { get; init; } = 514;
    public bool SyslogTcp { get; init; }
    public int RetentionDays { get; init; } = MinimumRetentionDays;

    public static AuditSettings FromConfiguration(IConfiguration configuration, string contentRoot, DatabaseSettings database)
    {
        var configured = configuration["Audit:CheckpointDirectory"];
        var directory = !string.IsNullOrWhiteSpace(configured) ? Path.GetFullPath(Path.Combine(contentRoot, configured))
            : database.Provider == DatabaseProviderKind.Sqlite && SqliteFolder(database.ConnectionString) is { } folder ? Path.Combine(folder, "audit-checkpoints")
            : Path.Combine(contentRoot, "App_Data", "audit-checkpoints");
        var minutes = configuration.GetValue("Audit:CheckpointMinutes", 60);
        if (minutes is < 1 or > 1440) throw new ConfigurationException("Audit:CheckpointMinutes", $"{minutes}, not a number of minutes from 1 to 1440");
        var retention = configuration.GetValue("Audit:RetentionDays", MinimumRetentionDays);
        if (retention < MinimumRetentionDays)
            throw new ConfigurationException("Audit:RetentionDays", $"{retention}, fewer than the {MinimumRetentionDays} days (six months) the trail must be kept");
        var protocol = configuration["Audit:Syslog:Protocol"] ?? "udp";
        if (protocol is not ("udp" or "tcp")) throw new ConfigurationException("Audit:Syslog:Protocol", $"'{protocol}', not udp or tcp");
        var port = configuration.GetValue("Audit:Syslog:Port", 514);
        if (port is < 1 or > 65535) throw new ConfigurationException("Audit:Syslog:Port", $"{port}, not a port number");
        var host = configuration["Audit:Syslog:Host"];
        return new AuditSettings
        {
            CheckpointDirectory = directory,
            CheckpointEvery = TimeSpan.FromMinutes(minutes),
            SyslogHost = string.IsNullOrWhiteSpace(host) ? null : host,
            SyslogPort = port,
            SyslogTcp = protocol == "tcp",
            RetentionDays = retention,
        };
    }

    private static string? SqliteFolder(string connectionString)
    {
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" ? null : Path.GetDirectoryName(Path.GetFullPath(source));
    }
}

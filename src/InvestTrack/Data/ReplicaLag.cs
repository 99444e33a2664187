using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace InvestTrack.Data;

/// <summary>
/// How far the read replica is behind, measured on the replica at most once a second and only while reads ask for
/// it (never on every query). A measurement ages: the lag assumed now is the one measured plus the time since, so a
/// replica that stopped replaying, or that no longer answers, drops out within the bound. Unreachable or
/// unmeasurable counts as too far behind.
/// </summary>
public sealed partial class ReplicaLag(DatabaseSettings settings, ILogger<ReplicaLag> logger) : IDisposable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Seconds behind, on the replica. Everything received and replayed, with the WAL receiver streaming, is 0 (an idle
    /// primary sends nothing, and the last replayed commit would look ever older); otherwise the age of the last
    /// replayed commit. The receiver's status is visible to roles with pg_read_all_stats; without it, a running
    /// receiver counts as streaming. A server that is not in recovery is the primary itself: 0.
    /// </summary>
    private const string Probe = """
        SELECT CASE
            WHEN NOT pg_is_in_recovery() THEN 0
            WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
                 AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status IS NULL OR status = 'streaming') THEN 0
            ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8
        END
        """;

    private sealed record Sample(long At, TimeSpan? Lag);

    private readonly NpgsqlDataSource? _probe = settings.ReadConnectionString is { } read
        ? NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(read) { Timeout = 2, CommandTimeout = 2, ApplicationName = "InvestTrack replica lag" }.ConnectionString)
        : null;
    private Sample? _sample;
    private int _probing;
    private string _state = "unknown";

    /// <summary>Whether reads may go to the replica now; starts a measurement when the last one is older than a second.</summary>
    public bool IsUsable()
    {
        if (_probe is null) return false;
        var sample = Volatile.Read(ref _sample);
        var now = Stopwatch.GetTimestamp();
        if (sample is null || Stopwatch.GetElapsedTime(sample.At, now) >= Refresh) StartProbe();
        return sample is { Lag: { } lag } && lag + Stopwatch.GetElapsedTime(sample.At, now) <= settings.ReplicaMaxLag;
    }

    /// <summary>Measures now and keeps the result (also for tests and start-up checks); null when the replica does not answer.</summary>
    public async Task<TimeSpan?> MeasureAsync(CancellationToken ct = default)
    {
        if (_probe is null) return null;
        var at = Stopwatch.GetTimestamp();
        TimeSpan? lag;
        try
        {
            await using var command = _probe.CreateCommand(Probe);
            lag = await command.ExecuteScalarAsync(ct) is double seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : null;
            Report(lag is { } l && l <= settings.ReplicaMaxLag ? "usable" : "behind",
                lag is { } d ? d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "unknown", null);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            lag = null;
            Report("unreachable", e.Message, e);
        }
        Volatile.Write(ref _sample, new Sample(at, lag));
        return lag;
    }

    /// <summary>A connection to the replica failed: reads go to the primary until a measurement says otherwise.</summary>
    public void MarkUnreachable(Exception e)
    {
        Volatile.Write(ref _sample, new Sample(Stopwatch.GetTimestamp(), null));
        Report("unreachable", e.Message, e);
    }

    private void StartProbe()
    {
        if (Interlocked.CompareExchange(ref _probing, 1, 0) != 0) return;
        _ = Task.Run(async () =>
        {
            try { await MeasureAsync(); }
            finally { Volatile.Write(ref _probing, 0); }
        });
    }

    /// <summary>Logs a change of state only, so that an operator sees when reports left the replica and came back.</summary>
    private void Report(string state, string detail, Exception? error)
    {
        if (Interlocked.Exchange(ref _state, state) == state) return;
        if (state == "usable") LogUsable(logger, detail);
        else LogNotUsed(logger, error, state, detail, settings.ReplicaMaxLag.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "读副本可用 / read replica in use (lag {Lag})")]
    private static partial void LogUsable(ILogger logger, string lag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "读副本未使用，报表读主库 / read replica not used, reports read the primary: {State} ({Detail}; bound {Bound} s)")]
    private static partial void LogNotUsed(ILogger logger, Exception? error, string state, string detail, double bound);

    public void Dispose() => _probe?.Dispose();
}

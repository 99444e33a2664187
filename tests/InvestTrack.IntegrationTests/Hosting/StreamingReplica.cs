using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace InvestTrack.IntegrationTests.Hosting;

/// <summary>
/// A throwaway PostgreSQL primary and its streaming replica on loopback, as an operator sets them up: initdb with
/// scram, a replication entry in pg_hba.conf, `pg_basebackup -R -X stream`, each on a free port; run as the
/// unprivileged postgres user when the tests run as root (as test.sh does). Readiness is polled with a deadline;
/// both servers are stopped and their files removed on dispose, also after a failed start.
/// </summary>
internal sealed class StreamingReplica : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>The newest PostgreSQL's bin folder (Debian's layout), or null when the binaries are missing.</summary>
    public static string? BinDirectory { get; } = FindBinaries();

    private readonly string _root = Directory.CreateTempSubdirectory("investtrack-replica-").FullName;
    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
    private readonly List<string> _running = [];

    public int PrimaryPort { get; private set; }
    public int ReplicaPort { get; private set; }

    private string Primary => Path.Combine(_root, "primary");
    private string Replica => Path.Combine(_root, "replica");

    /// <summary>A superuser's connection string to a server (database postgres unless given).</summary>
    public string Admin(int port, string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = port, Username = "postgres", Password = _password, Database = database, Pooling = false, Timeout = 5,
    }.ConnectionString;

    public static async Task<StreamingReplica> StartAsync()
    {
        var cluster = new StreamingReplica();
        try
        {
            await cluster.SetUpAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task SetUpAsync()
    {
        var passwordFile = Path.Combine(_root, "pwfile");
        await File.WriteAllTextAsync(passwordFile, _password + "\n");
        Directory.CreateDirectory(Path.Combine(_root, "sock"));
        if (Environment.IsPrivilegedProcess) await RunAsync("chown", ["-R", "postgres:", _root], asPostgres: false);

        await RunAsync(Tool("initdb"), ["-D", Primary, "--auth=scram-sha-256", "--username=postgres", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8"]);
        // initdb already allows replication from loopback; written out so that the set-up reads as the README says it.
        await File.AppendAllTextAsync(Path.Combine(Primary, "pg_hba.conf"), "host replication postgres 127.0.0.1/32 scram-sha-256\n");
        PrimaryPort = FreePort();
        await StartServerAsync(Primary, PrimaryPort, "-c wal_level=replica -c max_wal_senders=5");

        await RunAsync(Tool("pg_basebackup"), ["-h", "127.0.0.1", "-p", $"{PrimaryPort}", "-U", "postgres", "-D", Replica, "-R", "-X", "stream"],
            environment: new() { ["PGPASSWORD"] = _password });
        ReplicaPort = FreePort();
        await StartReplicaAsync();
    }

    public async Task StartReplicaAsync()
    {
        await StartServerAsync(Replica, ReplicaPort, "-c hot_standby=on");
        await UntilAsync(async () => await ScalarAsync<string>(ReplicaPort, "SELECT status FROM pg_stat_wal_receiver") == "streaming", "the replica streams");
    }

    public async Task StopReplicaAsync()
    {
        await RunAsync(Tool("pg_ctl"), ["stop", "-D", Replica, "-m", "fast", "-w", "-t", "60"]);
        _running.Remove(Replica);
    }

    /// <summary>Replay paused: the replica keeps receiving WAL but shows nothing newer.</summary>
    public async Task PauseReplayAsync()
    {
        await ScalarAsync<object>(ReplicaPort, "SELECT pg_wal_replay_pause()");
        await UntilAsync(async () => await ScalarAsync<string>(ReplicaPort, "SELECT pg_get_wal_replay_pause_state()") == "paused", "replay pauses");
    }

    public Task ResumeReplayAsync() => ScalarAsync<object>(ReplicaPort, "SELECT pg_wal_replay_resume()");

    /// <summary>Waits until the replica has replayed everything the primary has written so far.</summary>
    public async Task CaughtUpAsync()
    {
        var lsn = await ScalarAsync<string>(PrimaryPort, "SELECT pg_current_wal_lsn()::text");
        await UntilAsync(async () => await ScalarAsync<bool>(ReplicaPort, $"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn"), $"the replica replays up to {lsn}");
    }

    public async Task<T?> ScalarAsync<T>(int port, string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(Admin(port, database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    /// <summary>Polls a condition until it holds, failing with what was awaited after the deadline.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Deadline) throw new TimeoutException($"not within {Deadline.TotalSeconds} s: {what}");
            await Task.Delay(50);
        }
    }

    private async Task StartServerAsync(string data, int port, string settings)
    {
        _running.Add(data);
        await RunAsync(Tool("pg_ctl"), ["start", "-D", data, "-l", data + ".log", "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {Path.Combine(_root, "sock")} -c fsync=off -c full_page_writes=off {settings}"]);
        await UntilAsync(async () => await RunAsync(Tool("pg_isready"), ["-q", "-h", "127.0.0.1", "-p", $"{port}"], check: false) == 0, $"{data} accepts connections");
    }

    private static string Tool(string name) => Path.Combine(BinDirectory ?? throw new InvalidOperationException("PostgreSQL binaries missing"), name);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a program (as postgres when root), returning its exit code; a failure names its output and the server logs.</summary>
    private async Task<int> RunAsync(string file, string[] args, bool asPostgres = true, bool check = true, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(asPostgres && Environment.IsPrivilegedProcess ? "runuser" : file)
        {
            WorkingDirectory = _root, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        if (asPostgres && Environment.IsPrivilegedProcess) foreach (var a in (string[])["-u", "postgres", "--", file]) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? []) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        await process.WaitForExitAsync(timeout.Token);
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}{await error}\n{Logs()}");
        return process.ExitCode;
    }

    private string Logs() => string.Join("\n", new[] { Primary, Replica }.Select(d => d + ".log").Where(File.Exists)
        .Select(f => $"--- {Path.GetFileName(f)}\n{string.Join("\n", File.ReadLines(f).TakeLast(20))}"));

    private static string? FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(d => new[] { "initdb", "pg_ctl", "pg_basebackup", "pg_isready" }.All(t => File.Exists(Path.Combine(d.Dir, t))))
            .OrderByDescending(d => d.Version).Select(d => d.Dir).FirstOrDefault();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var data in Enumerable.Reverse(_running).ToList())
        {
            try { await RunAsync(Tool("pg_ctl"), ["stop", "-D", data, "-m", "immediate", "-w"], check: false); }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception) { }
        }
        try { Directory.Delete(_root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A test that needs the PostgreSQL server binaries; skipped, saying why, only when they are not installed.</summary>
internal sealed class PostgresBinariesFactAttribute : FactAttribute
{
    public PostgresBinariesFactAttribute()
    {
        if (StreamingReplica.BinDirectory is null)
            Skip = "PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup under /usr/lib/postgresql/*/bin) are not installed: apt-get install postgresql (test.sh does)";
    }
}

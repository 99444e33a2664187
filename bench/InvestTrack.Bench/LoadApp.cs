using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace InvestTrack.Bench;

/// <summary>
/// The app under load: the real program (`dotnet InvestTrack.dll`) as a process of its own on a free loopback port, in
/// a scratch directory holding its appsettings.json and log files, killed when the run ends — normally, on an error or on
/// Ctrl-C — and its resident memory read from /proc every 250 ms.
/// </summary>
public sealed partial class LoadApp : IAsyncDisposable
{
    // The runner's own address settings would override the loopback port chosen here.
    private static readonly string[] AddressVariables =
        ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS", "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS", "URLS", "HTTP_PORTS", "HTTPS_PORTS"];

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly TaskCompletionSource<Uri> _banner = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peak;

    public string Directory { get; }
    public int ProcessId => _process.Id;

    private LoadApp(string dll, string connectionString, string directory)
    {
        Directory = directory;
        _process = new Process { StartInfo = StartInfo(dll, connectionString, directory), EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _banner.TrySetException(new InvalidOperationException($"the app exited (code {_process.ExitCode}) before it listened:\n{Tail()}"));
        _sampler = SampleAsync(_stop.Token);
    }

    /// <summary>Starts the app and waits until it has bound its port and answers /healthz.</summary>
    public static async Task<LoadApp> StartAsync(string dll, string connectionString, CancellationToken ct)
    {
        var app = new LoadApp(dll, connectionString, System.IO.Directory.CreateTempSubdirectory("investtrack-load-").FullName);
        app._process.Start();
        // Should this process end without its clean-up (Environment.Exit, an unhandled exception), the app ends too.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => app.Kill();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            app.Address = await app._banner.Task.WaitAsync(TimeSpan.FromSeconds(120), ct);
            using var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
            var health = await http.GetAsync("/healthz", ct);
            if (!health.IsSuccessStatusCode) throw new InvalidOperationException($"/healthz answered {(int)health.StatusCode}:\n{app.Tail()}");
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a verb of the program (e.g. demo-data) against the same database and returns its output.</summary>
    public static async Task<(int ExitCode, string Output)> RunVerbAsync(string dll, string connectionString, CancellationToken ct, params string[] args)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("investtrack-verb-").FullName;
        try
        {
            var start = StartInfo(dll, connectionString, directory);
            foreach (var arg in args) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var errors = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return (process.ExitCode, await output + await errors);
        }
        finally
        {
            try { System.IO.Directory.Delete(directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static ProcessStartInfo StartInfo(string dll, string connectionString, string directory)
    {
        // As a published app has it: appsettings.json beside the working directory, logs written below it.
        File.Copy(Path.Combine(Path.GetDirectoryName(dll)!, "appsettings.json"), Path.Combine(directory, "appsettings.json"), overwrite: true);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var name in start.Environment.Keys.Where(k => AddressVariables.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["ConnectionStrings__InvestTrack"] = connectionString;
        // Every virtual user signs in from 127.0.0.1: the per-address limit (30 in 5 minutes) is raised for this run only.
        start.Environment["Security__SignInAttemptsPerAddress"] = "100000";
        // A bench database on loopback; an operator's certificate, when exported, is used as configured.
        if (!start.Environment.TryGetValue("DataProtection__Certificate__Path", out var certificate) || string.IsNullOrEmpty(certificate))
            start.Environment["DataProtection__AllowUnencryptedKeys"] = "true";
        start.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(directory, "logs", "app-.log");
        return start;
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>The resident set size now (VmRSS), in bytes; 0 once the process is gone.</summary>
    public long Rss()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(Kilobytes().Match(line).Groups[1].Value, CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        return 0;
    }

    /// <summary>The highest resident size sampled since the last call, and a fresh start for the next window.</summary>
    public long TakePeak() => Math.Max(Interlocked.Exchange(ref _peak, 0), Rss());

    private async Task SampleAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (!HasStarted()) continue;
                var rss = Rss();
                long seen;
                do seen = Interlocked.Read(ref _peak);
                while (rss > seen && Interlocked.CompareExchange(ref _peak, rss, seen) != seen);
            }
        }
        catch (OperationCanceledException) { }
    }

    private bool HasStarted()
    {
        try { return _process.Id > 0 && !_process.HasExited; }
        catch (InvalidOperationException) { return false; }
    }

    public string Tail()
    {
        lock (_tail) return string.Join('\n', _tail);
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 60) _tail.Dequeue();
        }
        if (Banner().Match(line) is { Success: true } m)
            _banner.TrySetResult(new Uri(m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]));
    }

    [GeneratedRegex("^InvestTrack 招商项目管理平台: (.*)$")]
    private static partial Regex Banner();

    [GeneratedRegex(@"(\d+)\s*kB")]
    private static partial Regex Kilobytes();

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        Kill();
        try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)); } catch (InvalidOperationException) { } catch (TimeoutException) { }
        _process.Dispose();
        _stop.Dispose();
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace InvestTrack.IntegrationTests.Hosting;

/// <summary>
/// The real program as an operator starts it: its own process in a fresh working directory holding the shipped
/// appsettings.json (as a published app has it beside itself), an SQLite database there unless the test says
/// otherwise, and none of the test runner's address settings.
/// </summary>
internal sealed partial class RealProgram : IAsyncDisposable
{
    private static readonly string[] AddressVariables =
        ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS", "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS", "URLS", "HTTP_PORTS", "HTTPS_PORTS"];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _banner = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Directory { get; }

    private RealProgram(Dictionary<string, string?> environment, string[] args)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("investtrack-real-").FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Path.Combine(Directory, "appsettings.json"));
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "InvestTrack.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys.Where(k => AddressVariables.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__InvestTrack"] = $"Data Source={Path.Combine(Directory, "app.db")}";
        // The demo records are not what these tests look at; the demo logins are still printed.
        start.Environment["Demo__SeedOnFirstStart"] = "false";
        start.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(Directory, "logs", "app-.log");
        foreach (var (key, value) in environment) start.Environment[key] = value;
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _banner.TrySetException(new InvalidOperationException($"the program exited before its banner:\n{Output}"));
    }

    public static RealProgram Start(Dictionary<string, string?> environment, params string[] args)
    {
        var program = new RealProgram(environment, args);
        program._process.Start();
        program._process.BeginOutputReadLine();
        program._process.BeginErrorReadLine();
        return program;
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>The addresses the banner names, once the server listens.</summary>
    public async Task<string[]> BannerAddressesAsync()
    {
        var line = await _banner.Task.WaitAsync(TimeSpan.FromSeconds(120));
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    public async Task<int> ExitCodeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (Banner().Match(line) is { Success: true } m) _banner.TrySetResult(m.Groups[1].Value);
    }

    [GeneratedRegex("^InvestTrack 招商项目管理平台: (.*)$")]
    private static partial Regex Banner();

    /// <summary>A loopback port held open by the test for as long as the listener lives.</summary>
    public static TcpListener Occupy(int port = 0)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

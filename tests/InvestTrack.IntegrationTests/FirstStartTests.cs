using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace InvestTrack.IntegrationTests;

/// <summary>
/// The newcomer's first command, as the real program: a new SQLite database is created, migrated and filled
/// with the demo city, the logins are printed, the app answers on its port, and nothing on the way is an error.
/// </summary>
public sealed class FirstStartTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("investtrack-first-start-").FullName;

    [Fact]
    public async Task A_new_machine_gets_a_migrated_demo_database_the_logins_and_no_errors()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "InvestTrack.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__InvestTrack"] = $"Data Source={Path.Combine(_dir, "first.db")}";
        start.Environment["Serilog__WriteTo__0__Name"] = "Console";
        start.Environment["Serilog__WriteTo__0__Args__outputTemplate"] = "[{Level:u3}] {Message:lj}{NewLine}{Exception}";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var healthy = false;
            for (var waited = 0; waited < 180 && !healthy && !process.HasExited; waited++)
            {
                try { healthy = (await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK; }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                if (!healthy) await Task.Delay(1000);
            }
            string text;
            lock (output) text = output.ToString();
            Assert.True(healthy, text);
            Assert.Contains("demo logins", text);
            Assert.Contains("tiexi      Demo#2026go", text);
            // The demo keeps the default second-factor policy: the administrators and city staff are told they enrol.
            Assert.Contains("admin      Demo#2026go   SystemAdmin · 220300   + 两步验证 authenticator app", text);
            Assert.Contains("add an authenticator app at the first sign-in", text);
            Assert.Contains("招商项目管理平台", await client.GetStringAsync("/account/login"));
            Assert.DoesNotContain("[ERR]", text);
            Assert.DoesNotContain("[FTL]", text);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

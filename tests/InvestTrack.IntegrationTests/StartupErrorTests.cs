using System.Diagnostics;

namespace InvestTrack.IntegrationTests;

/// <summary>The real program, started as a process: bad configuration stops it with a message naming the problem, never a stack trace.</summary>
public class StartupErrorTests
{
    internal static async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string?> environment, params string[] args)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "InvestTrack.dll");
        var workDir = Directory.CreateTempSubdirectory("investtrack-start-").FullName;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(app);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Start from nothing: no appsettings.json in the working directory, only what the test gives.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment.GetValueOrDefault("ASPNETCORE_ENVIRONMENT") ?? "Production";
        start.Environment["Urls"] = "http://127.0.0.1:0";
        // As appsettings.json has it: the console shows messages; stack traces go to the log file only.
        start.Environment["Serilog__WriteTo__0__Name"] = "Console";
        start.Environment["Serilog__WriteTo__0__Args__outputTemplate"] = "[{Level:u3}] {Message:lj}{NewLine}";
        start.Environment["Serilog__MinimumLevel__Override__Microsoft.EntityFrameworkCore.Query"] = "Fatal";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        try { Directory.Delete(workDir, true); } catch (IOException) { }
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task A_missing_provider_is_named()
    {
        var (code, output) = await RunAsync(new() { ["ConnectionStrings__InvestTrack"] = "Data Source=x.db" });
        Assert.Equal(2, code);
        Assert.Contains("Database:Provider", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task A_missing_connection_string_is_named()
    {
        var (code, output) = await RunAsync(new() { ["Database__Provider"] = "Postgres" }, "migrate");
        Assert.Equal(2, code);
        Assert.Contains("ConnectionStrings:InvestTrack", output);
    }

    [Theory]
    [InlineData("Statistics__DispatchThresholdWan", "1000.001", "Statistics:DispatchThresholdWan = 1000.001")]
    [InlineData("Statistics__DispatchTemplate", "{没有的}", "Statistics:DispatchTemplate")]
    [InlineData("Statistics__StartsThresholdWan", "abc", "Statistics:StartsThresholdWan")]
    [InlineData("Security__PasswordMinLength", "abc", "Security:PasswordMinLength")]
    [InlineData("Security__PasswordMaxAgeDays", "-1", "Security:PasswordMaxAgeDays' is -1, not 0 (never expires) or a number of days from 1 to 3650")]
    [InlineData("Security__PasswordMaxAgeDays", "ninety", "Security:PasswordMaxAgeDays")]
    [InlineData("Database__ReplicaMaxLagSeconds", "0", "Database:ReplicaMaxLagSeconds' is 0, not a number of seconds above 0")]
    [InlineData("Database__ReplicaMaxLagSeconds", "abc", "Database:ReplicaMaxLagSeconds")]
    [InlineData("Cache__FiguresSizeLimit", "-1", "Cache:FiguresSizeLimit = -1")]
    [InlineData("Cache__FiguresSizeLimit", "viel", "Cache:FiguresSizeLimit")]
    [InlineData("Security__CircuitCheckSeconds", "0", "Security:CircuitCheckSeconds = 0")]
    [InlineData("Security__CircuitCheckSeconds", "soon", "Security:CircuitCheckSeconds")]
    public async Task A_bad_value_of_a_section_is_named_without_a_stack_trace(string variable, string value, string named)
    {
        var (code, output) = await RunAsync(new()
        {
            ["Database__Provider"] = "Sqlite", ["ConnectionStrings__InvestTrack"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.db")}",
            ["Demo__SeedOnFirstStart"] = "false", [variable] = value,
        });
        Assert.True(code == 2, output);
        Assert.Contains("配置错误 / configuration error", output);
        Assert.Contains(named, output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task An_unknown_provider_is_named()
    {
        var (code, output) = await RunAsync(new() { ["Database__Provider"] = "Oracle", ["ConnectionStrings__InvestTrack"] = "x" });
        Assert.Equal(2, code);
        Assert.Contains("'Oracle' is not Sqlite or Postgres", output);
    }

    [Theory]
    [InlineData]
    [InlineData("migrate")]
    public async Task An_unreachable_postgres_gives_a_clear_message(params string[] args)
    {
        var (code, output) = await RunAsync(new()
        {
            ["Database__Provider"] = "Postgres",
            // Port 9 on loopback: nothing listens, so the connection is refused at once.
            ["ConnectionStrings__InvestTrack"] = "Host=127.0.0.1;Port=9;Username=nobody;Password=x;Timeout=3",
        }, args);
        Assert.Equal(3, code);
        Assert.Contains("数据库不可用 / database unavailable: Postgres", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task An_unknown_verb_lists_the_verbs()
    {
        var (code, output) = await RunAsync([], "frobnicate");
        Assert.Equal(64, code);
        Assert.Contains("migrate", output);
    }
}

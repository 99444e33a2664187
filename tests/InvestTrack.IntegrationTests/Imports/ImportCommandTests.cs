using System.Diagnostics;
using static InvestTrack.IntegrationTests.Imports.ImportTestSupport;

namespace InvestTrack.IntegrationTests.Imports;

/// <summary>`import FILE` through the real program on an SQLite database file: counts and exit 0, or every problem and a non-zero exit.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("investtrack-import-cli-").FullName;

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "InvestTrack.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "zh-CN";
        start.Environment["LANG"] = "zh_CN.UTF-8";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__InvestTrack"] = $"Data Source={Path.Combine(_dir, "cli.db")}";
        start.Environment["Serilog__WriteTo__0__Name"] = "Console";
        start.Environment["Serilog__WriteTo__0__Args__outputTemplate"] = "[{Level:u3}] {Message:lj}{NewLine}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task A_good_ledger_prints_the_counts_and_a_bad_one_every_problem()
    {
        var (migrated, migrateOutput) = await RunAsync("migrate");
        Assert.True(migrated == 0, migrateOutput);

        var good = Path.Combine(_dir, "good.csv");
        await File.WriteAllBytesAsync(good, Ledger(Row("CLI-1"), Row("CLI-2")));
        var (code, output) = await RunAsync("import", good);
        Assert.True(code == 0, output);
        Assert.Contains("rows 2: created 2, updated 0, unchanged 0, companies created 2", output);
        // Output to a log, not a terminal: the progress as plain lines, one per step and tenth, never a redrawn bar.
        Assert.Contains("校验 checking: 2/2 (100%)", output);
        Assert.Contains("写入 writing: 2/2 (100%)", output);
        Assert.DoesNotContain('\r', output);

        var (againCode, again) = await RunAsync("import", good);
        Assert.Equal(0, againCode);
        Assert.Contains("rows 2: created 0, updated 0, unchanged 2, companies created 0", again);
        Assert.DoesNotContain("写入 writing", again);

        // A 到位资金 file of the same projects: the command line runs with the audit right, so 已审核 stays audited.
        var funds = Path.Combine(_dir, "funds.csv");
        await File.WriteAllBytesAsync(funds, Csv(["项目编号", "月份", "到位资金(万元)", "资金来源", "审核状态"],
            ["CLI-1", "2025-04", "120.50", "省外", "已审核"], ["CLI-2", "2025-05", "30", "", "待审核"]));
        var (fundsCode, fundsOutput) = await RunAsync("import", funds);
        Assert.True(fundsCode == 0, fundsOutput);
        Assert.Contains("funds rows 2: created 2, updated 0, unchanged 0, audited 1", fundsOutput);

        var badRow = Row("CLI-3");
        badRow[7] = "-5";
        var otherBad = Row("CLI-4");
        otherBad[5] = "火星区";
        var bad = Path.Combine(_dir, "bad.csv");
        await File.WriteAllBytesAsync(bad, Ledger(Row("CLI-5"), badRow, otherBad));
        var (badCode, badOutput) = await RunAsync("import", bad);
        Assert.Equal(1, badCode);
        Assert.Contains("problem bad.csv!3 计划总投资(万元): 金额不能为负数", badOutput);
        Assert.Contains("problem bad.csv!4 所属单位: 未知单位“火星区”", badOutput);
        Assert.Contains("2 problems; nothing imported", badOutput);
        Assert.DoesNotContain("   at ", badOutput);

        // All or nothing: the good row of the bad file was not written either.
        var (_, recount) = await RunAsync("import", good);
        Assert.Contains("unchanged 2", recount);
        var (_, missing) = await RunAsync("import", Path.Combine(_dir, "nope.csv"));
        Assert.Contains("file not found", missing);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}

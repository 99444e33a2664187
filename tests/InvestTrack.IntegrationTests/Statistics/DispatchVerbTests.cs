using InvestTrack.Tests;
using Microsoft.Data.Sqlite;

namespace InvestTrack.IntegrationTests.Statistics;

/// <summary>`report dispatch` through the real program on a migrated, seeded SQLite database.</summary>
public class DispatchVerbTests
{
    [Fact]
    public async Task Report_dispatch_prints_the_paragraph_in_the_seeds_shape() =>
        // Audited 省外 funds in a year of its own for every demo project of 1000万元 or more, so demo data of other years never interferes.
        await OnSeededDatabaseAsync("""
            INSERT INTO FundsRecords (ProjectId, UnitId, Period, Source, Amount, Status, ReportedAt, Version, AuditedInSource)
            SELECT Id, UnitId, 203103, 1, 1234567, 1, '2031-04-01 00:00:00+00:00', 0, 0 FROM Projects WHERE PlannedInvestment >= 100000
            """, async env =>
        {
            var (code, output) = await StartupErrorTests.RunAsync(env, "report", "dispatch", "--year", "2031", "--month", "8");
            Assert.True(code == 0, output);
            Assert.Matches(@"^1月至8月，全市纳入省调度系统省外1000万元以上有资金到位的项目\d+个，到位资金\d+\.\d{2}亿元。其中，续建项目\d+个，新到到位资金\d+\.\d{2}亿元；新开工项目\d+个，到位资金\d+\.\d{2}亿元。截至8月末，共签约\d+个项目和\d+个战略合作框架协议，合同引资额为\d+\.\d{2}亿元。\r?\n$", output);

            (code, output) = await StartupErrorTests.RunAsync(env, "report", "dispatch", "--year", "2031", "--month", "1", "--unit", "220302");
            Assert.True(code == 0, output);
            Assert.Equal("1月，铁西区暂无纳入省调度系统的省外1000万元以上到位资金数据。", output.Trim());

            (code, output) = await StartupErrorTests.RunAsync(env, "report", "dispatch", "--year", "2031", "--month", "13");
            Assert.Equal(65, code);
            (code, output) = await StartupErrorTests.RunAsync(env, "report", "dispatch", "--year", "2031", "--month", "8", "--unit", "没有的单位");
            Assert.Equal(65, code);
            Assert.Contains("没有这个单位", output);
            (code, _) = await StartupErrorTests.RunAsync(env, "report", "--year", "2031");
            Assert.Equal(64, code);
        });

    /// <summary>The paragraph in the wording saved in the database.</summary>
    [Fact]
    public async Task Report_dispatch_prints_the_saved_wording() =>
        await OnSeededDatabaseAsync("""
            INSERT INTO FundsRecords (ProjectId, UnitId, Period, Source, Amount, Status, ReportedAt, Version, AuditedInSource)
            SELECT Id, UnitId, 203203, 1, 100000, 1, '2032-04-01 00:00:00+00:00', 0, 0 FROM Projects WHERE PlannedInvestment >= 100000;
            INSERT INTO ReportTemplates (Key, Text, UpdatedBy, UpdatedAt, Version)
            VALUES ('dispatch', '<b>{期间}</b>{范围}共{项目数}个项目。', 'city', '2032-04-02 00:00:00+00:00', 0);
            """, async env =>
        {
            var (code, output) = await StartupErrorTests.RunAsync(env, "report", "dispatch", "--year", "2032", "--month", "3");
            Assert.True(code == 0, output);
            Assert.Matches(@"^<b>1月至3月</b>全市共\d+个项目。\r?\n$", output);
        });

    /// <summary>check-totals: silent agreement (exit 0), a drift named (exit 1), and --repair (exit 0, agreement again).</summary>
    [Fact]
    public async Task Check_totals_finds_a_drift_and_repairs_it() =>
        await OnSeededDatabaseAsync("""
            UPDATE FundsYearTotals SET Through12 = Through12 + 7 WHERE rowid = (SELECT MIN(rowid) FROM FundsYearTotals);
            """, async env =>
        {
            var (code, output) = await StartupErrorTests.RunAsync(env, "check-totals");
            Assert.True(code == 1, output);
            Assert.Matches(@"项目 project #\d+ 单位 unit #\d+: 1–12月 台账 ledger (\d+) / 汇总 totals \d+", output);
            Assert.Contains("1 处不一致 / differences between the funds totals and the ledger", output);
            (code, output) = await StartupErrorTests.RunAsync(env, "check-totals", "--repair");
            Assert.True(code == 0, output);
            Assert.Contains("已重建 / rebuilt: the totals match the ledger", output);
            (code, output) = await StartupErrorTests.RunAsync(env, "check-totals");
            Assert.True(code == 0, output);
            Assert.Contains("到位资金汇总与台账一致 / the funds totals match the ledger", output);
        });

    /// <summary>
    /// A copy of the tests' SQLite template (migrated and loaded with the demo city; `migrate` and `demo-data` as verbs have
    /// CommandLineTests), plus the rows of <paramref name="sql"/>.
    /// </summary>
    private static async Task OnSeededDatabaseAsync(string sql, Func<Dictionary<string, string?>, Task> check)
    {
        var dir = Directory.CreateTempSubdirectory("investtrack-report-").FullName;
        var file = Path.Combine(dir, "report.db");
        TestApp.CopySqliteTemplate(file);
        var env = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Database__Provider"] = "Sqlite", ["ConnectionStrings__InvestTrack"] = $"Data Source={file}",
            ["Security__KeyDirectory"] = TestApp.TestKeyDirectory,
        };
        try
        {
            await using (var db = new SqliteConnection($"Data Source={file}"))
            {
                await db.OpenAsync();
                await using var insert = db.CreateCommand();
                insert.CommandText = sql;
                Assert.True(await insert.ExecuteNonQueryAsync() > 0);
            }
            SqliteConnection.ClearAllPools();
            await check(env);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}

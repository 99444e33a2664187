using Microsoft.Data.Sqlite;

namespace InvestTrack.IntegrationTests.Statistics;

/// <summary>`report dispatch` prints the paragraph in the wording saved in the database, through the real program.</summary>
public class DispatchVerbTemplateTests
{
    [Fact]
    public async Task Report_dispatch_prints_the_saved_wording()
    {
        var dir = Directory.CreateTempSubdirectory("investtrack-report-template-").FullName;
        var file = Path.Combine(dir, "report.db");
        var env = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Database__Provider"] = "Sqlite", ["ConnectionStrings__InvestTrack"] = $"Data Source={file}",
        };
        try
        {
            var (code, output) = await StartupErrorTests.RunAsync(env, "migrate");
            Assert.True(code == 0, output);
            (code, output) = await StartupErrorTests.RunAsync(env, "demo-data");
            Assert.True(code == 0, output);
            await using (var db = new SqliteConnection($"Data Source={file}"))
            {
                await db.OpenAsync();
                await using var insert = db.CreateCommand();
                insert.CommandText = """
                    INSERT INTO FundsRecords (ProjectId, UnitId, Period, Source, Amount, Status, ReportedAt, Version)
                    SELECT Id, UnitId, 203203, 1, 100000, 1, '2032-04-01 00:00:00+00:00', 0 FROM Projects WHERE PlannedInvestment >= 100000;
                    INSERT INTO ReportTemplates (Key, Text, UpdatedBy, UpdatedAt, Version)
                    VALUES ('dispatch', '<b>{期间}</b>{范围}共{项目数}个项目。', 'city', '2032-04-02 00:00:00+00:00', 0);
                    """;
                Assert.True(await insert.ExecuteNonQueryAsync() > 0);
            }
            SqliteConnection.ClearAllPools();

            (code, output) = await StartupErrorTests.RunAsync(env, "report", "dispatch", "--year", "2032", "--month", "3");
            Assert.True(code == 0, output);
            Assert.Matches(@"^<b>1月至3月</b>全市共\d+个项目。\r?\n$", output);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}

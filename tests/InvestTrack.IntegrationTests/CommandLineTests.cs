namespace InvestTrack.IntegrationTests;

/// <summary>The operations verbs through the real program, in Development (which validates every service).</summary>
public class CommandLineTests
{
    private static Dictionary<string, string?> Sqlite(string file) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Database__Provider"] = "Sqlite",
        ["ConnectionStrings__InvestTrack"] = $"Data Source={file}",
    };

    [Fact]
    public async Task Migrate_then_generate_then_demo_data()
    {
        var dir = Directory.CreateTempSubdirectory("investtrack-cli-").FullName;
        var env = Sqlite(Path.Combine(dir, "cli.db"));
        try
        {
            var (code, output) = await StartupErrorTests.RunAsync(env, "migrate");
            Assert.True(code == 0, output);
            Assert.Contains("reference data loaded", output);
            Assert.Matches(@"system admin created: admin / \S{12,}", output);

            (code, output) = await StartupErrorTests.RunAsync(env, "generate", "--projects", "500", "--seed", "11");
            Assert.True(code == 0, output);
            Assert.Contains("generated 500 projects, 100 companies, 0 funds records and 125 activities", output);
            Assert.Contains("项目 projects: 0/500 (0%)", output);
            Assert.Contains("项目 projects: 500/500 (100%)", output);
            Assert.Matches(@"generated 750 leads \(\d+ converted into projects\)", output);
            await AssertLeadsAsync(Path.Combine(dir, "cli.db"), seed: 11);

            (code, output) = await StartupErrorTests.RunAsync(env, "generate", "--projects", "500", "--funds", "3000", "--activities", "40", "--seed", "12");
            Assert.True(code == 0, output);
            Assert.Contains("generated 500 projects, 100 companies, 3000 funds records and 40 activities", output);
            // The synthetic activities are counted like any other (SQLite: row by row, with their destinations and counterparts).
            (code, output) = await StartupErrorTests.RunAsync(env, "report", "activities", "--year", DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--from", "1", "--to", "12");
            Assert.True(code == 0, output);
            Assert.Contains("全市", output);
            await AssertFundsAsync(Path.Combine(dir, "cli.db"), seed: 12, expected: 3000);

            (code, output) = await StartupErrorTests.RunAsync(env, "generate", "--projects", "5", "--funds", "many", "--seed", "13");
            Assert.Equal(64, code);

            (code, output) = await StartupErrorTests.RunAsync(env, "generate", "--projects", "5", "--seed", "11");
            Assert.Equal(1, code);
            Assert.Contains("already generated", output);

            (code, output) = await StartupErrorTests.RunAsync(env, "generate");
            Assert.Equal(64, code);

            (code, output) = await StartupErrorTests.RunAsync(env, "demo-data");
            Assert.True(code == 0, output);
            Assert.Contains("lishu", output);
            Assert.Contains("one-time password", output);

            // The ten-day warnings of a past 旬; a 旬 that is not one, or has not ended, is refused with a message.
            (code, output) = await StartupErrorTests.RunAsync(env, "warnings", "run", "--xun", "2026-11-3");
            Assert.True(code == 0, output);
            Assert.Matches(@"2026年11月下旬 \(2026-11-3\): 红色 red \d+, 黄色 yellow \d+, 绿色 green \d+", output);
            (code, output) = await StartupErrorTests.RunAsync(env, "warnings", "run", "--xun", "2026-13-1");
            Assert.Equal(64, code);
            Assert.Contains("不是旬", output);
            (code, output) = await StartupErrorTests.RunAsync(env, "warnings", "run", "--xun", "2099-01-1");
            Assert.Equal(65, code);
            Assert.Contains("2099年1月上旬尚未结束", output);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The funds really landed: the count, on signed projects of that seed only, never before signing nor in the future.</summary>
    /// <summary>Each converted synthetic lead and its project name each other; none of another unit or company.</summary>
    private static async Task AssertLeadsAsync(string file, int seed)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT COUNT(*), SUM(CASE WHEN p."LeadId" = l."Id" AND p."UnitId" = l."UnitId" AND p."CompanyId" = l."CompanyId" THEN 1 ELSE 0 END),
                   (SELECT COUNT(*) FROM "Projects" WHERE "LeadId" IS NOT NULL AND "Code" LIKE 'S{seed}-%')
            FROM "Leads" l JOIN "Projects" p ON p."Id" = l."ProjectId" WHERE p."Code" LIKE 'S{seed}-%'
            """;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var (converted, linked, back) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        Assert.True(converted > 100, $"{converted} converted");
        Assert.Equal((converted, converted), (linked, back));
    }

    private static async Task AssertFundsAsync(string file, int seed, int expected)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        command.CommandText = $"""
            SELECT COUNT(*),
                   SUM(CASE WHEN p."Code" LIKE 'S{seed}-%' AND p."SignedOn" IS NOT NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN f."Period" < CAST(strftime('%Y%m', p."SignedOn") AS INTEGER) THEN 1 ELSE 0 END),
                   SUM(CASE WHEN f."Period" > {now.Year * 100 + now.Month} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN f."Status" = 1 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN f."UnitId" <> p."UnitId" THEN 1 ELSE 0 END)
            FROM "FundsRecords" f JOIN "Projects" p ON p."Id" = f."ProjectId"
            """;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(expected, reader.GetInt64(0));
        Assert.Equal(expected, reader.GetInt64(1));
        Assert.Equal(0, reader.GetInt64(2));
        Assert.Equal(0, reader.GetInt64(3));
        Assert.Equal(0, reader.GetInt64(5));
        // About 85% audited.
        Assert.InRange(reader.GetInt64(4), expected * 80 / 100, expected * 90 / 100);
    }
}

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
            Assert.Contains("generated 500 projects and 100 companies", output);

            (code, output) = await StartupErrorTests.RunAsync(env, "generate", "--projects", "5", "--seed", "11");
            Assert.Equal(1, code);
            Assert.Contains("already generated", output);

            (code, output) = await StartupErrorTests.RunAsync(env, "generate");
            Assert.Equal(64, code);

            (code, output) = await StartupErrorTests.RunAsync(env, "demo-data");
            Assert.True(code == 0, output);
            Assert.Contains("lishu", output);
            Assert.Contains("one-time password", output);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}

using static InvestTrack.IntegrationTests.Imports.ImportTestSupport;

namespace InvestTrack.IntegrationTests.Activities;

/// <summary>`import FILE` of a 活动 sheet and `report activities` through the real program on an SQLite file.</summary>
public sealed class ActivityVerbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("investtrack-activities-cli-").FullName;

    private Dictionary<string, string?> Env => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Database__Provider"] = "Sqlite",
        ["ConnectionStrings__InvestTrack"] = $"Data Source={Path.Combine(_dir, "cli.db")}",
    };

    [Fact]
    public async Task Report_activities_prints_the_sentence_and_names_bad_arguments()
    {
        var (code, output) = await StartupErrorTests.RunAsync(Env, "migrate");
        Assert.True(code == 0, output);
        var file = Path.Combine(_dir, "活动.csv");
        await File.WriteAllBytesAsync(file, Csv(ActivityStatisticsTests.Header,
            ["CLI-1", "走出去", "2030-03-08", "", "四平市", "郭灵计", "市级", "安徽省芜湖市；北京市", "企业:奇瑞汽车", "", "2"],
            ["CLI-2", "请进来", "2030-04-02", "", "铁西区", "", "县级", "", "企业:新德集团；企业:中购集团", "1", ""]));
        (code, output) = await StartupErrorTests.RunAsync(Env, "import", file);
        Assert.True(code == 0, output);
        Assert.Contains("activity rows 2: created 2, updated 0, unchanged 0", output);

        (code, output) = await StartupErrorTests.RunAsync(Env, "report", "activities", "--year", "2030", "--from", "1", "--to", "4");
        Assert.True(code == 0, output);
        Assert.Equal("1月至4月，全市开展'走出去'活动1次，赴2个地区2个城市考察，对接1家企业，初步达成2个合作意向。" +
            "同时，开展'请进来'活动1次，有2家企业、团体来四平考察，共举办1场座谈会。", output.Trim());
        (code, output) = await StartupErrorTests.RunAsync(Env, "report", "activities", "--year", "2030", "--from", "1", "--to", "4", "--leader-level", "县级", "--unit", "铁西区");
        Assert.True(code == 0, output);
        Assert.StartsWith("1月至4月，铁西区开展'走出去'活动0次", output.Trim());
        (code, output) = await StartupErrorTests.RunAsync(Env, "report", "activities", "--year", "2030", "--from", "5", "--to", "6");
        Assert.Equal((0, "2030年5月至6月，全市没有登记'走出去'或'请进来'活动。"), (code, output.Trim()));

        (code, output) = await StartupErrorTests.RunAsync(Env, "report", "activities", "--year", "2030", "--from", "5", "--to", "2");
        Assert.Equal(65, code);
        Assert.Contains("月份无效", output);
        (code, output) = await StartupErrorTests.RunAsync(Env, "report", "activities", "--year", "2030", "--to", "2", "--leader-level", "省级");
        Assert.Equal(65, code);
        Assert.Contains("领导层级", output);
        (code, _) = await StartupErrorTests.RunAsync(Env, "report", "activities", "--year", "2030");
        Assert.Equal(64, code);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

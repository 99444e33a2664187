using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Features.Activities;
using InvestTrack.Features.Imports;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Imports.ImportTestSupport;

namespace InvestTrack.IntegrationTests.Activities;

/// <summary>
/// The activity figures of statistics.md against hand-computed ledgers, imported through the 活动 sheet, on both
/// providers. Each test uses a year of its own, so the tests sharing one app never see each other's activities.
/// </summary>
public abstract class ActivityStatisticsTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    public static readonly string[] Header =
        ["活动编号", "类型", "开始日期", "结束日期", "组织单位", "带队领导", "领导层级", "目的地", "对接对象", "座谈会(场)", "达成合作意向(个)"];

    private static string Code(string name) => $"{name}-{Guid.NewGuid():N}"[..24];

    private async Task ImportAsync(params string[][] rows)
    {
        var result = await App.CommitAsync("city", Csv([Header, .. rows]), "活动.csv");
        Assert.True(result.Ok, string.Join("; ", result.Problems.Select(ImportText.Line)));
    }

    private Task<ActivityReportResult> ReportAsync(string user, int year, int from, int to, int? unit = null, LeaderLevel? level = null) =>
        App.AsUserAsync(user, async sp =>
        {
            var (report, error) = await sp.GetRequiredService<ActivityReport>().ComputeAsync(year, from, to, unit, level);
            return report ?? throw new InvalidOperationException(error.ToString());
        });

    /// <summary>
    /// Duplicates across activities count once, a municipality is a 地区 and a 城市, 香港 a 地区 only, a province alone no
    /// city, a type with no counterparts is left out, 政府 is not among the four types, an activity starting in the period
    /// and ending after it counts, one starting after it does not; then the level and unit filters.
    /// </summary>
    [Fact]
    public async Task The_counting_rules_hold_against_a_hand_computed_ledger()
    {
        await ImportAsync(
            [Code("A1"), "走出去", "2031-01-10", "2031-01-12", "铁西区", "陈德明 市长", "市级", "北京市；山东省济南市", "企业:甲公司；商协会:重庆市吉林商会；政府:济南市人民政府", "1", "2"],
            [Code("A2"), "走出去", "2031-02-05", "", "梨树县", "", "县级", "北京；山东省青岛市；香港", "企业:甲公司；企业:乙公司；高校:吉林大学", "", "3"],
            [Code("A3"), "走出去", "2031-03-28", "2031-04-03", "铁西区", "", "市级", "湖南省", "", "", "0"],
            [Code("A4"), "走出去", "2031-04-01", "", "铁西区", "", "市级", "广东省广州市", "企业:丙公司", "", "9"],
            [Code("A5"), "请进来", "2031-01-20", "", "铁西区", "", "市级", "", "企业:甲公司；商协会:省青年企业家协会", "2", ""],
            [Code("A6"), "请进来", "2031-03-02", "", "梨树县", "", "部门", "", "企业:甲公司；企业:丁公司", "1", ""]);

        var all = await ReportAsync("city", 2031, 1, 3);
        Assert.Equal("1月至3月，全市开展'走出去'活动3次，赴4个地区3个城市考察，对接2家企业、1个商协会、1所高校，初步达成5个合作意向。" +
            "同时，开展'请进来'活动2次，有3家企业、团体来四平考察，共举办3场座谈会。", all.Sentence);
        // The records behind the distinct counts: each place or organisation with the activities it came from.
        Assert.Equal(["北京市", "山东省", "湖南省", "香港特别行政区"], all.Records.Regions.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["北京市", "山东省济南市", "山东省青岛市"], all.Records.Cities.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, Assert.Single(all.Records.Companies, c => c.Name == "甲公司").Activities.Count);
        Assert.Equal(3, all.Records.Outbound.Count);
        Assert.Equal(5, all.Records.Outbound.Sum(a => a.Intentions));
        Assert.Equal(3, all.Records.Visitors.Count);

        var city = await ReportAsync("city", 2031, 1, 3, level: LeaderLevel.City);
        Assert.Equal("1月至3月，全市开展'走出去'活动2次，赴3个地区2个城市考察，对接1家企业、1个商协会，初步达成2个合作意向。" +
            "同时，开展'请进来'活动1次，有2家企业、团体来四平考察，共举办2场座谈会。", city.Sentence);

        var lishu = await App.UnitIdAsync("220322");
        var unit = await ReportAsync("city", 2031, 1, 3, unit: lishu);
        Assert.Equal("1月至3月，梨树县开展'走出去'活动1次，赴3个地区2个城市考察，对接2家企业、1所高校，初步达成3个合作意向。" +
            "同时，开展'请进来'活动1次，有2家企业、团体来四平考察，共举办1场座谈会。", unit.Sentence);
        // A unit user reads the own unit without choosing it.
        Assert.Equal(unit.Sentence, (await ReportAsync("lishu", 2031, 1, 3)).Sentence);

        var april = await ReportAsync("city", 2031, 4, 4);
        Assert.Equal("4月，全市开展'走出去'活动1次，赴1个地区1个城市考察，对接1家企业，初步达成9个合作意向。" +
            "同时，开展'请进来'活动0次，有0家企业、团体来四平考察，共举办0场座谈会。", april.Sentence);
        Assert.Equal("2031年5月至6月，全市没有登记'走出去'或'请进来'活动。", (await ReportAsync("city", 2031, 5, 6)).Sentence);
    }

    /// <summary>The seeds' own sentence (003: 截至8月末 …) from a ledger built by hand with duplicates across activities.</summary>
    [Fact]
    public async Task The_seeds_sentence_comes_out_of_its_ledger()
    {
        string[] municipalities = ["北京市", "天津市", "上海市", "重庆市"];
        string[] cities =
        [
            "湖南省长沙市", "湖南省株洲市", "山东省济南市", "山东省青岛市", "山东省烟台市", "广东省广州市", "广东省深圳市", "安徽省芜湖市", "安徽省合肥市",
            "江苏省无锡市", "江苏省南京市", "浙江省杭州市", "四川省成都市", "河南省郑州市", "湖北省随州市", "湖北省武汉市", "辽宁省沈阳市", "辽宁省大连市",
        ];
        string[] places = [.. municipalities, .. cities]; // 14 地区, 22 城市
        var rows = new List<string[]>();
        for (var i = 0; i < 24; i++)
        {
            var destinations = string.Join('；', places[i % 22], places[(i + 5) % 22]);
            var counterparts = new List<string> { "企业:中国兵器工业集团" };
            counterparts.AddRange(Enumerable.Range(1, 52).Where(j => j % 24 == i).Select(j => $"企业:企业{j:00}"));
            if (i is 0 or 1) counterparts.Add("商协会:重庆市吉林商会");
            if (i == 2) counterparts.Add("商协会:金华企业商会");
            if (i is 3 or 4) counterparts.Add("高校:吉林大学");
            if (i is >= 5 and <= 12) counterparts.Add($"产业园区:园区{i - 4}");
            if (i == 13) counterparts.Add("产业园区:园区1");
            if (i == 14) counterparts.Add("政府:芜湖市人民政府");
            rows.Add([Code("SEED-OUT"), "走出去", $"2032-{1 + (i % 8):00}-{1 + i:00}", "", "四平市", "郭灵计 市委书记", "市级", destinations,
                string.Join('；', counterparts), "", i < 17 ? "2" : "1"]);
        }
        for (var i = 0; i < 11; i++)
        {
            var visitors = new List<string> { "企业:广东睿氢新能源有限公司" };
            visitors.AddRange(Enumerable.Range(1, 23).Where(j => j % 11 == i).Select(j => j <= 20 ? $"企业:来访企业{j:00}" : $"商协会:来访协会{j}"));
            rows.Add([Code("SEED-IN"), "请进来", $"2032-{1 + (i % 8):00}-{10 + i:00}", "", "四平市", "", "市级", "", string.Join('；', visitors),
                i == 0 ? "2" : "1", ""]);
        }
        await ImportAsync([.. rows]);
        var report = await ReportAsync("city", 2032, 1, 8);
        Assert.Equal("1月至8月，全市开展'走出去'活动24次，赴14个地区22个城市考察，对接53家企业、2个商协会、1所高校、8个产业园区，初步达成41个合作意向。" +
            "同时，开展'请进来'活动11次，有24家企业、团体来四平考察，共举办12场座谈会。", report.Sentence);
    }

    /// <summary>The API answers figures, sentence and records; bad months are named; a foreign unit is 404; the CLI-style level word works.</summary>
    [Fact]
    public async Task The_api_answers_the_report_and_refuses_bad_arguments()
    {
        await ImportAsync([Code("API"), "走出去", "2033-02-01", "", "铁西区", "", "县级", "北京市", "产业园区:中关村", "", "4"]);
        using var city = await App.SignInAsync("city");
        var answer = await city.GetFromJsonAsync<JsonElement>("/api/reports/activities?year=2033&from=1&to=2&leaderLevel=县级");
        Assert.Equal("1月至2月，全市开展'走出去'活动1次，赴1个地区1个城市考察，对接1个产业园区，初步达成4个合作意向。" +
            "同时，开展'请进来'活动0次，有0家企业、团体来四平考察，共举办0场座谈会。", answer.GetProperty("sentence").GetString());
        Assert.Equal(1, answer.GetProperty("figures").GetProperty("parks").GetInt32());
        Assert.Equal("中关村", answer.GetProperty("records").GetProperty("parks")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await city.GetAsync("/api/reports/activities?year=2033&from=3&to=2")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await city.GetAsync("/api/reports/activities?year=2033&from=1&to=2&leaderLevel=省级")).StatusCode);

        using var tiexi = await App.SignInAsync("tiexi");
        var lishu = await App.UnitIdAsync("220322");
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync($"/api/reports/activities?year=2033&from=1&to=2&unit={lishu}")).StatusCode);
        var own = await tiexi.GetFromJsonAsync<JsonElement>("/api/reports/activities?year=2033&from=1&to=2");
        Assert.StartsWith("1月至2月，铁西区开展'走出去'活动1次", own.GetProperty("sentence").GetString());
    }
}

public sealed class PostgresActivityStatisticsTests(PostgresFixture fixture) : ActivityStatisticsTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteActivityStatisticsTests(SqliteFixture fixture) : ActivityStatisticsTests(fixture), IClassFixture<SqliteFixture>;

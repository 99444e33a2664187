using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Bulletins;
using InvestTrack.Features.Supervision;
using InvestTrack.Features.Warnings;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.IntegrationTests.SupervisionOrders;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.SupervisionOrders.OrderTestSupport;
using WarningSupport = InvestTrack.IntegrationTests.Warnings.WarningTestSupport;

namespace InvestTrack.IntegrationTests.Bulletins;

/// <summary>
/// The bulletin's 红黄预警 and 督办 sections on both databases, on a clock the test moves: the month's 下旬 run gives the
/// red and yellow lists (the counts are /api/warnings'), an order never answered is listed overdue, one accepted in the
/// month is listed closed on time; the .docx, the preview and the .xlsx agree.
/// </summary>
public abstract class BulletinSupervisionTests(OrderFixture fixture)
{
    private TestApp App => fixture.App;
    private MovableClock Clock => fixture.Clock;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public async Task The_bulletin_lists_the_months_red_and_yellow_warnings_its_overdue_orders_and_the_orders_closed_in_it()
    {
        // A session ends when the clock jumps days ahead: each day signs in anew.
        Clock.SetChinaDate(2036, 3, 2);
        var city = await App.ClientAsync("city");
        var tiexiId = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Code == ProjectTestSupport.Tiexi).Select(u => u.Id).SingleAsync());
        // Signed and not started: 243 days at 31 March (red, over 180), 168 days (yellow, from 150); recent progress on both.
        var red = await WarningSupport.InsertProjectAsync(App, ProjectTestSupport.Tiexi, new DateOnly(2035, 8, 1), null, new DateOnly(2036, 3, 25));
        var yellow = await WarningSupport.InsertProjectAsync(App, ProjectTestSupport.Tiexi, new DateOnly(2035, 10, 15), null, new DateOnly(2036, 3, 25));

        var overdue = await IssueAsync(city, new { unitId = tiexiId, projectId = red, problem = "项目签约后长期未开工", planDueOn = "2036-03-10", fixDueOn = "2036-03-20" });
        var closed = await IssueAsync(city, new { unitId = tiexiId, projectId = yellow, problem = "项目用地手续未办结", planDueOn = "2036-03-08", fixDueOn = "2036-03-25" });
        Clock.SetChinaDate(2036, 3, 6);
        var tiexi = await App.ClientAsync("tiexi");
        Assert.Equal(HttpStatusCode.OK, (await tiexi.PostAsJsonAsync($"/api/orders/{closed}/plan", new { text = "整改方案", version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tiexi.PostAsJsonAsync($"/api/orders/{closed}/answer", new { text = "用地手续已办结", version = 1 })).StatusCode);
        Clock.SetChinaDate(2036, 3, 12);
        city = await App.ClientAsync("city");
        Assert.Equal(HttpStatusCode.OK, (await city.PostAsJsonAsync($"/api/orders/{closed}/accept", new { version = 2 })).StatusCode);
        var overdueCode = (await GetAsync(city, overdue)).GetProperty("code").GetString()!;
        var closedCode = (await GetAsync(city, closed)).GetProperty("code").GetString()!;

        Clock.SetChinaDate(2036, 4, 1);
        city = await App.ClientAsync("city");
        await WarningSupport.RunAsync(city, "2036-03-3");
        // The lists are /api/warnings' in unit order, at most 100 per colour (the test city's other projects are red too).
        var reds = (await city.GetFromJsonAsync<WarningPage>("/api/warnings?xun=2036-03-3&colour=Red&sort=Unit&pageSize=100", Web))!;
        var yellows = (await city.GetFromJsonAsync<WarningPage>("/api/warnings?xun=2036-03-3&colour=Yellow&sort=Unit&pageSize=100", Web))!;
        Assert.True(reds.Total > 100, $"{reds.Total}");
        Assert.Equal(WarningColour.Red, (await WarningSupport.WarningAsync(city, "2036-03-3", red))!.Shown);
        var yellowRow = yellows.Rows.Single(r => r.Kind == WarningKind.Project && r.SubjectId == yellow);
        static List<string> Line(WarningRow r) => [r.UnitName, r.SubjectName, string.Join("；", r.Rules.Where(x => x.Colour != WarningColour.Green).Select(x => x.Sentence))];

        var draft = await city.PostAsync("/api/bulletins/2036/3/draft", null);
        Assert.True(draft.IsSuccessStatusCode, await draft.Content.ReadAsStringAsync());
        var (paragraphs, tables, _) = BulletinTests.Read(await city.GetByteArrayAsync("/api/bulletins/2036/3/bulletin.docx"));

        Assert.Contains($"2036年3月下旬预警：红色预警{reds.Total}项，黄色预警{yellows.Total}项。", paragraphs);
        Assert.Contains($"红色预警（{reds.Total}项，列出前100项，其余见系统旬预警清单）：", paragraphs);
        Assert.Contains($"黄色预警（{yellows.Total}项）：", paragraphs);
        var warningTables = tables.Where(t => t[0].SequenceEqual(["单位", "预警对象", "预警事项"])).ToList();
        Assert.Equal(2, warningTables.Count);
        Assert.Equal(reds.Rows.Select(Line).ToList(), warningTables[0].Skip(1).ToList());
        Assert.Equal(yellows.Rows.Select(Line).ToList(), warningTables[1].Skip(1).ToList());
        var yellowLine = warningTables[1].Single(r => r[1] == yellowRow.SubjectName);
        Assert.Contains("168", yellowLine[2]);

        Assert.Contains("截至月末逾期督办事项1项：", paragraphs);
        var overdueTable = tables.Single(t => t[0].SequenceEqual(["督办单号", "单位", "问题", "整改时限", "状态"]));
        Assert.Equal([overdueCode, yellowRow.UnitName, "项目签约后长期未开工", "2036-03-20", "已下发，逾期22天"], overdueTable[1]);
        Assert.Contains("本月办结督办事项1项，其中按期办结1项：", paragraphs);
        var closedTable = tables.Single(t => t[0].SequenceEqual(["督办单号", "单位", "问题", "整改时限", "办结日期", "情况"]));
        Assert.Equal([closedCode, yellowRow.UnitName, "项目用地手续未办结", "2036-03-25", "2036-03-12", "按期办结"], closedTable[1]);

        // The preview says the same; the workbook has the two order sheets.
        var page = await city.GetStringAsync("/bulletins/2036/3");
        Assert.Contains("本月办结督办事项1项，其中按期办结1项：", page);
        Assert.Contains(closedCode, page);
        var xlsx = await city.GetByteArrayAsync("/api/bulletins/2036/3/bulletin.xlsx");
        var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(new MemoryStream(xlsx));
        Assert.Contains("逾期督办", sheets);
        Assert.Contains("本月办结督办", sheets);
        var closedRows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true, sheetName: "本月办结督办").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(closedCode, Assert.Single(closedRows)["督办单号"]);

        // In English the bulletin is still the Chinese document.
        var english = await App.ClientAsync("city");
        english.DefaultRequestHeaders.AcceptLanguage.Clear();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var again = (await (await english.PostAsync("/api/bulletins/2036/3/draft", null)).Content.ReadFromJsonAsync<BulletinView>(Web))!;
        Assert.Equal(yellowLine[2], again.Content.Supervision!.Warnings.Single(w => w.Project == yellowRow.SubjectName).Sentence);
    }
}

[Collection("postgres")]
public sealed class PostgresBulletinSupervisionTests(PostgresOrderFixture fixture) : BulletinSupervisionTests(fixture), IClassFixture<PostgresOrderFixture>;

public sealed class SqliteBulletinSupervisionTests(SqliteOrderFixture fixture) : BulletinSupervisionTests(fixture), IClassFixture<SqliteOrderFixture>;

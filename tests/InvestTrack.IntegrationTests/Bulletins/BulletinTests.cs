using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using InvestTrack.Data;
using InvestTrack.Features.Assessment;
using InvestTrack.Features.Bulletins;
using InvestTrack.Features.Jobs;
using InvestTrack.Features.Leads;
using InvestTrack.Features.Statistics;
using InvestTrack.Features.Supervision;
using InvestTrack.Features.Targets;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Assessment;
using InvestTrack.Kernel;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace InvestTrack.IntegrationTests.Bulletins;

/// <summary>
/// 月通报 over HTTP on both databases: the .docx opened with OpenXml and checked against the dispatch report, the targets
/// and the ranking; its charts; publication freezes the bytes; drafts for city staff only; the first-working-day job;
/// bad input. Each test uses a year of its own.
/// </summary>
public abstract class BulletinTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<HttpClient> ClientAsync(string userName)
    {
        var client = await App.SignInAsync(userName);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return client;
    }

    private static async Task<BulletinView> ViewAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BulletinView>(Json))!;
    }

    internal static (List<string> Paragraphs, List<List<List<string>>> Tables, List<byte[]> Images) Read(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        var tables = body.Elements<Table>().Select(t => t.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList()).ToList();
        var images = doc.MainDocumentPart.ImageParts.Select(p =>
        {
            using var s = p.GetStream();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        }).ToList();
        return (paragraphs, tables, images);
    }

    [Fact]
    public async Task A_bulletin_holds_the_dispatch_paragraph_the_targets_and_the_ranking_and_once_published_never_changes()
    {
        const int year = 2012;
        var city = await ClientAsync("city");
        var tiexi = await ClientAsync("tiexi");
        var seed = await AssessmentSeed.NewAsync(App, 2);
        var (a, b) = (seed.Units[0], seed.Units[1]);
        await seed.TargetAsync(a.Id, year, TargetIndicator.Funds, 1_000_000); // 1亿元
        await seed.TargetAsync(b.Id, year, TargetIndicator.Funds, 2_000_000);
        await seed.FundsAsync(a.Id, year, 2, 5000m);
        await seed.FundsAsync(a.Id, year, 5, 3000m); // A: 0.80亿元 of 1.00
        await seed.FundsAsync(b.Id, year, 3, 4000m); // B: 0.40亿元 of 2.00
        await seed.FundsAsync(b.Id, year, 7, 9999m); // after June: not counted
        var draftScheme = await city.PostAsJsonAsync("/api/assessment/schemes", new SchemeCreateForm(year, new SchemeConfig([new(AssessmentIndicators.Funds, 100)], [])), Json);
        var scheme = (await draftScheme.Content.ReadFromJsonAsync<SchemeView>(Json))!;
        Assert.Equal(HttpStatusCode.OK, (await city.PostAsJsonAsync($"/api/assessment/schemes/{scheme.Id}/publish", new PublishForm(scheme.Version), Json)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await city.PostAsync($"/api/assessment/rankings/{year}/6/publish", null)).StatusCode);

        var draft = await ViewAsync(await city.PostAsync($"/api/bulletins/{year}/6/draft", null));
        Assert.Equal(BulletinState.Draft, draft.Summary.State);
        // No warning run and no order in that year: the two sections say so (BulletinSupervisionTests fills them).
        var none = draft.Content.Supervision!;
        Assert.Equal((null, 0, 0, 0, 0, 0), (none.XunLabel, none.RedCount, none.YellowCount, none.Warnings.Count, none.Orders.Count, none.Closed.Count));
        Assert.Contains("本月尚无旬预警结果。", await city.GetStringAsync($"/bulletins/{year}/6"));

        // Drafts are for city staff: a unit user neither reads nor downloads one, nor sees it listed.
        Assert.Equal(HttpStatusCode.Forbidden, (await tiexi.GetAsync($"/api/bulletins/{year}/6")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tiexi.GetAsync($"/api/bulletins/{year}/6/bulletin.docx")).StatusCode);
        Assert.DoesNotContain((await tiexi.GetFromJsonAsync<List<BulletinSummary>>($"/api/bulletins?year={year}", Json))!, x => x.Month == 6);
        Assert.Equal(HttpStatusCode.Forbidden, (await tiexi.PostAsync($"/api/bulletins/{year}/6/draft", null)).StatusCode);

        var prefaced = await ViewAsync(await city.PutAsJsonAsync($"/api/bulletins/{year}/6/preface", new BulletinPrefaceForm("上半年各地招商引资工作总体平稳。", draft.Summary.Version), Json));
        var (paragraphs, tables, images) = Read(await city.GetByteArrayAsync($"/api/bulletins/{year}/6/bulletin.docx"));
        Assert.Equal("四平市招商局", paragraphs[0]);
        Assert.Equal("（草稿，发布时编号）", paragraphs[1]);
        Assert.Contains($"{year}年1-6月全市招商引资工作情况通报", paragraphs);
        Assert.Contains($"（统计期间：{year}年1月1日至6月30日）", paragraphs);
        Assert.Contains("编者按：上半年各地招商引资工作总体平稳。", paragraphs);
        var dispatch = (await city.GetFromJsonAsync<DispatchReportResult>($"/api/reports/dispatch?year={year}&month=6", Json))!;
        Assert.Contains(dispatch.Paragraph, paragraphs);
        Assert.StartsWith("1月至6月，全市纳入省调度系统省外1000万元以上有资金到位的项目3个，到位资金1.20亿元", dispatch.Paragraph);
        Assert.Contains("本月尚无旬预警结果。", paragraphs);
        Assert.Contains("截至月末无逾期督办事项。", paragraphs);
        Assert.Contains("本月无办结的督办事项。", paragraphs);

        // The funds table: each unit's figures are the targets module's (/api/targets and its progress).
        var grid = (await city.GetFromJsonAsync<JsonElement>($"/api/targets/{year}", Json));
        var targetA = grid.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("unitId").ValueKind == JsonValueKind.Number && r.GetProperty("unitId").GetInt32() == a.Id)
            .GetProperty("cells").GetProperty("Funds").GetProperty("value").GetInt64();
        var progress = await App.AsSystemAsync(sp => sp.GetRequiredService<TargetService>().ProgressAsync(year, 6));
        var fundsA = progress.Single(r => r.UnitId == a.Id).Items.Single(i => i.Indicator == TargetIndicator.Funds);
        var funds = tables[0];
        Assert.Equal(["单位", "完成", "年度目标", "完成率", "序时进度"], funds[0]);
        Assert.Equal([a.Name, Money.FormatYi(fundsA.Actual), Money.FormatYi(targetA), "80.00%", "50.00%"], funds.Single(r => r[0] == a.Name));
        Assert.Equal([b.Name, "0.40", "2.00", "20.00%", "50.00%"], funds.Single(r => r[0] == b.Name));
        Assert.Equal("全市", funds[1][0]);

        // The ranking table is the assessment's published ranking.
        var ranking = (await city.GetFromJsonAsync<RankingView>($"/api/assessment/rankings/{year}/6", Json))!;
        var rankingTable = tables.Single(t => t[0].SequenceEqual(["排名", "单位", "得分"]));
        Assert.Equal(ranking.Rows.Select(r => new List<string> { r.Rank?.ToString() ?? "—", r.UnitName, r.RoundedTotal?.ToString("0.00") ?? "—" }).ToList(), rankingTable.Skip(1).ToList());
        Assert.Equal([a.Name, b.Name], rankingTable.Skip(1).Take(2).Select(r => r[1]));

        // Two charts, valid PNGs.
        Assert.Equal(2, images.Count);
        foreach (var png in images)
        {
            Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png.Take(8));
            using var bitmap = SKBitmap.Decode(png);
            Assert.Equal((BulletinCharts.Width, BulletinCharts.Height), (bitmap.Width, bitmap.Height));
        }

        // Published: numbered in the year of publication, then frozen.
        var published = await ViewAsync(await city.PostAsJsonAsync($"/api/bulletins/{year}/6/publish", new BulletinPublishForm(prefaced.Summary.Version), Json));
        var today = ChinaTime.Today(TimeProvider.System);
        Assert.Matches(new Regex($"^四招通〔{today.Year}〕\\d+号$"), published.Summary.Number!);
        Assert.Equal("city", published.Summary.PublishedBy);
        var docx = await city.GetByteArrayAsync($"/api/bulletins/{year}/6/bulletin.docx");
        var xlsx = await city.GetByteArrayAsync($"/api/bulletins/{year}/6/bulletin.xlsx");
        Assert.Equal(published.Summary.Number, Read(docx).Paragraphs[1]);

        await seed.FundsAsync(a.Id, year, 4, 7777m);
        await seed.TargetAsync(b.Id, year, TargetIndicator.Funds, 100);
        Assert.Equal(docx, await city.GetByteArrayAsync($"/api/bulletins/{year}/6/bulletin.docx"));
        Assert.Equal(xlsx, await tiexi.GetByteArrayAsync($"/api/bulletins/{year}/6/bulletin.xlsx"));
        Assert.Equal(docx, await tiexi.GetByteArrayAsync($"/api/bulletins/{year}/6/bulletin.docx"));
        Assert.Contains((await tiexi.GetFromJsonAsync<List<BulletinSummary>>($"/api/bulletins?year={year}", Json))!, x => x.Month == 6 && x.Number == published.Summary.Number);
        Assert.Equal(HttpStatusCode.Conflict, (await city.PostAsync($"/api/bulletins/{year}/6/draft", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await city.PutAsJsonAsync($"/api/bulletins/{year}/6/preface", new BulletinPrefaceForm("改", published.Summary.Version), Json)).StatusCode);
        var again = await city.PostAsJsonAsync($"/api/bulletins/{year}/6/publish", new BulletinPublishForm(published.Summary.Version), Json);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("已发布", await again.Content.ReadAsStringAsync());

        var sheets = XlsxProbe.Read(xlsx);
        var fundsSheet = sheets.Single(s => s.Name == "到位资金");
        Assert.Equal(0.8m, fundsSheet.Rows.Single(r => r[0]?.Value == a.Name)[1]!.Number);
        Assert.Contains(sheets, s => s.Name == "考核排名");
        var audit = await App.AuditOfAsync(nameof(Bulletin), $"{year}-06");
        Assert.Contains(audit, e => e.Action == "Publish" && e.UserName == "city");
        Assert.Contains(audit, e => e.Action == "Download" && e.UserName == "tiexi");
    }

    [Fact]
    public async Task Bad_months_and_years_are_refused_with_a_message_and_nothing_is_written()
    {
        var city = await ClientAsync("city");
        var next = ChinaTime.Today(TimeProvider.System).AddMonths(1);
        foreach (var (path, text) in new[]
                 {
                     ("/api/bulletins/2014/13/draft", "年份或月份无效"),
                     ("/api/bulletins/1999/5/draft", "年份或月份无效"),
                     ($"/api/bulletins/{next.Year}/{next.Month}/draft", "尚未结束"),
                 })
        {
            var response = await city.PostAsync(path, null);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(text, await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await city.GetAsync("/api/bulletins/2014/13")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync("/api/bulletins/2014/5")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync("/api/bulletins/2014/5/bulletin.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await city.PostAsJsonAsync("/api/bulletins/2014/5/publish", new BulletinPublishForm(1), Json)).StatusCode);
        var count = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Bulletins.CountAsync(b => b.Year == 2014 || b.Year == 1999 || b.Month == 13));
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task The_job_drafts_the_previous_month_on_the_first_working_day_only_with_holidays_and_make_up_days()
    {
        const int year = 2013;
        // 1–3 May off (劳动节), Saturday 4 May a make-up working day (调休): the month's first working day.
        await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.HolidayDates.AddRange(
                new HolidayDate { Date = new DateOnly(year, 5, 1), Kind = HolidayKind.DayOff, Name = "劳动节" },
                new HolidayDate { Date = new DateOnly(year, 5, 2), Kind = HolidayKind.DayOff, Name = "劳动节" },
                new HolidayDate { Date = new DateOnly(year, 5, 3), Kind = HolidayKind.DayOff, Name = "劳动节" },
                new HolidayDate { Date = new DateOnly(year, 5, 4), Kind = HolidayKind.Workday, Name = "劳动节" });
            return await db.SaveChangesAsync();
        });
        Task<string> RunOn(DateOnly day) => App.AsSystemAsync(sp => sp.GetRequiredService<BulletinService>().DraftOnFirstWorkingDayAsync(day));
        Task<List<(int Month, BulletinState State)>> BulletinsAsync() => App.AsSystemAsync(async sp =>
            (await sp.GetRequiredService<AppDbContext>().Bulletins.AsNoTracking().Where(b => b.Year == year).Select(b => new { b.Month, b.State }).ToListAsync())
            .Select(b => (b.Month, b.State)).ToList());

        Assert.Contains("不是本月第一个工作日", await RunOn(new DateOnly(year, 5, 2)));
        Assert.Empty(await BulletinsAsync());
        Assert.Contains("已生成2013年4月通报草稿", await RunOn(new DateOnly(year, 5, 4)));
        Assert.Equal([(4, BulletinState.Draft)], await BulletinsAsync());
        Assert.Contains("不是本月第一个工作日", await RunOn(new DateOnly(year, 5, 6)));
        Assert.Contains("已存在", await RunOn(new DateOnly(year, 5, 4)));
        // Without holidays: Monday 1 July is the first working day; Tuesday 2 July is not.
        Assert.Contains("不是本月第一个工作日", await RunOn(new DateOnly(year, 7, 2)));
        Assert.Contains("已生成2013年6月通报草稿", await RunOn(new DateOnly(year, 7, 1)));
        Assert.Equal([(4, BulletinState.Draft), (6, BulletinState.Draft)], (await BulletinsAsync()).OrderBy(b => b.Month).ToList());
        // The job is scheduled every day at 07:30 China time.
        var job = App.Services.GetServices<JobDefinition>().Single(j => j.Key == BulletinDraftJob.Key);
        Assert.Equal((typeof(BulletinDraftJob), new TimeOnly(7, 30)), (job.JobType, job.DailyAt));
    }
}

[Collection("postgres")]
public sealed class PostgresBulletinTests(PostgresFixture fixture) : BulletinTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteBulletinTests(SqliteFixture fixture) : BulletinTests(fixture), IClassFixture<SqliteFixture>;

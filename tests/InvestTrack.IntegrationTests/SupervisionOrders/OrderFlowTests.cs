using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Assessment;
using InvestTrack.Features.Statistics;
using InvestTrack.Features.SupervisionOrders;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static InvestTrack.IntegrationTests.SupervisionOrders.OrderTestSupport;

namespace InvestTrack.IntegrationTests.SupervisionOrders;

/// <summary>
/// 督办单 over HTTP on both databases: the whole flow with history and audit, numbering per year (and under concurrent
/// issues), deadline rules with nothing written, unit scoping of reads, writes, exports and attachments, escalation on a
/// fixed clock (once), the big screen, the bulletin records and the assessment rate.
/// </summary>
public abstract class OrderFlowTests(OrderFixture fixture)
{
    private TestApp App => fixture.App;
    private MovableClock Clock => fixture.Clock;

    [Fact]
    public async Task An_order_goes_from_issue_through_a_returned_plan_to_acceptance_with_history_and_audit()
    {
        Clock.SetChinaDate(2026, 6, 15);
        var project = await App.CreateProjectAsync("tiexi", ProjectTestSupport.Tiexi);
        using var city = await App.ClientAsync("city");
        using var tiexi = await App.ClientAsync("tiexi");
        var id = await IssueAsync(city, new
        {
            unitId = project.UnitId, projectId = project.Id, problem = "项目开工节点滞后30天", planDueOn = "2026-06-20", fixDueOn = "2026-06-30",
            source = "2026年6月中旬预警·节点滞后",
        });
        var order = await GetAsync(tiexi, id);
        Assert.Matches(@"^督〔2026〕\d+号$", order.GetProperty("code").GetString());
        Assert.Equal("Issued", order.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("sourceWarning").ValueKind); // by hand (OrderFromWarningTests: from a warning)
        Assert.True(order.GetProperty("actions").GetProperty("submitPlan").GetBoolean());
        Assert.False(order.GetProperty("actions").GetProperty("accept").GetBoolean());

        // The unit may not accept its own order, nor issue one; the city may not be refused its part.
        Assert.Equal(HttpStatusCode.Forbidden, (await tiexi.PostAsJsonAsync($"/api/orders/{id}/accept", new { version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tiexi.PostAsJsonAsync("/api/orders", new { unitId = project.UnitId, problem = "x" })).StatusCode);
        // Accepting before an answer: refused with the state named, nothing changed.
        var early = await city.PostAsJsonAsync($"/api/orders/{id}/accept", new { version = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("已下发", await early.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await tiexi.PostAsJsonAsync($"/api/orders/{id}/plan", new { text = "第一版整改方案", version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await tiexi.PostAsJsonAsync($"/api/orders/{id}/answer", new { text = "旧版本", version = 0 })).StatusCode);
        var noReason = await city.PostAsJsonAsync($"/api/orders/{id}/return", new { reason = " ", version = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("退回须写明理由。", (await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Reason")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await city.PostAsJsonAsync($"/api/orders/{id}/return", new { reason = "方案缺少时间表", version = 1 })).StatusCode);
        order = await GetAsync(tiexi, id);
        Assert.Equal("Issued", order.GetProperty("status").GetString());
        Assert.Equal("方案缺少时间表", order.GetProperty("returnReason").GetString());

        Assert.Equal(HttpStatusCode.OK, (await tiexi.PostAsJsonAsync($"/api/orders/{id}/plan", new { text = "第二版整改方案，含时间表", version = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tiexi.PostAsJsonAsync($"/api/orders/{id}/answer", new { text = "已整改到位", version = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await city.PostAsJsonAsync($"/api/orders/{id}/accept", new { version = 4 })).StatusCode);

        order = await GetAsync(city, id);
        Assert.Equal("Accepted", order.GetProperty("status").GetString());
        Assert.Equal("2026-06-15", order.GetProperty("closedOn").GetString());
        Assert.Equal("第二版整改方案，含时间表", order.GetProperty("planText").GetString());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("returnReason").ValueKind);
        Assert.Equal(["Issued", "PlanSubmitted", "PlanReturned", "PlanSubmitted", "AnswerSubmitted", "Accepted"],
            order.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()!).ToArray());
        Assert.Equal(["city", "tiexi", "city", "tiexi", "tiexi", "city"],
            order.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("by").GetString()!).ToArray());
        Assert.Equal("方案缺少时间表", order.GetProperty("history")[2].GetProperty("text").GetString());

        var audit = await App.AuditOfAsync(nameof(SupervisionOrder), id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var actions = audit.Select(e => e.Action).ToList();
        foreach (var action in new[] { "IssueOrder", "OrderPlanSubmitted", "OrderPlanReturned", "OrderAnswerSubmitted", "OrderAccepted" })
            Assert.Contains(action, actions);
        Assert.Contains(audit, e => e.Action == "OrderAccepted" && e.UserName == "city");
        // Every change of the order itself is audited with its old and new values too.
        Assert.True(audit.Count(e => e.Action == "Update") >= 5, string.Join(",", actions));

        // The pages render for both sides.
        Assert.Contains("第二版整改方案", await tiexi.GetStringAsync($"/orders/{id}"));
        Assert.Equal(HttpStatusCode.OK, (await tiexi.GetAsync("/orders")).StatusCode);
        Assert.Contains("下发督办单", await city.GetStringAsync($"/orders/new?project={project.Id}"));
        // The project's page lists its orders; city staff get the prefilled form from there.
        var code = order.GetProperty("code").GetString()!;
        Assert.Contains($"{code}（已办结）", await tiexi.GetStringAsync($"/projects/{project.Id}"));
        Assert.Contains($"/orders/new?project={project.Id}", await city.GetStringAsync($"/projects/{project.Id}"));
        Assert.DoesNotContain("/orders/new?project=", await tiexi.GetStringAsync($"/projects/{project.Id}"));
    }

    [Fact]
    public async Task Deadlines_in_the_past_or_reversed_and_bad_text_are_refused_and_nothing_is_written()
    {
        Clock.SetChinaDate(2026, 6, 15);
        using var city = await App.ClientAsync("city");
        var tiexi = await App.UnitIdAsync(ProjectTestSupport.Tiexi);
        var lishuProject = await App.CreateProjectAsync("lishu", ProjectTestSupport.Lishu);
        var before = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().SupervisionOrders.CountAsync());
        var next = (await city.GetFromJsonAsync<JsonElement>("/api/orders/next-number")).GetProperty("number").GetInt32();

        async Task<JsonElement> RefusedAsync(object form)
        {
            var response = await city.PostAsJsonAsync("/api/orders", form);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        }

        var errors = await RefusedAsync(new { unitId = tiexi, problem = "问题", planDueOn = "2026-06-14", fixDueOn = "2026-06-30" });
        Assert.Equal("“整改方案时限”不能早于今天（2026年6月15日）。", errors.GetProperty("PlanDueOn")[0].GetString());
        errors = await RefusedAsync(new { unitId = tiexi, problem = "问题", planDueOn = "2026-06-20", fixDueOn = "2026-06-01" });
        Assert.Equal("“整改完成时限”不能早于今天（2026年6月15日）。", errors.GetProperty("FixDueOn")[0].GetString());
        Assert.Equal("整改方案时限不能晚于整改完成时限。", errors.GetProperty("PlanDueOn")[0].GetString());
        errors = await RefusedAsync(new { unitId = tiexi, problem = "问题", planDueOn = "2026-07-20", fixDueOn = "2026-07-01" });
        Assert.Equal("整改方案时限不能晚于整改完成时限。", errors.GetProperty("PlanDueOn")[0].GetString());
        errors = await RefusedAsync(new { unitId = tiexi, problem = "", planDueOn = "2026-06-20", fixDueOn = "2026-07-01" });
        Assert.Equal("请填写“督办问题”。", errors.GetProperty("Problem")[0].GetString());
        errors = await RefusedAsync(new { unitId = tiexi, problem = new string('长', 2001), planDueOn = "2026-06-20", fixDueOn = "2026-07-01" });
        Assert.Equal("“督办问题”不能超过 2000 个字。", errors.GetProperty("Problem")[0].GetString());
        errors = await RefusedAsync(new { unitId = tiexi, projectId = lishuProject.Id, problem = "问题", planDueOn = "2026-06-20", fixDueOn = "2026-07-01" });
        Assert.Equal("所选项目不属于该责任单位。", errors.GetProperty("ProjectId")[0].GetString());
        errors = await RefusedAsync(new { problem = "问题" });
        Assert.Equal("请选择责任单位。", errors.GetProperty("UnitId")[0].GetString());
        Assert.Equal("请填写整改方案时限。", errors.GetProperty("PlanDueOn")[0].GetString());

        Assert.Equal(before, await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().SupervisionOrders.CountAsync()));
        Assert.Equal(next, (await city.GetFromJsonAsync<JsonElement>("/api/orders/next-number")).GetProperty("number").GetInt32());
        // Today itself is allowed: a deadline is the last day.
        var id = await IssueAsync(city, new { unitId = tiexi, problem = "当天时限", planDueOn = "2026-06-15", fixDueOn = "2026-06-15" });
        Assert.Equal(OrderNumber.Format(2026, next), (await GetAsync(city, id)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Numbers_run_per_year_and_concurrent_issues_get_distinct_consecutive_numbers()
    {
        var tiexi = await App.UnitIdAsync(ProjectTestSupport.Tiexi);
        // Sessions live on the app's clock: sign in again after each move.
        Clock.SetChinaDate(2032, 12, 31);
        var city = await App.ClientAsync("city");
        var a = await IssueAsync(city, new { unitId = tiexi, problem = "年末", planDueOn = "2032-12-31", fixDueOn = "2033-01-31" });
        var b = await IssueAsync(city, new { unitId = tiexi, problem = "年末二", planDueOn = "2032-12-31", fixDueOn = "2033-01-31" });
        Clock.SetChinaDate(2033, 1, 1);
        city = await App.ClientAsync("city");
        var c = await IssueAsync(city, new { unitId = tiexi, problem = "新年", planDueOn = "2033-01-10", fixDueOn = "2033-01-31" });
        Assert.Equal(["督〔2032〕1号", "督〔2032〕2号", "督〔2033〕1号"],
            [(await GetAsync(city, a)).GetProperty("code").GetString()!, (await GetAsync(city, b)).GetProperty("code").GetString()!,
                (await GetAsync(city, c)).GetProperty("code").GetString()!]);

        Clock.SetChinaDate(2034, 3, 1);
        city = await App.ClientAsync("city");
        using var city2 = await App.ClientAsync("city");
        const int n = 12;
        var ids = await Task.WhenAll(Enumerable.Range(0, n).Select(i =>
            IssueAsync(i % 2 == 0 ? city : city2, new { unitId = tiexi, problem = $"并发{i}", planDueOn = "2034-03-10", fixDueOn = "2034-03-31" })));
        var numbers = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().SupervisionOrders.AsNoTracking()
            .Where(o => ids.Contains(o.Id)).Select(o => new { o.Year, o.Number }).ToListAsync());
        Assert.All(numbers, x => Assert.Equal(2034, x.Year));
        Assert.Equal(Enumerable.Range(1, n), numbers.Select(x => x.Number).Order());
    }

    [Fact]
    public async Task A_unit_sees_lists_exports_and_downloads_only_its_own_orders()
    {
        Clock.SetChinaDate(2026, 6, 15);
        using var city = await App.ClientAsync("city");
        using var tiexi = await App.ClientAsync("tiexi");
        using var lishu = await App.ClientAsync("lishu");
        var tiexiUnit = await App.UnitIdAsync(ProjectTestSupport.Tiexi);
        var lishuUnit = await App.UnitIdAsync(ProjectTestSupport.Lishu);
        var own = await IssueAsync(city, new { unitId = tiexiUnit, problem = "铁西的问题", planDueOn = "2026-06-20", fixDueOn = "2026-06-30" });
        var foreign = await IssueAsync(city, new { unitId = lishuUnit, problem = "梨树的问题", planDueOn = "2026-06-20", fixDueOn = "2026-06-30" });

        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync($"/api/orders/{foreign}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.PostAsJsonAsync($"/api/orders/{foreign}/plan", new { text = "越权", version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync($"/orders/{foreign}")).StatusCode);
        var list = await tiexi.GetFromJsonAsync<JsonElement>("/api/orders?pageSize=500");
        var rows = list.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("id").GetInt32() == own);
        Assert.All(rows, r => Assert.Equal(tiexiUnit, r.GetProperty("unitId").GetInt32()));
        var cityList = await city.GetFromJsonAsync<JsonElement>($"/api/orders?unitId={lishuUnit}&pageSize=500");
        Assert.Contains(cityList.GetProperty("rows").EnumerateArray(), r => r.GetProperty("id").GetInt32() == foreign);

        var xlsx = XlsxProbe.Sheet(await tiexi.GetByteArrayAsync("/api/orders/export.xlsx"));
        Assert.Equal("编号", xlsx.Rows[0][0]!.Value);
        var units = xlsx.Rows.Skip(1).Select(r => r[1]?.Value).ToList();
        Assert.NotEmpty(units);
        Assert.All(units, u => Assert.Equal("铁西区", u));
        Assert.Contains(xlsx.Rows.Skip(1), r => r[3]?.Value == "铁西的问题");

        // Attachments: the real type decides, the unit's own file comes back, another unit cannot fetch it.
        using (var bad = new MultipartFormDataContent { { new ByteArrayContent("MZ not a picture"u8.ToArray()), "file", "方案.png" } })
        {
            var refused = await tiexi.PostAsync($"/api/orders/{own}/attachments", bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        long attachmentId;
        using (var good = new MultipartFormDataContent { { new ByteArrayContent(Png), "file", "整改方案.exe" } })
        {
            var created = await tiexi.PostAsync($"/api/orders/{own}/attachments", good);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            attachmentId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }
        using (var other = new MultipartFormDataContent { { new ByteArrayContent(Png), "file", "x.png" } })
            Assert.Equal(HttpStatusCode.NotFound, (await lishu.PostAsync($"/api/orders/{own}/attachments", other)).StatusCode);
        var detail = await GetAsync(tiexi, own);
        Assert.Equal("整改方案.png", detail.GetProperty("attachments")[0].GetProperty("fileName").GetString());
        Assert.Equal("Plan", detail.GetProperty("attachments")[0].GetProperty("stage").GetString());
        var download = await tiexi.GetAsync($"/api/orders/{own}/attachments/{attachmentId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync($"/api/orders/{own}/attachments/{attachmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.GetAsync($"/api/orders/{own}/attachments/{attachmentId}")).StatusCode);
        Assert.Contains(await App.AuditOfAsync(nameof(OrderAttachment), attachmentId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            e => e.Action == "Download" && e.UserName == "tiexi");
    }

    [Fact]
    public async Task Escalation_marks_an_overdue_order_once_and_the_big_screen_bulletin_and_assessment_see_it()
    {
        // Anything overdue from other tests is escalated first, so that the counts below are this test's own.
        Clock.SetChinaDate(2035, 3, 1);
        await App.AsSystemAsync(sp => OrderEscalationJob.RunOnceAsync(sp, CancellationToken.None));
        // Sessions live on the app's clock: sign in again after each move.
        var city = await App.ClientAsync("city");
        var tiexi = await App.ClientAsync("tiexi");
        var project = await App.CreateProjectAsync("tiexi", ProjectTestSupport.Tiexi);
        var lishuUnit = await App.UnitIdAsync(ProjectTestSupport.Lishu);
        var noPlan = await IssueAsync(city, new { unitId = project.UnitId, projectId = project.Id, problem = "方案逾期未报的督办问题", planDueOn = "2035-03-05", fixDueOn = "2035-03-31" });
        var onTime = await IssueAsync(city, new { unitId = project.UnitId, problem = "按期办结", planDueOn = "2035-03-05", fixDueOn = "2035-03-20" });
        var late = await IssueAsync(city, new { unitId = project.UnitId, problem = "逾期办结", planDueOn = "2035-03-05", fixDueOn = "2035-03-10" });
        var open = await IssueAsync(city, new { unitId = lishuUnit, problem = "梨树未办结", planDueOn = "2035-03-15", fixDueOn = "2035-03-15" });
        foreach (var id in new[] { onTime, late })
        {
            Assert.Equal(HttpStatusCode.OK, (await tiexi.PostAsJsonAsync($"/api/orders/{id}/plan", new { text = "方案", version = 0 })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await tiexi.PostAsJsonAsync($"/api/orders/{id}/answer", new { text = "整改", version = 1 })).StatusCode);
        }
        Clock.SetChinaDate(2035, 3, 8);
        city = await App.ClientAsync("city");
        Assert.Equal(HttpStatusCode.OK, (await city.PostAsJsonAsync($"/api/orders/{onTime}/accept", new { version = 2 })).StatusCode);
        Assert.Equal("1 张督办单超期升级", await App.AsSystemAsync(sp => OrderEscalationJob.RunOnceAsync(sp, CancellationToken.None))); // noPlan (plan due 5th)
        Clock.SetChinaDate(2035, 3, 12);
        city = await App.ClientAsync("city");
        Assert.Equal(HttpStatusCode.OK, (await city.PostAsJsonAsync($"/api/orders/{late}/accept", new { version = 2 })).StatusCode);
        Clock.SetChinaDate(2035, 4, 2);
        (city, tiexi) = (await App.ClientAsync("city"), await App.ClientAsync("tiexi"));
        // open (lishu) is overdue now: plan due 5 March, nothing submitted; noPlan is not escalated twice.
        Assert.Equal("1 张督办单超期升级", await App.AsSystemAsync(sp => OrderEscalationJob.RunOnceAsync(sp, CancellationToken.None)));
        Assert.Equal("0 张督办单超期升级", await App.AsSystemAsync(sp => OrderEscalationJob.RunOnceAsync(sp, CancellationToken.None)));

        var escalated = await GetAsync(city, noPlan);
        Assert.Equal(new DateTimeOffset(2035, 3, 8, 2, 0, 0, TimeSpan.Zero), escalated.GetProperty("escalatedAt").GetDateTimeOffset());
        Assert.Equal("王副市长；市领导 李强", escalated.GetProperty("escalatedTo").GetString());
        Assert.Single(escalated.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "Escalated");
        Assert.Equal(28, escalated.GetProperty("daysOverdue").GetInt32());
        Assert.Contains(await App.AuditOfAsync(nameof(SupervisionOrder), noPlan.ToString(System.Globalization.CultureInfo.InvariantCulture)), e => e.Action == "OrderEscalated");
        // Each escalation told, once, the city's leader, the city staff and the order's unit; never another unit.
        var noPlanCode = escalated.GetProperty("code").GetString()!;
        var openCode = (await GetAsync(city, open)).GetProperty("code").GetString()!;
        var inbox = await App.AsSystemAsync(sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (from m in db.InboxMessages.AsNoTracking()
                    join u in db.Users on m.UserId equals u.Id
                    where m.Title == $"督办单超期升级：{noPlanCode}" || m.Title == $"督办单超期升级：{openCode}"
                    select new { u.UserName, m.Title, m.Body, m.Link }).ToListAsync();
        });
        Assert.Equal(["city", "leader", "tiexi"], inbox.Where(m => m.Title.EndsWith(noPlanCode)).Select(m => m.UserName!).Order());
        Assert.Equal(["city", "leader", "lishu"], inbox.Where(m => m.Title.EndsWith(openCode)).Select(m => m.UserName!).Order());
        var notice = inbox.First(m => m.Title.EndsWith(noPlanCode));
        Assert.Equal($"/orders/{noPlan}", notice.Link);
        Assert.Equal($"铁西区{noPlanCode}「方案逾期未报的督办问题」超期3天（整改方案时限2035年3月5日，整改完成时限2035年3月31日，当前状态：已下发，整改方案未报），已升级至：王副市长；市领导 李强。",
            notice.Body);

        // The big screen lists the overdue orders in the viewer's scope (梨树县 has few; 铁西区 has other tests' too), with their count.
        using var lishu = await App.ClientAsync("lishu");
        var lishuOverdue = (await lishu.GetFromJsonAsync<JsonElement>("/api/orders?overdue=true")).GetProperty("total").GetInt32();
        Assert.InRange(lishuOverdue, 1, ScreenOrdersPanel.Take);
        var lishuScreen = await lishu.GetStringAsync("/dashboard/screen");
        Assert.Contains($"超期督办 · {lishuOverdue}", lishuScreen);
        Assert.Contains((await GetAsync(city, open)).GetProperty("code").GetString()!, lishuScreen);
        Assert.Contains("梨树未办结", lishuScreen);
        Assert.DoesNotContain((await GetAsync(city, noPlan)).GetProperty("code").GetString()!, lishuScreen);
        var cityOverdue = (await city.GetFromJsonAsync<JsonElement>("/api/orders?overdue=true")).GetProperty("total").GetInt32();
        Assert.Contains($"超期督办 · {cityOverdue}", await city.GetStringAsync("/dashboard/screen"));
        var overdueList = await tiexi.GetFromJsonAsync<JsonElement>("/api/orders?overdue=true&year=2035");
        Assert.Equal([noPlan], overdueList.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));

        // The bulletin's March: two of these orders overdue at its end, two closed in it (one on time).
        var march = await App.AsSystemAsync(sp => sp.GetRequiredService<OrderReports>().MonthAsync(2035, 3));
        Assert.Equal(new DateOnly(2035, 4, 1), march.AsOf);
        // (Other tests' orders of earlier years are overdue then too.)
        var mine = new[] { noPlan, onTime, late, open };
        Assert.Equal([noPlan, open], march.Overdue.Select(o => o.Id).Where(mine.Contains).Order());
        Assert.Equal(27, march.Overdue.Single(o => o.Id == noPlan).DaysOverdue);
        Assert.Equal(17, march.Overdue.Single(o => o.Id == open).DaysOverdue);
        Assert.Equal([(onTime, true), (late, false)], march.Closed.Select(o => (o.Id, o.ClosedOnTime!.Value)));

        // 督办按期办结率 for 2035, months 1–3: 铁西区 had 3 orders due (noPlan 31 Mar, onTime 20 Mar, late 10 Mar), 1 closed on time
        // → 100 ÷ 3 (exact); 梨树县 had 1, none on time → 0; a unit with none due → 100.
        var rates = await App.AsSystemAsync(async sp =>
        {
            var source = sp.GetServices<IAssessmentIndicatorSource>().Single(s => s.Code == AssessmentIndicators.OrdersOnTime);
            var db = sp.GetRequiredService<AppDbContext>();
            return await source.ActualsAsync(new IndicatorQuery(db, 2035, 3, sp.GetRequiredService<IOptions<StatisticsOptions>>().Value), CancellationToken.None);
        });
        Assert.Equal(100m / 3, rates[project.UnitId]);
        Assert.Equal(0m, rates[lishuUnit]);
        Assert.Equal(100m, rates[await App.UnitIdAsync("220303")]);
    }
}

[Collection("postgres")]
public sealed class PostgresOrderFlowTests(PostgresOrderFixture fixture) : OrderFlowTests(fixture), IClassFixture<PostgresOrderFixture>;

public sealed class SqliteOrderFlowTests(SqliteOrderFixture fixture) : OrderFlowTests(fixture), IClassFixture<SqliteOrderFixture>;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Users;
using InvestTrack.Features.WeeklyDispatch;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.WeeklyDispatch;

/// <summary>
/// Weekly dispatch and the problem list over HTTP with the app's clock moved to each scenario's moment: prefill from the
/// progress log, draft and submission (on time, at 17:00 exactly, late), progress written once, refusals, the overview,
/// punctuality, the problem list's assignment → answer → return → close, scoping and exports.
/// </summary>
public abstract class WeeklyDispatchApiTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private MovableClock Clock => (MovableClock)App.Clock!;

    private const string Tiexi = "220302", Tiedong = "220303", Lishu = "220322", LishuZone = "220322K01", City = "220300", Fgw = "220300D01";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private async Task<HttpClient> ClientAsync(string userName)
    {
        var client = await App.SignInAsync(userName);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return client;
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString()!;

    private static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private static string Url(int unitId, string week) => $"/api/weekly-dispatch/units/{unitId}/weeks/{week}";

    private static WeeklyDispatchForm Form(int version, params (int ProjectId, string? Progress, string? Problems, string? Next)[] items) => new()
    {
        Version = version,
        Items = [.. items.Select(i => new WeeklyDispatchItemForm { ProjectId = i.ProjectId, Progress = i.Progress, Problems = i.Problems, NextStep = i.Next })],
    };

    private Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> read) => App.AsSystemAsync(sp => read(sp.GetRequiredService<AppDbContext>()));

    /// <summary>A unit user of a department (the demo has none), with the demo password.</summary>
    private async Task<string> DepartmentUserAsync(string unitCode)
    {
        var userName = $"dep{AdminTestSupport.Unique()}";
        await App.AsSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var unitId = await sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
            var user = new AppUser { UserName = userName, DisplayName = "市发改委 孙丽", UnitId = unitId, CreatedAt = Clock.Now, PasswordChangedAt = Clock.Now };
            Assert.True((await users.CreateAsync(user, TestApp.Password)).Succeeded);
            return await users.AddToRoleAsync(user, Roles.UnitUser);
        });
        return userName;
    }

    [Fact]
    public async Task A_submission_on_time_is_prefilled_from_the_log_writes_progress_once_and_raises_problems()
    {
        Clock.SetChina(2026, 9, 30, 10);
        var tiexiId = await App.UnitIdAsync(Tiexi);
        var p1 = await App.CreateProjectAsync();
        var p2 = await App.CreateProjectAsync();
        var tiexi = await ClientAsync("tiexi");
        var logged = await tiexi.PostAsJsonAsync($"/api/projects/{p1.Id}/progress",
            new ProgressForm { OccurredOn = new DateOnly(2026, 9, 29), WhatHappened = "完成土地平整", Problems = "缺少施工用电", NextStep = "办理施工许可" });
        Assert.Equal(HttpStatusCode.OK, logged.StatusCode);

        var blank = await OkAsync<WeeklyDispatchView>(await tiexi.GetAsync(Url(tiexiId, "2026-W40")));
        Assert.Equal((null, (WeeklyDispatchStatus?)null, "2026年第40周（9月28日—10月4日）", 0), (blank.Id, blank.Status, blank.WeekLabel, blank.Version));
        Assert.Equal(new DateTimeOffset(2026, 10, 2, 17, 0, 0, TimeSpan.FromHours(8)), blank.Deadline);
        var first = blank.Items.Single(i => i.ProjectId == p1.Id);
        Assert.Equal(("完成土地平整", "缺少施工用电", "办理施工许可", true), (first.Progress, first.Problems, first.NextStep, first.Prefilled));
        Assert.Null(blank.Items.Single(i => i.ProjectId == p2.Id).Progress);

        const string script = "<script>alert('x')</script>需协调电力接入";
        var draft = await OkAsync<WeeklyDispatchView>(await tiexi.PutAsJsonAsync(Url(tiexiId, "2026-W40"),
            Form(0, (p1.Id, first.Progress, first.Problems, first.NextStep), (p2.Id, "主体结构封顶", script, null))));
        Assert.Equal((WeeklyDispatchStatus.Draft, 1), (draft.Status, draft.Version));
        Assert.Equal(HttpStatusCode.Conflict, (await tiexi.PutAsJsonAsync(Url(tiexiId, "2026-W40"), Form(0, (p2.Id, "另一人", null, null)))).StatusCode);
        Assert.Equal(0, await DbAsync(db => db.CoordinationProblems.CountAsync(p => p.DispatchId == draft.Id)));

        var submitted = await OkAsync<WeeklyDispatchView>(await tiexi.PostAsJsonAsync($"{Url(tiexiId, "2026-W40")}/submit",
            Form(1, (p1.Id, first.Progress, first.Problems, first.NextStep), (p2.Id, "主体结构封顶", script, null))));
        Assert.Equal((WeeklyDispatchStatus.Submitted, false, Clock.Now, true), (submitted.Status, submitted.Late, submitted.SubmittedAt, submitted.ReadOnly));
        Assert.Equal([p1.Id, p2.Id], submitted.Items.Select(i => i.ProjectId).Order());

        // The prefilled text was the log's already: no second entry. The new text is one entry, dated today, linked.
        var entries = await DbAsync(db => db.ProgressEntries.AsNoTracking().Where(e => e.ProjectId == p1.Id || e.ProjectId == p2.Id).ToListAsync());
        Assert.Single(entries, e => e.ProjectId == p1.Id);
        var written = Assert.Single(entries, e => e.ProjectId == p2.Id);
        Assert.Equal(("主体结构封顶", script, new DateOnly(2026, 9, 30), "铁西区 张华"), (written.WhatHappened, written.Problems, written.OccurredOn, written.AuthorName));
        Assert.Equal(written.Id, await DbAsync(db => db.WeeklyDispatchItems.Where(i => i.DispatchId == submitted.Id && i.ProjectId == p2.Id).Select(i => i.ProgressEntryId).SingleAsync()));
        var problems = await DbAsync(db => db.CoordinationProblems.AsNoTracking().Where(p => p.DispatchId == submitted.Id).OrderBy(p => p.ProjectId).ToListAsync());
        Assert.Equal([("缺少施工用电", CoordinationProblemStatus.Open, tiexiId), (script, CoordinationProblemStatus.Open, tiexiId)],
            problems.Select(p => (p.Text, p.Status, p.UnitId)));
        Assert.All(problems, p => Assert.Equal(new DateOnly(2026, 9, 28), p.RaisedWeek));

        // Read-only now.
        var again = await tiexi.PutAsJsonAsync(Url(tiexiId, "2026-W40"), Form(submitted.Version, (p1.Id, "改写", null, null)));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("本周调度已报送，不能再修改；如需更正，请市级退回。", Detail(await BodyAsync(again)));
        Assert.Equal(2, await DbAsync(db => db.CoordinationProblems.CountAsync(p => p.DispatchId == submitted.Id)));
        var audit = await App.AuditOfAsync(nameof(WeeklyDispatchRecord), submitted.Id!.Value.ToString());
        Assert.Contains(audit, e => e.Action == "Create" && e.UserName == "tiexi");
        Assert.Contains(audit, e => e.Action == "Update" && e.UserName == "tiexi" && e.NewValues!.Contains("\"Status\":1"));

        // The page shows the text escaped.
        var html = await tiexi.GetStringAsync($"/weekly-dispatch/{tiexiId}/2026-W40");
        Assert.Contains("&lt;script&gt;alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);

        // The next week is prefilled from what the log holds since this submission only.
        Clock.SetChina(2026, 10, 7, 9);
        tiexi = await ClientAsync("tiexi");
        Assert.Equal(HttpStatusCode.OK, (await tiexi.PostAsJsonAsync($"/api/projects/{p2.Id}/progress",
            new ProgressForm { OccurredOn = new DateOnly(2026, 10, 6), WhatHappened = "完成竣工验收" })).StatusCode);
        var next = await OkAsync<WeeklyDispatchView>(await tiexi.GetAsync(Url(tiexiId, "2026-W41")));
        Assert.Null(next.Items.Single(i => i.ProjectId == p1.Id).Progress);
        Assert.Equal("完成竣工验收", next.Items.Single(i => i.ProjectId == p2.Id).Progress);
    }

    [Fact]
    public async Task At_17_00_exactly_is_on_time_a_second_later_is_late_and_the_overview_and_punctuality_say_so()
    {
        var tiedongId = await App.UnitIdAsync(Tiedong);
        var project = await App.CreateProjectAsync("tiedong", Tiedong);
        async Task<WeeklyDispatchView> SubmitAsync(string week)
        {
            var tiedong = await ClientAsync("tiedong");
            return await OkAsync<WeeklyDispatchView>(await tiedong.PostAsJsonAsync($"{Url(tiedongId, week)}/submit", Form(0, (project.Id, $"{week}进展", null, null))));
        }

        Clock.SetChina(2026, 10, 16, 17, 0, 0);
        Assert.False((await SubmitAsync("2026-W42")).Late);
        Clock.SetChina(2026, 10, 23, 17, 0, 1);
        var late = await SubmitAsync("2026-W43");
        Assert.Equal((WeeklyDispatchStatus.Submitted, true), (late.Status, late.Late));
        Clock.SetChina(2026, 11, 2, 9);
        Assert.True((await SubmitAsync("2026-W44")).Late);

        var city = await ClientAsync("city");
        var overview = await OkAsync<WeeklyDispatchOverview>(await city.GetAsync("/api/weekly-dispatch/overview?week=2026-W43"));
        Assert.Equal(("2026年第43周（10月19日—10月25日）", true, "2026-W44"), (overview.WeekLabel, overview.DeadlinePassed, overview.NextWeek));
        var row = overview.Rows.Single(r => r.UnitId == tiedongId);
        Assert.Equal((WeeklyDispatchUnitState.Late, late.Id, 1, 0), (row.State, row.DispatchId, row.Projects, row.Problems));
        Assert.Equal(new DateTimeOffset(2026, 10, 23, 17, 0, 1, TimeSpan.FromHours(8)), row.SubmittedAt);
        Assert.Equal(WeeklyDispatchUnitState.Missing, overview.Rows.Single(r => r.UnitName == "梨树经济开发区").State);
        // Counties, districts and zones submit; the city itself and departments do not.
        Assert.Equal(11, overview.Rows.Count);
        Assert.DoesNotContain(overview.Rows, r => r.UnitName is "四平市" or "市发展和改革委员会");
        var onTime = await OkAsync<WeeklyDispatchOverview>(await city.GetAsync("/api/weekly-dispatch/overview?week=2026-W42"));
        Assert.Equal(WeeklyDispatchUnitState.Submitted, onTime.Rows.Single(r => r.UnitId == tiedongId).State);

        // Weeks whose deadline falls in the range and has passed: 42, 43, 44 (its deadline 30 October).
        var punctuality = await OkAsync<List<WeeklyDispatchPunctualityRow>>(await city.GetAsync("/api/weekly-dispatch/punctuality?from=2026-10-12&to=2026-11-01"));
        Assert.Equal((3, 1, 2, 0), punctuality.Single(r => r.UnitId == tiedongId) is var t ? (t.WeeksDue, t.OnTime, t.Late, t.Missing) : default);
        Assert.Equal((3, 0, 0, 3), punctuality.Single(r => r.UnitName == "梨树县") is var l ? (l.WeeksDue, l.OnTime, l.Late, l.Missing) : default);
        // The current week's deadline has not passed: not due yet.
        var now = await OkAsync<List<WeeklyDispatchPunctualityRow>>(await city.GetAsync("/api/weekly-dispatch/punctuality?from=2026-11-02&to=2026-11-08"));
        Assert.All(now, r => Assert.Equal(0, r.WeeksDue));

        // 调度按时率 for assessment, January to October: on-time weeks ÷ weeks due × 100.
        var year = await OkAsync<List<WeeklyDispatchPunctualityRow>>(await city.GetAsync("/api/weekly-dispatch/punctuality?from=2026-01-01&to=2026-10-31"));
        var tiedongYear = year.Single(r => r.UnitId == tiedongId);
        Assert.Equal((1, 2), (tiedongYear.OnTime, tiedongYear.Late));
        var rates = await App.AsSystemAsync(async sp =>
        {
            var source = sp.GetServices<Features.Assessment.IAssessmentIndicatorSource>().Single(x => x.Code == Features.Assessment.AssessmentIndicators.DispatchPunctuality);
            return await source.ActualsAsync(new Features.Assessment.IndicatorQuery(sp.GetRequiredService<AppDbContext>(), 2026, 10,
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Features.Statistics.StatisticsOptions>>().Value), default);
        });
        Assert.Equal(100m / tiedongYear.WeeksDue, rates[tiedongId]);
        Assert.Equal(0m, rates[year.Single(r => r.UnitName == "梨树县").UnitId]);

        var pending = await App.AsSystemAsync(sp => sp.GetRequiredService<WeeklyDispatchReminders>().PendingUnitsAsync(WeeklyDispatchWeek.Parse("2026-W43")!.Value));
        Assert.DoesNotContain(pending, u => u.UnitId == tiedongId);
        Assert.Contains(pending, u => u.UnitName == "铁西区");
        Assert.Equal(10, pending.Count);
    }

    [Fact]
    public async Task A_future_week_and_a_week_before_the_records_start_are_refused_with_a_clear_message()
    {
        Clock.SetChina(2026, 11, 25, 10);
        var tiexiId = await App.UnitIdAsync(Tiexi);
        var project = await App.CreateProjectAsync();
        var tiexi = await ClientAsync("tiexi");
        const string future = "不能报送未来的周：2026年第49周（11月30日—12月6日）尚未开始（本周是2026年第48周（11月23日—11月29日））。";
        var read = await tiexi.GetAsync(Url(tiexiId, "2026-W49"));
        Assert.Equal((HttpStatusCode.BadRequest, future), (read.StatusCode, Detail(await BodyAsync(read))));
        var submit = await tiexi.PostAsJsonAsync($"{Url(tiexiId, "2026-W49")}/submit", Form(0, (project.Id, "提前报送", null, null)));
        Assert.Equal(HttpStatusCode.BadRequest, submit.StatusCode);
        var body = await BodyAsync(submit);
        Assert.Equal(future, body.GetProperty("errors").GetProperty("Week")[0].GetString());
        var early = await tiexi.PutAsJsonAsync(Url(tiexiId, "2025-W50"), Form(0, (project.Id, "很久以前", null, null)));
        Assert.Equal("2025年第50周（12月8日—12月14日）早于本系统周调度记录的起始周2026年第1周（2025年12月29日—1月4日），不能报送。", Detail(await BodyAsync(early)));
        var wrong = await tiexi.GetAsync(Url(tiexiId, "2026-12-01"));
        Assert.Equal("周的写法应如 2026-W48（年-W周次）。", Detail(await BodyAsync(wrong)));
        Assert.Equal(0, await DbAsync(db => db.WeeklyDispatches.CountAsync(d => d.UnitId == tiexiId && (d.WeekStart == new DateOnly(2026, 11, 30) || d.WeekStart == new DateOnly(2025, 12, 8)))));
        Assert.Equal(0, await DbAsync(db => db.ProgressEntries.CountAsync(e => e.ProjectId == project.Id)));
        Assert.Equal(HttpStatusCode.BadRequest, (await (await ClientAsync("city")).GetAsync("/api/weekly-dispatch/overview?week=2026-W61")).StatusCode);
    }

    [Fact]
    public async Task A_unit_never_reaches_another_units_dispatch_or_problem_and_exports_only_its_own()
    {
        Clock.SetChina(2026, 9, 23, 10);
        var (tiexiId, zoneId, cityId) = (await App.UnitIdAsync(Tiexi), await App.UnitIdAsync(LishuZone), await App.UnitIdAsync(City));
        var tiexiProject = await App.CreateProjectAsync();
        var zoneProject = await App.CreateProjectAsync("lishu", LishuZone);
        var tiexi = await ClientAsync("tiexi");
        var tiexiText = $"铁西扩容审批{AdminTestSupport.Unique()}";
        var dispatch = await OkAsync<WeeklyDispatchView>(await tiexi.PostAsJsonAsync($"{Url(tiexiId, "2026-W39")}/submit", Form(0, (tiexiProject.Id, "进展", tiexiText, null))));
        var tiexiProblem = await DbAsync(db => db.CoordinationProblems.Where(p => p.DispatchId == dispatch.Id).Select(p => p.Id).SingleAsync());

        // A county submits for its zone too.
        var lishu = await ClientAsync("lishu");
        var zoneText = $"梨树开发区供热{AdminTestSupport.Unique()}";
        var zoneDispatch = await OkAsync<WeeklyDispatchView>(await lishu.PostAsJsonAsync($"{Url(zoneId, "2026-W39")}/submit", Form(0, (zoneProject.Id, "进展", zoneText, null))));
        Assert.Equal("梨树经济开发区", zoneDispatch.UnitName);

        Assert.Equal(HttpStatusCode.NotFound, (await lishu.GetAsync($"/api/weekly-dispatch/{dispatch.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.GetAsync(Url(tiexiId, "2026-W39"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.PutAsJsonAsync(Url(tiexiId, "2026-W38"), Form(0))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.PostAsJsonAsync($"{Url(tiexiId, "2026-W38")}/submit", Form(0))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.GetAsync($"/api/problems/{tiexiProblem}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync(Url(cityId, "2026-W39"))).StatusCode);
        var page = await lishu.GetAsync($"/weekly-dispatch/{tiexiId}/2026-W39");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain(tiexiText, await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.GetAsync($"/problems/{tiexiProblem}")).StatusCode);
        Assert.Contains(tiexiText, await tiexi.GetStringAsync($"/problems/{tiexiProblem}"));
        // Another unit's project in a dispatch is refused as not its own.
        var foreign = await lishu.PutAsJsonAsync(Url(zoneId, "2026-W38"), Form(0, (tiexiProject.Id, "冒名", null, null)));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal("该项目不是本单位在建的项目（已终止或已投产的项目不报送）。", Detail(await BodyAsync(foreign)));

        var overview = await OkAsync<WeeklyDispatchOverview>(await lishu.GetAsync("/api/weekly-dispatch/overview?week=2026-W39"));
        Assert.Equal(["梨树县", "梨树经济开发区"], overview.Rows.Select(r => r.UnitName).Order());

        var csv = Encoding.UTF8.GetString(await lishu.GetByteArrayAsync("/api/problems/export?format=csv"));
        Assert.Contains(zoneText, csv);
        Assert.DoesNotContain(tiexiText, csv);
        var list = await OkAsync<CoordinationProblemList>(await lishu.GetAsync("/api/problems?pageSize=200"));
        Assert.All(list.Rows, r => Assert.NotEqual(tiexiId, r.UnitId));

        var city = await ClientAsync("city");
        var xlsx = XlsxProbe.Read(await city.GetByteArrayAsync($"/api/problems/export?format=xlsx&q={Uri.EscapeDataString(tiexiText)}")).Single();
        Assert.Equal(["编号", "项目", "提出单位", "提出周次", "问题", "承办部门", "办理期限", "状态", "是否逾期", "答复", "答复日期", "办结日期"], xlsx.Headers);
        Assert.Equal(2, xlsx.Rows.Count);
        Assert.Equal((tiexiProblem, "铁西区", "2026年第39周（9月21日—9月27日）", tiexiText, "待办理"),
            ((int)xlsx.Column("编号")[0]!.Number, xlsx.Column("提出单位")[0]!.Value, xlsx.Column("提出周次")[0]!.Value, xlsx.Column("问题")[0]!.Value, xlsx.Column("状态")[0]!.Value));
        Assert.True(await DbAsync(db => db.AuditEntries.AnyAsync(e => e.ObjectType == nameof(CoordinationProblem) && e.Action == "Export" && e.UserName == "city")));
    }

    [Fact]
    public async Task A_problem_is_assigned_to_a_department_answered_returned_answered_again_and_closed()
    {
        Clock.SetChina(2026, 9, 16, 10);
        var (tiexiId, fgwId) = (await App.UnitIdAsync(Tiexi), await App.UnitIdAsync(Fgw));
        var project = await App.CreateProjectAsync();
        var tiexi = await ClientAsync("tiexi");
        var text = $"缺少用地指标{AdminTestSupport.Unique()}";
        var dispatch = await OkAsync<WeeklyDispatchView>(await tiexi.PostAsJsonAsync($"{Url(tiexiId, "2026-W38")}/submit", Form(0, (project.Id, "进展", text, null))));
        var city = await ClientAsync("city");
        var open = await OkAsync<CoordinationProblemList>(await city.GetAsync($"/api/problems?status=Open&q={Uri.EscapeDataString(text)}"));
        var problem = Assert.Single(open.Rows);
        Assert.Equal((project.Id, "铁西区", (int?)null, dispatch.Id), (problem.ProjectId, problem.UnitName, problem.AssignedUnitId, problem.DispatchId));

        var assignUrl = $"/api/problems/{problem.Id}/assign";
        var past = await city.PostAsJsonAsync(assignUrl, new CoordinationProblemAssignForm { AssignedUnitId = fgwId, DueOn = new DateOnly(2026, 9, 15), Version = problem.Version });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal("办理期限2026年9月15日已过去，不能早于今天（2026年9月16日）。", Detail(await BodyAsync(past)));
        var notDepartment = await city.PostAsJsonAsync(assignUrl, new CoordinationProblemAssignForm { AssignedUnitId = tiexiId, DueOn = new DateOnly(2026, 9, 20), Version = problem.Version });
        Assert.Equal("请选择承办的市直部门。", Detail(await BodyAsync(notDepartment)));
        Assert.Equal(HttpStatusCode.Forbidden, (await tiexi.PostAsJsonAsync(assignUrl, new CoordinationProblemAssignForm { AssignedUnitId = fgwId, DueOn = new DateOnly(2026, 9, 20), Version = problem.Version })).StatusCode);
        var assigned = await OkAsync<CoordinationProblemRow>(await city.PostAsJsonAsync(assignUrl,
            new CoordinationProblemAssignForm { AssignedUnitId = fgwId, DueOn = new DateOnly(2026, 9, 20), Version = problem.Version }));
        Assert.Equal(("市发展和改革委员会", new DateOnly(2026, 9, 20), CoordinationProblemStatus.Open, false), (assigned.AssignedUnitName, assigned.DueOn, assigned.Status, assigned.Overdue));

        // Filters and sorting: by department, by raising unit, by due date (dated ones first, ascending), paged.
        var byDepartment = await OkAsync<CoordinationProblemList>(await city.GetAsync($"/api/problems?assignedUnitId={fgwId}&pageSize=200"));
        Assert.Contains(byDepartment.Rows, r => r.Id == problem.Id);
        Assert.All(byDepartment.Rows, r => Assert.Equal(fgwId, r.AssignedUnitId));
        var byOtherUnit = await OkAsync<CoordinationProblemList>(await city.GetAsync($"/api/problems?unitId={await App.UnitIdAsync(Lishu)}&pageSize=200"));
        Assert.DoesNotContain(byOtherUnit.Rows, r => r.Id == problem.Id);
        var sorted = await OkAsync<CoordinationProblemList>(await city.GetAsync("/api/problems?sort=DueOn&desc=false&pageSize=1"));
        Assert.Equal((1, 1), (sorted.Rows.Count, sorted.PageSize));
        Assert.NotNull(sorted.Rows[0].DueOn);
        Assert.True(sorted.Total >= 1);

        // Past the deadline and still open: overdue. The raising county cannot answer; the department can.
        Clock.SetChina(2026, 9, 22, 9);
        var department = await DepartmentUserAsync(Fgw);
        var fgw = await ClientAsync(department);
        tiexi = await ClientAsync("tiexi");
        var mine = await OkAsync<CoordinationProblemList>(await fgw.GetAsync("/api/problems?view=Assigned&overdue=true"));
        var overdue = Assert.Single(mine.Rows, r => r.Id == problem.Id);
        Assert.Equal((true, project.Name), (overdue.Overdue, overdue.ProjectName));
        Assert.Contains("problem-overdue", await fgw.GetStringAsync("/problems?view=Assigned"));
        var byCounty = await tiexi.PostAsJsonAsync($"/api/problems/{problem.Id}/answer", new CoordinationProblemAnswerForm { Answer = "自己答", Version = assigned.Version });
        Assert.Equal("只有承办部门可以答复该问题。", Detail(await BodyAsync(byCounty)));
        Assert.Equal(HttpStatusCode.NotFound, (await fgw.GetAsync($"/api/weekly-dispatch/{dispatch.Id}")).StatusCode); // the problem, not the dispatch
        var answered = await OkAsync<CoordinationProblemRow>(await fgw.PostAsJsonAsync($"/api/problems/{problem.Id}/answer",
            new CoordinationProblemAnswerForm { Answer = "已协调自然资源局安排指标", Version = assigned.Version }));
        Assert.Equal((CoordinationProblemStatus.Answered, "市发改委 孙丽", false), (answered.Status, answered.AnsweredBy, answered.Overdue));

        city = await ClientAsync("city");
        var decide = $"/api/problems/{problem.Id}/decision";
        var bare = await city.PostAsJsonAsync(decide, new CoordinationProblemDecisionForm { Close = false, Version = answered.Version });
        Assert.Equal("请填写退回理由。", Detail(await BodyAsync(bare)));
        var returned = await OkAsync<CoordinationProblemRow>(await city.PostAsJsonAsync(decide, new CoordinationProblemDecisionForm { Close = false, Reason = "请明确指标下达时间", Version = answered.Version }));
        Assert.Equal((CoordinationProblemStatus.Open, "请明确指标下达时间"), (returned.Status, returned.ReturnReason));
        var again = await OkAsync<CoordinationProblemRow>(await fgw.PostAsJsonAsync($"/api/problems/{problem.Id}/answer",
            new CoordinationProblemAnswerForm { Answer = "指标将于10月10日前下达", Version = returned.Version }));
        var closed = await OkAsync<CoordinationProblemRow>(await city.PostAsJsonAsync(decide, new CoordinationProblemDecisionForm { Close = true, Version = again.Version }));
        Assert.Equal((CoordinationProblemStatus.Closed, "指标将于10月10日前下达", Clock.Now), (closed.Status, closed.Answer, closed.ClosedAt));
        Assert.Equal(HttpStatusCode.Conflict, (await city.PostAsJsonAsync(decide, new CoordinationProblemDecisionForm { Close = true, Version = again.Version })).StatusCode);

        var audit = await App.AuditOfAsync(nameof(CoordinationProblem), problem.Id.ToString());
        Assert.Equal(["tiexi", "city", department, "city", department, "city"], audit.Select(e => e.UserName));
        Assert.Contains("\"Status\":2", audit[^1].NewValues);

        // Exported as the department sees it.
        var csv = Encoding.UTF8.GetString(await fgw.GetByteArrayAsync("/api/problems/export?format=csv&view=Assigned"));
        Assert.Contains(text, csv);
        Assert.Contains("已办结", csv);
        Assert.Contains("指标将于10月10日前下达", csv);
    }

    [Fact]
    public async Task The_city_returns_a_dispatch_the_unit_corrects_it_and_its_log_entry_is_rewritten_not_doubled()
    {
        Clock.SetChina(2026, 9, 11, 16);
        var lishuId = await App.UnitIdAsync(Lishu);
        var project = await App.CreateProjectAsync("lishu", Lishu);
        var lishu = await ClientAsync("lishu");
        var url = Url(lishuId, "2026-W37");
        var submitted = await OkAsync<WeeklyDispatchView>(await lishu.PostAsJsonAsync($"{url}/submit", Form(0, (project.Id, "完成环评", "环评批复慢", null))));
        Assert.False(submitted.Late);

        Clock.SetChina(2026, 9, 14, 9);
        lishu = await ClientAsync("lishu");
        var city = await ClientAsync("city");
        Assert.Equal(HttpStatusCode.Forbidden, (await lishu.PostAsJsonAsync($"/api/weekly-dispatch/{submitted.Id}/return", new WeeklyDispatchReturnForm { Reason = "x", Version = submitted.Version })).StatusCode);
        var bare = await city.PostAsJsonAsync($"/api/weekly-dispatch/{submitted.Id}/return", new WeeklyDispatchReturnForm { Version = submitted.Version });
        Assert.Equal("请填写退回理由。", Detail(await BodyAsync(bare)));
        var returned = await OkAsync<WeeklyDispatchView>(await city.PostAsJsonAsync($"/api/weekly-dispatch/{submitted.Id}/return",
            new WeeklyDispatchReturnForm { Reason = "请写明环评批复时间", Version = submitted.Version }));
        Assert.Equal((WeeklyDispatchStatus.Returned, "请写明环评批复时间", false), (returned.Status, returned.ReturnReason, returned.ReadOnly));
        var overview = await OkAsync<WeeklyDispatchOverview>(await city.GetAsync("/api/weekly-dispatch/overview?week=2026-W37"));
        Assert.Equal(WeeklyDispatchUnitState.Returned, overview.Rows.Single(r => r.UnitId == lishuId).State);

        // Corrected after the deadline: the first submission's time and punctuality stand; the log holds one entry, rewritten.
        var corrected = await OkAsync<WeeklyDispatchView>(await lishu.PostAsJsonAsync($"{url}/submit",
            Form(returned.Version, (project.Id, "完成环评，9月10日取得批复", "环评批复慢（已解决）", null))));
        Assert.Equal((WeeklyDispatchStatus.Submitted, false, submitted.SubmittedAt, (string?)null), (corrected.Status, corrected.Late, corrected.SubmittedAt, corrected.ReturnReason));
        var entry = Assert.Single(await DbAsync(db => db.ProgressEntries.AsNoTracking().Where(e => e.ProjectId == project.Id).ToListAsync()));
        Assert.Equal("完成环评，9月10日取得批复", entry.WhatHappened);
        var problem = Assert.Single(await DbAsync(db => db.CoordinationProblems.AsNoTracking().Where(p => p.DispatchId == submitted.Id).ToListAsync()));
        Assert.Equal("环评批复慢（已解决）", problem.Text);
    }

    [Fact]
    public async Task The_routes_are_in_the_OpenAPI_document()
    {
        var document = await (await ClientAsync("city")).GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/weekly-dispatch/overview", "/api/weekly-dispatch/units/{unitId}/weeks/{week}/submit", "/api/weekly-dispatch/punctuality", "/api/problems/{id}/assign", "/api/problems/export" })
            Assert.Contains($"\"{path}\"", document);
    }

    [Fact]
    public async Task Units_that_have_not_reported_are_reminded_in_their_inbox_on_the_deadline_day_and_the_day_before_only()
    {
        Task<string> RemindAsync() => App.AsSystemAsync(sp => sp.GetRequiredService<WeeklyDispatchReminders>().RemindAsync());
        Task<List<Features.Notifications.InboxMessage>> InboxAsync(string userName) => App.AsSystemAsync(sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return db.InboxMessages.AsNoTracking().Where(m => db.Users.Any(u => u.Id == m.UserId && u.UserName == userName) && m.Title.StartsWith("周调度提醒"))
                .OrderBy(m => m.Id).ToListAsync();
        });
        var before = (await InboxAsync("tiexi")).Count;

        Clock.SetChina(2026, 11, 16, 9); // Monday of week 47: not a reminder day
        Assert.Equal("今天不是2026年第47周（11月16日—11月22日）截止日或其前一天，无需提醒", await RemindAsync());
        Assert.Equal(before, (await InboxAsync("tiexi")).Count);

        Clock.SetChina(2026, 11, 19, 9); // Thursday, the day before the Friday 17:00 deadline
        Assert.Matches(@"^2026年第47周（11月16日—11月22日）：\d+ 个单位尚未报送，已提醒$", await RemindAsync());
        var notice = (await InboxAsync("tiexi")).Last();
        Assert.Equal("周调度提醒：2026年第47周（11月16日—11月22日）尚未报送", notice.Title);
        Assert.Equal($"/weekly-dispatch/{await App.UnitIdAsync("220302")}/2026-W47", notice.Link);
        Assert.Contains("截止时间", notice.Body);
        Assert.Equal(before + 1, (await InboxAsync("tiexi")).Count);
    }
}

[Collection("postgres")]
public sealed class PostgresWeeklyDispatchApiTests(PostgresDispatchFixture fixture) : WeeklyDispatchApiTests(fixture), IClassFixture<PostgresDispatchFixture>;

public sealed class SqliteWeeklyDispatchApiTests(SqliteDispatchFixture fixture) : WeeklyDispatchApiTests(fixture), IClassFixture<SqliteDispatchFixture>;

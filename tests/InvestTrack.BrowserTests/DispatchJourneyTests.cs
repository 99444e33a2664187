using System.Globalization;
using System.Text.RegularExpressions;
using InvestTrack.BrowserTests.Pages;
using InvestTrack.Data;
using InvestTrack.Features.Units;
using InvestTrack.Features.WeeklyDispatch;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>
/// The dispatch due at the very end of the week (Sunday 23:59:59): a submission on any day of the week is on time, so the
/// journey sees 已报送 whichever day it runs.
/// </summary>
public sealed class DispatchBrowserFixture() : BrowserFixture(new Dictionary<string, string>
{
    ["WeeklyDispatch:Deadline:Day"] = "Sunday",
    ["WeeklyDispatch:Deadline:Time"] = "23:59:59",
});

/// <summary>
/// Issue 12's 周调度 and 问题清单 in a real browser: 铁西区 submits this week's dispatch with a problem for one project; the
/// city sees 已报送 in the overview, assigns the problem to 市发改委 with a deadline; the department answers it and the
/// city closes it.
/// </summary>
public sealed class DispatchJourneyTests(DispatchBrowserFixture fixture) : IClassFixture<DispatchBrowserFixture>
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public async Task DispatchJourney_unit_submits_city_sees_it_assigns_the_problem_department_answers_city_closes()
    {
        var app = fixture.App;
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var week = WeeklyDispatchWeek.Current(clock);
        var today = ChinaTime.Today(clock);
        var tag = Guid.NewGuid().ToString("N")[..4];
        var problemText = $"项目用电增容需协调电业局{tag}";
        var department = await app.DepartmentUserAsync("220300D01", "市发改委 孙丽");
        var tiexiId = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Code == "220302").Select(u => u.Id).SingleAsync());

        // 铁西区: this week's overview has its one row, not reported yet; 填报 opens the form with its active projects.
        await using var tiexiContext = await fixture.NewContextAsync(BrowserFixture.Desktop);
        var tiexi = await tiexiContext.NewPageAsync();
        var tiexiShell = await new LoginPage(tiexi).SignInAsync("tiexi");
        await tiexiShell.NavLink("周调度").ClickAsync();
        await Expect(tiexi).ToHaveURLAsync(new Regex("/weekly-dispatch$"));
        await tiexiShell.WaitForInteractiveAsync();
        await Expect(tiexi.GetByTestId("dispatch-week")).ToHaveTextAsync(week.Label(Chinese));
        var ownRow = tiexi.GetByTestId("dispatch-row");
        await Expect(ownRow).ToHaveCountAsync(1);
        await Expect(ownRow).ToContainTextAsync("铁西区");
        await Expect(ownRow).ToContainTextAsync("未报送");
        await ownRow.GetByRole(AriaRole.Link, new() { Name = "填报" }).ClickAsync();
        await Expect(tiexi).ToHaveURLAsync(new Regex($"/weekly-dispatch/{tiexiId}/{week}$"));
        await tiexiShell.WaitForInteractiveAsync();
        await Expect(tiexiShell.Title).ToHaveTextAsync($"铁西区 · {week.Label(Chinese)}");
        await Expect(tiexi.GetByTestId("dispatch-status")).ToHaveTextAsync("未填报");
        var items = tiexi.GetByTestId("dispatch-item");
        var active = await ActiveProjectsAsync(tiexiId);
        await Expect(items).ToHaveCountAsync(active);
        var first = items.First;
        var project = (await first.GetByRole(AriaRole.Link).InnerTextAsync()).Trim();
        await first.GetByLabel("本周进展", new() { Exact = true }).FillAsync("完成厂房主体结构封顶");
        await first.GetByLabel("需协调解决的问题", new() { Exact = true }).FillAsync(problemText);
        await first.GetByLabel("下步计划", new() { Exact = true }).FillAsync("下周开始设备安装");
        await tiexi.Keyboard.PressAsync("Tab");
        // The form is as long as the unit has projects (three fields each): the picture shows its top, the first filled in.
        await tiexi.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Artifacts.ScreenshotAsync(tiexi, "weekly-dispatch-form.png", fullPage: false);
        await tiexi.GetByTestId("dispatch-submit").ClickAsync();
        await Expect(tiexi.GetByTestId("dispatch-status")).ToHaveTextAsync("已报送");
        await Expect(tiexi.GetByTestId("dispatch-late")).ToHaveCountAsync(0);
        await Expect(tiexi.GetByText("由铁西区 张华报送，不能修改。")).ToBeVisibleAsync();
        await Expect(tiexi.GetByTestId("dispatch-problems").First).ToContainTextAsync(problemText);
        await Expect(tiexi.GetByTestId("dispatch-submit")).ToHaveCountAsync(0);

        // The city: every submitting unit listed, 铁西区 已报送 with its projects and problems.
        var (units, lines, problems) = await DispatchFactsAsync(tiexiId, week);
        await using var cityContext = await fixture.NewContextAsync(BrowserFixture.Desktop);
        var city = await cityContext.NewPageAsync();
        var cityShell = await new LoginPage(city).SignInAsync("city");
        await city.GotoAsync("/weekly-dispatch");
        await cityShell.WaitForInteractiveAsync();
        await Expect(city.GetByTestId("dispatch-summary")).ToHaveTextAsync($"应报{units}个单位：已报送1个，逾期报送0个，未报送{units - 1}个。");
        await Expect(city.GetByTestId("dispatch-row")).ToHaveCountAsync(units);
        var tiexiRow = city.GetByTestId("dispatch-row").Filter(new() { Has = city.Locator("td:first-child", new() { HasTextRegex = new Regex("^铁西区$") }) });
        await Expect(tiexiRow.Locator("td")).ToHaveTextAsync([new Regex("^铁西区$"), new Regex("^已报送$"), new Regex($@"^{today.Year}年{today.Month}月{today.Day}日 \d\d:\d\d:\d\d$"),
            new Regex($"^{lines}$"), new Regex($"^{problems}$"), new Regex("^查看$")]);
        await Expect(city.GetByTestId("dispatch-row").Filter(new() { HasText = "未报送" })).ToHaveCountAsync(units - 1);
        await Layout.AssertOneLineAsync(city.Locator("[data-testid=dispatch-overview] th"), "overview headers");
        await Artifacts.ScreenshotAsync(city, "weekly-dispatch.png");

        // The problem list: the new problem, not yet assigned; the city assigns it to 市发改委, due today.
        await cityShell.NavLink("问题清单").ClickAsync();
        await Expect(city).ToHaveURLAsync(new Regex("/problems$"));
        await cityShell.WaitForInteractiveAsync();
        await Expect(city.GetByTestId("problem-total")).ToHaveTextAsync($"共{problems}条");
        await Layout.AssertNextToAsync(city.GetByLabel("搜索问题、项目或答复", new() { Exact = true }), Mud.Select(city, "状态"), "search and status filters");
        await Layout.AssertNextToAsync(Mud.Select(city, "状态"), Mud.Select(city, "提出单位"), "status and unit filters");
        var problemRow = city.GetByTestId("problem-table").Locator("tbody tr").Filter(new() { HasText = problemText });
        await Expect(problemRow.Locator("td").Nth(1)).ToHaveTextAsync(project);
        await Expect(problemRow.Locator("td").Nth(2)).ToHaveTextAsync("铁西区");
        await Expect(problemRow.Locator("td").Nth(5)).ToHaveTextAsync("未交办");
        await Expect(problemRow.Locator("td").Nth(7)).ToHaveTextAsync("待办理");
        await problemRow.GetByRole(AriaRole.Link, new() { Name = problemText }).ClickAsync();
        await Expect(city).ToHaveURLAsync(new Regex(@"/problems/\d+$"));
        var detailUrl = new Uri(city.Url).PathAndQuery;
        await cityShell.WaitForInteractiveAsync();
        await Expect(city.GetByTestId("problem-text")).ToHaveTextAsync(problemText);
        await Mud.PickAsync(Mud.Select(city, "承办部门"), "市发展和改革委员会");
        await Mud.PickTodayAsync(city, "办理期限");
        await city.GetByRole(AriaRole.Button, new() { Name = "交办", Exact = true }).ClickAsync();
        await Expect(Field(city, "承办部门")).ToHaveTextAsync("市发展和改革委员会");
        await Expect(Field(city, "办理期限")).ToHaveTextAsync($"{today.Year}年{today.Month}月{today.Day}日");
        await Expect(Field(city, "状态")).ToHaveTextAsync("待办理");

        // The department finds it among the problems assigned to it and answers.
        await using var departmentContext = await fixture.NewContextAsync(BrowserFixture.Desktop);
        var dep = await departmentContext.NewPageAsync();
        var depShell = await new LoginPage(dep).SignInAsync(department);
        await dep.GotoAsync("/problems?view=Assigned");
        await depShell.WaitForInteractiveAsync();
        await Expect(dep.GetByTestId("problem-total")).ToHaveTextAsync("共1条");
        var assigned = dep.GetByTestId("problem-table").Locator("tbody tr");
        await Expect(assigned.Locator("td").Nth(5)).ToHaveTextAsync("市发展和改革委员会");
        await assigned.GetByRole(AriaRole.Link, new() { Name = problemText }).ClickAsync();
        await depShell.WaitForInteractiveAsync();
        await dep.GetByLabel("答复", new() { Exact = true }).FillAsync("已协调电业局，下周完成增容");
        await dep.GetByRole(AriaRole.Button, new() { Name = "答复", Exact = true }).ClickAsync();
        await Expect(Field(dep, "状态")).ToHaveTextAsync("已答复");
        await Expect(Field(dep, "答复")).ToContainTextAsync("已协调电业局，下周完成增容");
        await Expect(Field(dep, "答复")).ToContainTextAsync("市发改委 孙丽");

        // The city closes it; the list shows it 已办结 with the department.
        await city.GotoAsync(detailUrl);
        await cityShell.WaitForInteractiveAsync();
        await Expect(Field(city, "答复")).ToContainTextAsync("已协调电业局，下周完成增容");
        await city.GetByRole(AriaRole.Button, new() { Name = "办结", Exact = true }).ClickAsync();
        await Expect(Field(city, "状态")).ToHaveTextAsync("已办结");
        await Expect(Field(city, "答复日期")).ToHaveTextAsync($"{today.Year}年{today.Month}月{today.Day}日");
        await Expect(Field(city, "办结日期")).ToHaveTextAsync($"{today.Year}年{today.Month}月{today.Day}日");
        await Expect(city.GetByRole(AriaRole.Button, new() { Name = "办结", Exact = true })).ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(city, "problem-detail.png");
        await city.GotoAsync("/problems");
        await cityShell.WaitForInteractiveAsync();
        var closed = city.GetByTestId("problem-table").Locator("tbody tr").Filter(new() { HasText = problemText });
        await Expect(closed.Locator("td").Nth(5)).ToHaveTextAsync("市发展和改革委员会");
        await Expect(closed.Locator("td").Nth(7)).ToHaveTextAsync("已办结");
        await Artifacts.ScreenshotAsync(city, "problems.png");
        await Layout.AssertOneLineAsync(city.Locator("[data-testid=problem-table] th"), "problem list headers");
    }

    /// <summary>The value cell of a row of the problem's detail table, by its header.</summary>
    private static ILocator Field(IPage page, string header) =>
        page.Locator(".mud-main-content tr").Filter(new() { Has = page.Locator("th", new() { HasTextRegex = new Regex($"^{Regex.Escape(header)}$") }) }).Locator("td");

    private Task<int> ActiveProjectsAsync(int unitId) => fixture.App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects
        .CountAsync(p => p.UnitId == unitId && p.Status != Features.Projects.ProjectStatus.Dropped && p.Stage != Features.Projects.ProjectStage.InProduction));

    /// <summary>The submitting units, and the unit's dispatch of the week: its lines and the problems it raised.</summary>
    private Task<(int Units, int Lines, int Problems)> DispatchFactsAsync(int unitId, WeeklyDispatchWeek week) => fixture.App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var units = await db.Units.CountAsync(u => u.IsActive && (u.Kind == UnitKind.County || u.Kind == UnitKind.Zone));
        var dispatch = await db.WeeklyDispatches.SingleAsync(d => d.UnitId == unitId && d.WeekStart == week.Monday);
        var lines = await db.WeeklyDispatchItems.CountAsync(i => i.DispatchId == dispatch.Id);
        var problems = await db.CoordinationProblems.CountAsync(p => p.DispatchId == dispatch.Id);
        return (units, lines, problems);
    });
}

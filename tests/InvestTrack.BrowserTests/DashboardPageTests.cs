using System.Text.RegularExpressions;
using InvestTrack.BrowserTests.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>
/// The dashboard, its records and the big screen in a real browser: figures and charts render, the layout holds,
/// a ranked slice opens records whose total is the clicked amount; the dispatch template dialog opens and cancels.
/// </summary>
public sealed partial class DashboardPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Charts = ["chart-month", "chart-funnel", "chart-unit", "chart-industry", "chart-origin"];
    private static readonly string[] ScreenCharts = ["screen-month", "screen-funnel", "screen-unit", "screen-industry", "screen-origin"];
    private static readonly string[] Ranked = ["unit", "industry", "origin"];

    private async Task<(IPage Page, Shell Shell)> SignedInAsync(IBrowserContext context, string user = "city")
    {
        var page = await context.NewPageAsync();
        return (page, await new LoginPage(page).SignInAsync(user));
    }

    [Fact]
    public async Task Dashboard_shows_figures_charts_and_ranked_lists_and_a_slice_opens_its_records()
    {
        await using var context = await fixture.NewContextAsync();
        var (page, shell) = await SignedInAsync(context);
        await page.GotoAsync("/dashboard");
        await shell.WaitForInteractiveAsync();

        // Six figures of the funds and signings, and four of leads and activities (issue 11).
        await Expect(page.Locator(".kpi-card")).ToHaveCountAsync(10);
        await Expect(page.GetByTestId("outreach").Locator(".kpi-card")).ToHaveCountAsync(4);
        await Expect(page.GetByTestId("outreach-new-value")).ToHaveTextAsync(new Regex(@"^\d+条$"));
        await Expect(page.GetByTestId("kpi-Funds-value")).ToHaveTextAsync(YiAmount());
        await Expect(page.GetByTestId("kpi-Signings-value")).ToHaveTextAsync(new Regex(@"^\d+个$"));
        await Expect(page.GetByTestId("dashboard-scope")).ToContainTextAsync("全市");
        // Last year's figure and the growth stay apart (an ideographic space Razor once dropped).
        Assert.Matches(@"去年同期：\d+\.\d{2}亿元\s+同比(增长|下降)", await page.GetByTestId("kpi-Funds").InnerTextAsync());
        foreach (var chart in Charts)
            await Expect(page.Locator($"[data-testid={chart}] canvas").First).ToBeAttachedAsync();
        foreach (var ranked in Ranked)
            await Expect(page.GetByTestId($"ranked-{ranked}").Locator("tbody tr").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("largest").Locator("tbody tr")).ToHaveCountAsync(10);
        await AssertNoOverlapAsync(page, ".kpi-card");
        await AssertNoOverlapAsync(page, ".dashboard-grid > *");
        await SettleChartsAsync(page);
        await Artifacts.ScreenshotAsync(page, "dashboard.png");

        // Chart labels and tooltips keep two decimals like the tables (52.70, not 52.7): the largest bar's label is
        // the ranked list's first amount.
        var labels = await page.EvaluateAsync<string[]>("""
            () => {
                const option = echarts.getInstanceByDom(document.querySelector('[data-testid=chart-unit]')).getOption();
                const series = option.series[0];
                const largest = Math.max(...series.data);
                return [series.label.formatter({ value: largest }), option.tooltip[0].valueFormatter(largest), ...series.data.map(v => series.label.formatter({ value: v }))];
            }
            """);
        var firstUnitAmount = (await page.GetByTestId("ranked-unit").Locator("tbody tr").First.Locator("td").Nth(2).InnerTextAsync()).Trim();
        Assert.Equal([firstUnitAmount, firstUnitAmount], labels[..2]);
        Assert.All(labels, label => Assert.Matches(@"^\d+\.\d{2}$", label));

        // Each ranked list's first slice opens the records behind it, and their total is the amount clicked.
        foreach (var ranked in Ranked)
        {
            if (ranked != Ranked[0])
            {
                await page.GotoAsync("/dashboard");
                await shell.WaitForInteractiveAsync();
            }
            var first = page.GetByTestId($"ranked-{ranked}").Locator("tbody tr").First;
            var name = (await first.Locator("td").Nth(1).InnerTextAsync()).Trim();
            var amount = (await first.Locator("td").Nth(2).InnerTextAsync()).Trim();
            Assert.Matches(@"^\d+\.\d{2}$", amount);
            await first.GetByRole(AriaRole.Link).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/dashboard/records\?kind=\w+&year=\d{4}&month=\d{1,2}&key="));
            await shell.WaitForInteractiveAsync();
            await Expect(page.GetByTestId("records-summary")).ToHaveTextAsync(new Regex($@"^共\d+个项目，合计{Regex.Escape(amount)}亿元$"));
            await Expect(page.GetByTestId("records-figure")).ToContainTextAsync(name);
            await Expect(page.GetByTestId("records-table").Locator("tbody tr").First).ToBeVisibleAsync();
            if (ranked == Ranked[0])
            {
                // The product's one pager, in Chinese (issue 13, item 3).
                await Expect(page.GetByTestId("records-table").GetByTestId("list-pager")).ToContainTextAsync(new Regex(@"共 \d+ 条"));
                await Artifacts.ScreenshotAsync(page, "dashboard-records.png");
            }
        }
    }

    [Fact]
    public Task Dashboard_speaks_English_to_a_user_who_chose_it() => InEnglishAsync(async (page, shell) =>
    {
        await page.GotoAsync("/dashboard?year=2026&month=11");
        await shell.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("dashboard-scope")).ToContainTextAsync("Whole city · Period: Jan–Nov 2026");
        await Expect(page.GetByTestId("dashboard-month")).ToContainTextAsync("Nov");
        await Expect(page.Locator("[data-testid=chart-month] canvas").First).ToBeAttachedAsync();
        await SettleChartsAsync(page);
        var months = await page.EvaluateAsync<string[]>(
            "() => echarts.getInstanceByDom(document.querySelector('[data-testid=chart-month]')).getOption().xAxis[0].data");
        Assert.Equal(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], months);
        Assert.DoesNotMatch(@"\d+月", await page.GetByTestId("dashboard-scope").InnerTextAsync());
        await Artifacts.ScreenshotAsync(page, "dashboard-en.png");
    });

    [Fact]
    public Task Dispatch_report_in_English_keeps_the_provinces_paragraph_and_pages_its_project_lists() => InEnglishAsync(async (page, shell) =>
    {
        await page.GotoAsync("/reports/dispatch?year=2026&month=11");
        await shell.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("dispatch-paragraph")).ToContainTextAsync("1月至11月，全市纳入省调度系统");
        await Expect(page.GetByTestId("dispatch-month")).ToContainTextAsync("Nov");
        var inScope = page.GetByText(new Regex(@"^Projects in dispatch scope with funds: (\d+), \d+\.\d{2} \(100M yuan\)$"));
        await Expect(inScope).ToBeVisibleAsync();
        var count = int.Parse(InScopeCount().Match(await inScope.InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count > 50, $"the demo city has {count} projects in scope; the list pages at 50");
        await Expect(page.GetByText(new Regex(@"^\d+\.\d{2} / \d+\.\d{2} \(100M yuan\)$"))).ToBeVisibleAsync(); // 资金到位率's parts are money
        await Expect(page.GetByTestId("dispatch-starts-plan")).Not.ToContainTextAsync("年初计划");

        await inScope.ClickAsync();
        var list = page.GetByTestId("project-id-list").First;
        await Expect(list.GetByRole(AriaRole.Link)).ToHaveCountAsync(50);
        await Expect(page.GetByText($"{count} projects")).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "dispatch-en.png");
    });

    /// <summary>Signed in as the leader with English chosen; Chinese again afterwards, as the other tests expect.</summary>
    private async Task InEnglishAsync(Func<IPage, Shell, Task> work)
    {
        await using var context = await fixture.NewContextAsync();
        var (page, shell) = await SignedInAsync(context, "leader");
        await shell.SwitchLanguageAsync(navProjectsAfter: "Projects");
        try
        {
            await work(page, shell);
        }
        finally
        {
            await shell.SwitchLanguageAsync(navProjectsAfter: "项目");
        }
    }

    [Fact]
    public async Task Targets_progress_keeps_unit_names_on_one_line_and_scrolls_sideways()
    {
        await using var context = await fixture.NewContextAsync();
        var (page, shell) = await SignedInAsync(context);
        await page.GotoAsync("/targets");
        await shell.WaitForInteractiveAsync();
        var progress = page.GetByTestId("targets-progress");
        await Expect(progress.Locator("tbody tr").First).ToBeVisibleAsync();
        // The longest unit name stays on one line: its cell is as high as a one-line cell.
        var heights = await progress.Locator("tbody tr td:first-child").EvaluateAllAsync<double[]>("cells => cells.map(c => c.getBoundingClientRect().height)");
        Assert.True(heights.Max() < heights.Min() * 1.5, string.Join(", ", heights));
        await Artifacts.ScreenshotAsync(page, "targets.png");
    }

    [Fact]
    public async Task Dashboard_screen_fills_a_1920x1080_wall_with_figures_and_charts()
    {
        // Nine overdue supervision orders: the panel 超期督办 shows seven and counts the rest, inside the wall.
        await fixture.App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<InvestTrack.Data.AppDbContext>();
            var unit = await db.Units.Where(u => u.Code == "220302").Select(u => u.Id).SingleAsync();
            var due = InvestTrack.Kernel.ChinaTime.Today(TimeProvider.System).AddDays(-40);
            for (var i = 1; i <= 9; i++)
                db.SupervisionOrders.Add(new InvestTrack.Features.SupervisionOrders.SupervisionOrder
                {
                    Year = 2001, Number = i, UnitId = unit, Problem = $"大屏测试：项目开工节点滞后，长期未整改的督办问题第{i}件", PlanDueOn = due.AddDays(i),
                    FixDueOn = due.AddDays(20 + i), Status = InvestTrack.Features.SupervisionOrders.OrderStatus.Issued, IssuedBy = "city",
                    IssuedAt = DateTimeOffset.UtcNow.AddDays(-60), UpdatedAt = DateTimeOffset.UtcNow,
                });
            return await db.SaveChangesAsync();
        });
        await using var context = await fixture.NewContextAsync();
        var (page, shell) = await SignedInAsync(context);
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync("/dashboard/screen");
        await shell.WaitForInteractiveAsync();

        await Expect(page.Locator(".kpi-card")).ToHaveCountAsync(6);
        await Expect(page.GetByTestId("kpi-Funds-value")).ToHaveTextAsync(YiAmount());
        await Expect(page.GetByTestId("screen-updated")).ToContainTextAsync("更新");
        foreach (var chart in ScreenCharts)
            await Expect(page.Locator($"[data-testid={chart}] canvas").First).ToBeAttachedAsync();
        // No menu on the wall.
        await Expect(page.GetByRole(AriaRole.Navigation)).ToHaveCountAsync(0);
        await AssertNoOverlapAsync(page, ".screen-kpis > *");
        await AssertNoOverlapAsync(page, ".screen-grid > *");
        await Expect(page.Locator("[data-testid=screen-orders] tr")).ToHaveCountAsync(7);
        await Expect(page.GetByTestId("screen-orders")).ToContainTextAsync("督〔2001〕1号");
        await Expect(page.GetByTestId("screen-orders")).ToContainTextAsync("另有 2 张");
        // A wall display has no one to scroll it.
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        Assert.True(height <= 1080, $"the screen is {height} px high on a 1080 px wall");
        await SettleChartsAsync(page);
        await Artifacts.ScreenshotAsync(page, "dashboard-screen.png");
    }

    [Fact]
    public async Task Dashboard_dispatch_template_dialog_opens_with_a_preview_and_cancels()
    {
        await using var context = await fixture.NewContextAsync();
        var (page, shell) = await SignedInAsync(context);
        await page.GotoAsync("/reports/dispatch");
        await shell.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("dispatch-paragraph")).ToContainTextAsync("纳入省调度系统");

        await page.GetByTestId("dispatch-edit-template").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("调度文稿模板");
        await Expect(page.GetByTestId("template-text")).ToHaveValueAsync(new Regex(@"\{[^{}]+\}"));
        await Expect(page.GetByTestId("template-preview")).ToContainTextAsync("纳入省调度系统");
        await Expect(page.GetByTestId("template-problem")).ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(page, "dispatch-template.png");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("dispatch-paragraph")).ToBeVisibleAsync();
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    /// <summary>No two of the matched boxes intersect (a broken grid stacks cards on top of each other).</summary>
    private static async Task AssertNoOverlapAsync(IPage page, string selector)
    {
        var overlaps = await page.EvaluateAsync<string[]>("""
            selector => {
              const boxes = [...document.querySelectorAll(selector)].map(e => e.getBoundingClientRect());
              const found = [];
              for (let i = 0; i < boxes.length; i++)
                for (let j = i + 1; j < boxes.length; j++) {
                  const a = boxes[i], b = boxes[j];
                  if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) found.push(`${i}/${j}`);
                }
              return found;
            }
            """, selector);
        Assert.True(overlaps.Length == 0, $"{selector} overlap: {string.Join(", ", overlaps)}");
    }

    /// <summary>ECharts animates its first drawing (about a second): wait it out so the picture shows the bars.</summary>
    /// <summary>Every chart on the page has drawn (ECharts puts its canvas into the element once it has an option).</summary>
    private static Task SettleChartsAsync(IPage page) =>
        page.WaitForFunctionAsync("() => [...document.querySelectorAll('.echart')].every(e => e.querySelector('canvas, svg'))");

    [GeneratedRegex(@"^\d+\.\d{2}亿元$")] private static partial Regex YiAmount();
    [GeneratedRegex(@": (\d+), ")] private static partial Regex InScopeCount();
}

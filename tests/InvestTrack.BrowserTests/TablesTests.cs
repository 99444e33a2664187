using System.Text.Json;
using InvestTrack.BrowserTests.Pages;
using InvestTrack.Data;
using InvestTrack.Features.SupervisionOrders;
using InvestTrack.Features.Warnings;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>
/// Tables that read at a glance and the dashboard that fits (issue 13, items 3 and 8), measured in the browser at a laptop,
/// an office monitor and a wall display, in Chinese and in English: no cell of a date, code, amount, stage or unit (marked
/// cell-*) and no ellipsed name takes a second line; nothing is wider than the window; every list has the same pager; the
/// dashboard and the big screen say their default period, and the big screen fits the window with nothing cut off.
/// </summary>
public sealed class TablesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly (int Width, int Height)[] Sizes = [(1366, 768), (1440, 900), (1920, 1080)];

    /// <summary>The lists city staff work through.</summary>
    private static readonly string[] Lists =
        ["/projects", "/companies", "/leads", "/activities", "/warnings", "/orders", "/problems", "/events", "/talents", "/workstations", "/agencies", "/funds", "/funds/audit"];

    /// <summary>Lists measured for wrapping and width whose pager is not (yet) the shared one.</summary>
    private static readonly string[] ListsWithTheirOwnPager = [];

    private sealed record Language(string Name, string Nav, string Screen, string FirstPage);

    private static readonly Language[] Languages = [new("zh", "项目", "数据大屏", "第一页"), new("en", "Projects", "Big screen", "First page")];

    /// <summary>Per marked cell: whether its text boxes sit on more than one line (every box must overlap the first one).</summary>
    private const string WrappedCells = """
        () => {
          const cells = document.querySelectorAll('td.cell-date, td.cell-code, td.cell-num, td.cell-stage, td.cell-unit, .cell-name');
          const wrapped = [];
          let measured = 0;
          for (const cell of cells) {
            if (cell.getClientRects().length === 0) continue; // a hidden column
            const boxes = [];
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              if (!node.textContent.trim()) continue;
              const range = document.createRange();
              range.selectNodeContents(node);
              for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) boxes.push(r);
            }
            if (boxes.length === 0) continue;
            measured++;
            const first = boxes[0];
            if (boxes.some(b => b.top >= first.bottom - 2 || b.bottom <= first.top + 2))
              wrapped.push(`${cell.className.replace('mud-table-cell', '').trim()} "${cell.innerText.trim().slice(0, 40)}"`);
          }
          return { measured, wrapped };
        }
        """;

    /// <summary>The pagers of the page: the shared one (its look) and any other (MudBlazor's own, not inside it).</summary>
    private const string Pagers = """
        () => {
          const shared = [...document.querySelectorAll('nav.list-pager')];
          const others = [...document.querySelectorAll('.mud-pagination, .mud-table-pagination-toolbar')].filter(p => !p.closest('nav.list-pager'));
          const look = shared.map(p => {
            const total = getComputedStyle(p.querySelector('.list-pager-total'));
            const button = p.querySelector('.mud-pagination-item button');
            return [total.fontSize, total.fontFamily, total.color, button ? Math.round(button.getBoundingClientRect().height) : 0,
                    p.querySelectorAll('.mud-pagination-item').length > 0, p.getAttribute('aria-label') ?? ''].join('|');
          });
          const rows = document.querySelectorAll('.list-frame table tbody tr').length;
          const first = shared.length ? shared[0].querySelector('.mud-pagination-item button')?.getAttribute('aria-label') ?? '' : '';
          return { shared: shared.length, others: others.length, look, rows, first };
        }
        """;

    /// <summary>Every chart on the page has drawn (ECharts puts its canvas into the element once it has an option).</summary>
    private const string ChartsDrawn = "() => [...document.querySelectorAll('.echart')].every(e => e.querySelector('canvas, svg'))";

    private sealed record CellReport(int Measured, string[] Wrapped);

    /// <param name="First">The screen reader's name of the first button ("first page").</param>
    private sealed record PagerReport(int Shared, int Others, string[] Look, int Rows, string First);

    private static async Task<CellReport> CellsAsync(IPage page)
    {
        var r = await page.EvaluateAsync<JsonElement>(WrappedCells);
        return new(r.GetProperty("measured").GetInt32(), [.. r.GetProperty("wrapped").EnumerateArray().Select(e => e.GetString()!)]);
    }

    private static async Task<PagerReport> PagersAsync(IPage page)
    {
        var r = await page.EvaluateAsync<JsonElement>(Pagers);
        return new(r.GetProperty("shared").GetInt32(), r.GetProperty("others").GetInt32(), [.. r.GetProperty("look").EnumerateArray().Select(e => e.GetString()!)],
            r.GetProperty("rows").GetInt32(), r.GetProperty("first").GetString()!);
    }

    /// <summary>A warning run of the last complete 旬 and three overdue orders with long problems: the lists have rows.</summary>
    private async Task SeedAsync()
    {
        await fixture.App.AsSystemAsync(async sp =>
        {
            var runs = sp.GetRequiredService<WarningRunService>();
            await runs.RunAsync(runs.LastCompleteXun(), "tables");
            var db = sp.GetRequiredService<AppDbContext>();
            if (await db.SupervisionOrders.AnyAsync(o => o.Year == 2002)) return 0;
            var unit = await db.Units.Where(u => u.Code == "220302").Select(u => u.Id).SingleAsync();
            var due = ChinaTime.Today(TimeProvider.System).AddDays(-30);
            for (var i = 1; i <= 3; i++)
                db.SupervisionOrders.Add(new SupervisionOrder
                {
                    Year = 2002, Number = i, UnitId = unit, Problem = $"表格测试：项目开工节点滞后，用地手续和施工许可长期未能办结，需要市直部门协调解决的第{i}件督办问题",
                    PlanDueOn = due, FixDueOn = due.AddDays(10), Status = OrderStatus.Issued, IssuedBy = "city", IssuedAt = DateTimeOffset.UtcNow.AddDays(-40),
                    UpdatedAt = DateTimeOffset.UtcNow,
                });
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Lists_keep_cells_on_one_line_fit_the_window_and_share_one_pager_in_both_languages()
    {
        await SeedAsync();
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync("city");
        var looks = new HashSet<string>();
        var problems = new List<string>();
        var measuredCells = 0;
        try
        {
            foreach (var language in Languages)
            {
                if (language.Name == "en") await shell.SwitchLanguageAsync(navProjectsAfter: language.Nav);
                foreach (var (width, height) in Sizes)
                {
                    await page.SetViewportSizeAsync(width, height);
                    foreach (var list in Lists.Concat(ListsWithTheirOwnPager))
                    {
                        await page.GotoAsync(list);
                        await shell.WaitForInteractiveAsync();
                        // A list that loads its rows after the first render is measured once they are there, not while it loads.
                        await page.WaitForFunctionAsync("() => document.querySelectorAll('.list-frame .mud-progress-linear').length === 0");
                        var where = $"{list} {language.Name} {width}×{height}";
                        var cells = await CellsAsync(page);
                        measuredCells += cells.Measured;
                        problems.AddRange(cells.Wrapped.Select(w => $"{where}: wraps {w}"));
                        if (!await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"))
                            problems.Add($"{where}: wider than the window ({await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")} px)");
                        if (!ListsWithTheirOwnPager.Contains(list))
                        {
                            var pagers = await PagersAsync(page);
                            if (pagers.Others > 0) problems.Add($"{where}: {pagers.Others} pager(s) other than the shared one");
                            if (pagers.Rows > 0 && pagers.Shared != 1) problems.Add($"{where}: {pagers.Shared} shared pagers for {pagers.Rows} rows");
                            foreach (var look in pagers.Look) looks.Add($"{language.Name} {width} {look}");
                            if (pagers.Shared > 0 && pagers.First != language.FirstPage) problems.Add($"{where}: the pager's first button reads “{pagers.First}”");
                        }
                        await Artifacts.ScreenshotAsync(page, $"tables{list.Replace('/', '-')}-{language.Name}-{width}x{height}.png", fullPage: false);
                    }
                }
            }
        }
        finally
        {
            await page.GotoAsync("/");
            if (await shell.NavLink("Projects").CountAsync() > 0) await shell.SwitchLanguageAsync(navProjectsAfter: "项目");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(measuredCells > 1000, $"only {measuredCells} marked cells measured: are the lists empty?");
        // One look per language and window: the same pager on every list.
        Assert.NotEmpty(looks);
        foreach (var group in looks.GroupBy(l => string.Join(' ', l.Split(' ')[..2])))
            Assert.True(group.Count() == 1, $"pagers differ at {group.Key}: {string.Join(" / ", group)}");
    }

    [Fact]
    public async Task Dashboard_and_big_screen_say_their_period_fit_every_window_and_are_in_the_menu()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync("leader");
        var problems = new List<string>();
        try
        {
            foreach (var language in Languages)
            {
                if (language.Name == "en")
                {
                    await page.GotoAsync("/"); // the big screen has no app bar
                    await shell.SwitchLanguageAsync(navProjectsAfter: language.Nav);
                }
                foreach (var (width, height) in Sizes)
                {
                    await page.SetViewportSizeAsync(width, height);
                    var where = $"{language.Name} {width}×{height}";
                    await page.GotoAsync("/dashboard");
                    await shell.WaitForInteractiveAsync();
                    await Expect(page.GetByTestId("dashboard-default-period")).ToBeVisibleAsync();
                    await Expect(page.Locator(".kpi-card")).ToHaveCountAsync(10);
                    var cells = await CellsAsync(page);
                    problems.AddRange(cells.Wrapped.Select(w => $"dashboard {where}: wraps {w}"));
                    if (!await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"))
                        problems.Add($"dashboard {where}: wider than the window");
                    // 序时进度: behind it in the warning colour (red), never green; on or ahead of it not red or green.
                    foreach (var (cls, colour) in await PaceColoursAsync(page))
                    {
                        var (r, g, b) = colour;
                        if (g > r + 40 && g > b) problems.Add($"dashboard {where}: {cls} is green ({r},{g},{b})");
                        if (cls == "pace-behind" && !(r > 150 && r > g + 60)) problems.Add($"dashboard {where}: behind pace is not in the warning colour ({r},{g},{b})");
                        if (cls == "pace-ahead" && r > g + 60) problems.Add($"dashboard {where}: on pace is in the warning colour ({r},{g},{b})");
                    }
                    await page.WaitForFunctionAsync(ChartsDrawn);
                    await Artifacts.ScreenshotAsync(page, $"tables-dashboard-{language.Name}-{width}x{height}.png");

                    // The big screen from the menu: one window, nothing cut off.
                    await shell.NavLink(language.Screen).ClickAsync();
                    await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dashboard/screen$"));
                    await shell.WaitForInteractiveAsync();
                    await Expect(page.Locator(".kpi-card")).ToHaveCountAsync(6);
                    await Expect(page.GetByTestId("screen-default-period")).ToBeVisibleAsync();
                    await page.WaitForFunctionAsync(ChartsDrawn);
                    problems.AddRange((await page.EvaluateAsync<string[]>(Clipped)).Select(c => $"screen {where}: {c}"));
                    await Artifacts.ScreenshotAsync(page, $"tables-screen-{language.Name}-{width}x{height}.png");
                }
            }
        }
        finally
        {
            await page.GotoAsync("/");
            if (await shell.NavLink("Projects").CountAsync() > 0) await shell.SwitchLanguageAsync(navProjectsAfter: "项目");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The big screen's overflows: the page beyond the window, and any figure, line or heading cut off in its box.</summary>
    private const string Clipped = """
        () => {
          const found = [];
          const doc = document.documentElement;
          if (doc.scrollWidth > innerWidth) found.push(`page ${doc.scrollWidth} px wide`);
          if (doc.scrollHeight > innerHeight) found.push(`page ${doc.scrollHeight} px high`);
          for (const e of document.querySelectorAll('.screen-page .kpi-card, .screen-page .kpi-card *, .screen-title, .screen-meta, .screen-default, .screen-panel, .screen-panel h2')) {
            const r = e.getBoundingClientRect();
            if (r.width === 0) continue;
            const name = `${e.className || e.tagName} "${(e.innerText || '').trim().slice(0, 30)}"`;
            if (r.right > innerWidth + 1 || r.bottom > innerHeight + 1) found.push(`${name} beyond the window`);
            if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') found.push(`${name} cut (${e.scrollWidth} > ${e.clientWidth})`);
            const parent = e.parentElement.getBoundingClientRect();
            if (e.closest('.kpi-card') && e !== e.closest('.kpi-card') && (r.right > parent.right + 1 || r.left < parent.left - 1)) found.push(`${name} sticks out of its card`);
          }
          return found;
        }
        """;

    private static async Task<List<(string Class, (int R, int G, int B) Colour)>> PaceColoursAsync(IPage page)
    {
        var raw = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('.pace-behind, .pace-ahead')].map(e => [e.className, getComputedStyle(e).color])
            """);
        return [.. raw.EnumerateArray().Select(x =>
        {
            var parts = x[1].GetString()!.Split('(', ')')[1].Split(',').Select(p => (int)double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return (x[0].GetString()!, (parts[0], parts[1], parts[2]));
        })];
    }

    /// <summary>
    /// Per row of the funds review queue: the review cell lies inside the list's frame (not beyond its right edge), the amount is
    /// not under it, the reason box and the buttons share one line, and the row is no taller than those controls.
    /// </summary>
    private const string ReviewRows = """
        () => {
          const frame = document.querySelector('[data-testid=funds-list] .mud-table-container');
          const box = frame.getBoundingClientRect();
          const problems = [];
          const rows = [...frame.querySelectorAll('tbody tr')].filter(r => r.querySelector('td.cell-actions'));
          const mid = r => (r.top + r.bottom) / 2;
          for (const row of rows) {
            const name = `${row.querySelector('td.cell-date')?.innerText.trim()} ${row.querySelector('.cell-code')?.innerText.trim()}`;
            const review = row.querySelector('td.cell-actions').getBoundingClientRect();
            if (review.left < box.left - 1 || review.right > box.right + 1)
              problems.push(`${name}: the review cell (${Math.round(review.left)}–${Math.round(review.right)}) is outside the frame (${Math.round(box.left)}–${Math.round(box.right)})`);
            const amount = row.querySelector('td.cell-num').getBoundingClientRect();
            if (amount.right > review.left + 1) problems.push(`${name}: the amount lies under the review cell`);
            const controls = [...row.querySelectorAll('.funds-review > *')].map(c => c.getBoundingClientRect()).filter(r => r.height > 0);
            if (controls.length < 3) problems.push(`${name}: ${controls.length} review controls`);
            if (controls.some(c => Math.abs(mid(c) - mid(controls[0])) > 3)) problems.push(`${name}: the reason box and the buttons are not on one line`);
            const tallest = Math.max(...controls.map(c => c.height));
            const height = row.getBoundingClientRect().height;
            if (height > tallest + 2 * 8 + 4) problems.push(`${name}: the row is ${Math.round(height)} px high for controls of ${Math.round(tallest)} px`);
          }
          return { rows: rows.length, problems };
        }
        """;

    /// <summary>
    /// The funds review queue reads at a glance at a laptop, an office monitor and a wall display, in both languages: every row
    /// one line, its decision (reason, approve, return) in sight at the right of the list beside the amount, never beyond it.
    /// </summary>
    [Fact]
    public async Task The_funds_review_queue_keeps_each_decision_on_one_line_in_sight()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync("city");
        var problems = new List<string>();
        try
        {
            foreach (var language in Languages)
            {
                if (language.Name == "en") await shell.SwitchLanguageAsync(navProjectsAfter: language.Nav);
                foreach (var (width, height) in Sizes)
                {
                    await page.SetViewportSizeAsync(width, height);
                    await page.GotoAsync("/funds/audit");
                    await shell.WaitForInteractiveAsync();
                    await page.WaitForFunctionAsync("() => document.querySelectorAll('.list-frame .mud-progress-linear').length === 0");
                    var where = $"{language.Name} {width}×{height}";
                    var report = await page.EvaluateAsync<JsonElement>(ReviewRows);
                    Assert.True(report.GetProperty("rows").GetInt32() >= 20, $"{where}: the queue shows {report.GetProperty("rows").GetInt32()} rows: is the demo queue empty?");
                    problems.AddRange(report.GetProperty("problems").EnumerateArray().Select(p => $"{where}: {p.GetString()}"));
                    problems.AddRange((await CellsAsync(page)).Wrapped.Select(w => $"{where}: wraps {w}"));
                    if (!await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"))
                        problems.Add($"{where}: wider than the window");
                    await Artifacts.ScreenshotAsync(page, $"tables-funds-review-{language.Name}-{width}x{height}.png", fullPage: false);
                }
            }
        }
        finally
        {
            await page.GotoAsync("/");
            if (await shell.NavLink("Projects").CountAsync() > 0) await shell.SwitchLanguageAsync(navProjectsAfter: "项目");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task A_users_columns_and_row_height_are_remembered_across_sign_in()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1440, 900);
        var shell = await new LoginPage(page).SignInAsync("tiedong");
        await page.GotoAsync("/projects");
        await shell.WaitForInteractiveAsync();
        var table = page.GetByTestId("project-table");
        var investor = table.GetByRole(AriaRole.Columnheader, new() { Name = "投资方" });
        await Expect(investor).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "列表设置：显示列和行高" }).ClickAsync();
        await page.Locator("[data-column=investor]").ClickAsync();
        await page.Locator("[data-density=compact]").ClickAsync();
        await Expect(investor).ToBeHiddenAsync();
        await Expect(page.GetByTestId("project-list")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("list-compact"));
        await page.Keyboard.PressAsync("Escape");
        await Artifacts.ScreenshotAsync(page, "tables-projects-columns-chosen.png", fullPage: false);

        // Signed out and in again, in a new browser: the same view.
        await shell.LogoutAsync();
        await using var other = await fixture.NewContextAsync();
        var again = await other.NewPageAsync();
        await again.SetViewportSizeAsync(1440, 900);
        var shell2 = await new LoginPage(again).SignInAsync("tiedong");
        await again.GotoAsync("/projects");
        await shell2.WaitForInteractiveAsync();
        await Expect(again.GetByTestId("project-table").GetByRole(AriaRole.Columnheader, new() { Name = "投资方" })).ToBeHiddenAsync();
        await Expect(again.GetByTestId("project-list")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("list-compact"));
        await Expect(again.GetByTestId("project-table").GetByRole(AriaRole.Columnheader, new() { Name = "所属单位" })).ToBeVisibleAsync();

        // Put back, so that the other tests see the default view.
        await again.GetByRole(AriaRole.Button, new() { Name = "列表设置：显示列和行高" }).ClickAsync();
        await again.Locator("[data-column=investor]").ClickAsync();
        await again.Locator("[data-density=normal]").ClickAsync();
        await Expect(again.GetByTestId("project-table").GetByRole(AriaRole.Columnheader, new() { Name = "投资方" })).ToBeVisibleAsync();
        await Expect(again.GetByTestId("project-list")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("list-normal"));
    }
}

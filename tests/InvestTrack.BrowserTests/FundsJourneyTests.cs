using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using InvestTrack.BrowserTests.Pages;
using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Statistics;
using InvestTrack.Kernel;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>
/// Issue 4's journey: a county user reports 省外 funds with a bank slip, the city audits them, and the
/// dashboard and the dispatch report of that month grow by exactly that amount.
/// </summary>
public sealed partial class FundsJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>3500万元 = 0.35亿元: a whole number of the 0.01亿元 the figures are shown in, so sums move exactly.</summary>
    private const string AmountWan = "3500";
    private const long AmountHundredths = 350_000;
    private const decimal AmountYi = 0.35m;

    /// <summary>A tiny but well-formed PDF: the service sniffs "%PDF-".</summary>
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" +
        "trailer<</Root 1 0 R>>\n%%EOF\n");

    private sealed record Choice(int ProjectId, string Code, int UnitId, int Year, int Month, bool CountedBefore)
    {
        public string MonthText => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
    }

    /// <summary>
    /// A project of the unit the dispatch counts (active, signed, planned ≥ the threshold) and the latest month
    /// (from now backwards) that is not locked, not before its signing, and has no 省外 record of it yet.
    /// </summary>
    private static Task<Choice> ChooseAsync(TestApp app, int unitId) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var options = sp.GetRequiredService<IOptions<StatisticsOptions>>().Value;
        var today = FundsRules.TodayInChina(sp.GetRequiredService<TimeProvider>());
        var locked = (await db.MonthLocks.Where(m => m.IsLocked).Select(m => m.Period).ToListAsync()).ToHashSet();
        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.UnitId == unitId && p.Status == ProjectStatus.Active && p.SignedOn != null && p.PlannedInvestment >= options.DispatchThreshold)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.Code, SignedOn = p.SignedOn!.Value }).ToListAsync();
        var taken = (await db.FundsRecords.Where(f => f.UnitId == unitId && f.Source == options.CountedSource)
            .Select(f => new { f.ProjectId, f.Period }).ToListAsync()).Select(f => (f.ProjectId, f.Period)).ToHashSet();
        for (var month = new DateOnly(today.Year, today.Month, 1); month > today.AddYears(-3); month = month.AddMonths(-1))
        {
            var period = FundsRules.PeriodOf(month);
            if (locked.Contains(period)) continue;
            foreach (var p in projects.Where(p => FundsRules.PeriodOf(p.SignedOn) <= period && !taken.Contains((p.Id, period))))
            {
                var counted = await db.FundsRecords.AnyAsync(f => f.ProjectId == p.Id && f.Status == FundsAuditStatus.Audited
                    && f.Source == options.CountedSource && f.Period >= month.Year * 100 + 1 && f.Period <= period && f.Amount > 0);
                return new Choice(p.Id, p.Code, unitId, month.Year, month.Month, counted);
            }
        }
        throw new InvalidOperationException("the demo data has no project and month left to report funds for");
    });

    private sealed record Figures(decimal KpiFundsYi, decimal MonthTotalYi, decimal ProjectMonthWan, int InScopeCount, decimal InScopeYi, string Paragraph);

    [Fact]
    public async Task FundsJourney_reported_audited_and_counted_on_dashboard_and_dispatch()
    {
        var tiexi = await fixture.App.UserAsync("tiexi");
        var choice = await ChooseAsync(fixture.App, tiexi.UnitId);

        await using var cityContext = await fixture.NewContextAsync();
        var city = await cityContext.NewPageAsync();
        var cityShell = await new LoginPage(city).SignInAsync("city");
        var before = await ReadFiguresAsync(city, cityShell, choice, screenshots: false);

        // The county reports the funds with a bank slip.
        await using var countyContext = await fixture.NewContextAsync();
        var county = await countyContext.NewPageAsync();
        var countyShell = await new LoginPage(county).SignInAsync("tiexi");
        await county.GotoAsync($"/projects/{choice.ProjectId}/funds");
        await countyShell.WaitForInteractiveAsync();
        await FundsPages.PickMonthAsync(county, "funds-month", choice.Year, choice.Month);
        await county.GetByTestId("funds-amount").FillAsync(AmountWan);
        await county.Locator(".mud-input-control.mud-select").Filter(new() { HasText = "资金来源" }).ClickAsync();
        await county.GetByRole(AriaRole.Option, new() { Name = "省外", Exact = true }).ClickAsync();
        await county.GetByTestId("funds-save").ClickAsync();

        var reported = Row(county, choice.MonthText);
        await Expect(reported).ToHaveCountAsync(1);
        await Expect(reported).ToContainTextAsync("3,500.00");
        await Expect(reported).ToContainTextAsync("待审核");
        await Expect(reported.GetByTestId("funds-reporter")).ToHaveTextAsync("铁西区 张华铁西区");
        await UploadEvidenceAsync(county, reported, "到位资金银行回单.pdf");
        await Expect(reported.Locator("td").Nth(6)).ToHaveTextAsync("1");
        await Artifacts.ScreenshotAsync(county, "funds-journey-reported.png");

        // Pending funds count nowhere yet.
        Assert.Equal(before, await ReadFiguresAsync(city, cityShell, choice, screenshots: false));

        // The city audits them.
        await city.GotoAsync("/funds/audit");
        await cityShell.WaitForInteractiveAsync();
        // The queue narrowed to the project: the city's pending records fill more than a page.
        var rows = city.GetByTestId("funds-table").Locator("tbody tr");
        await Expect(rows.Filter(new() { HasNotText = choice.Code }).First).ToBeVisibleAsync();
        var projectFilter = city.GetByTestId("filter-project");
        await projectFilter.ClickAsync();
        await projectFilter.PressSequentiallyAsync(choice.Code, new() { Delay = 30 });
        await city.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = choice.Code }).First.ClickAsync();
        await city.GetByTestId("funds-search").ClickAsync();
        // The whole queue stays until the search answers: act once every row is the project's.
        await Expect(rows.Filter(new() { HasNotText = choice.Code })).ToHaveCountAsync(0);
        var queued = rows.Filter(new() { HasText = choice.MonthText }).Filter(new() { HasText = choice.Code });
        await Expect(queued).ToHaveCountAsync(1);
        await Expect(queued).ToContainTextAsync("到位资金银行回单.pdf");
        // Who reported it, by name and unit; never the sign-in name.
        await Expect(queued.GetByTestId("funds-reporter")).ToHaveTextAsync("铁西区 张华铁西区");
        await Expect(queued).Not.ToContainTextAsync("tiexi");
        await Artifacts.ScreenshotAsync(city, "funds-journey-audit.png");
        await queued.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
        await Expect(queued).ToHaveCountAsync(0);

        await city.GotoAsync($"/projects/{choice.ProjectId}/funds");
        await cityShell.WaitForInteractiveAsync();
        var audited = Row(city, choice.MonthText);
        await Expect(audited).ToContainTextAsync("已审核");
        await Expect(audited.GetByTestId("funds-auditor")).ToHaveTextAsync("市经合局 王明四平市");
        await Artifacts.ScreenshotAsync(city, "funds-journey-audited.png");

        var after = await ReadFiguresAsync(city, cityShell, choice, screenshots: true);
        Assert.Equal(before.KpiFundsYi + AmountYi, after.KpiFundsYi);
        Assert.Equal(before.MonthTotalYi + AmountYi, after.MonthTotalYi);
        Assert.Equal(before.ProjectMonthWan + Money.ToWan(AmountHundredths), after.ProjectMonthWan);
        Assert.Equal(before.InScopeCount + (choice.CountedBefore ? 0 : 1), after.InScopeCount);
        Assert.Equal(before.InScopeYi + AmountYi, after.InScopeYi);
        Assert.NotEqual(before.Paragraph, after.Paragraph);
        Assert.Contains(after.InScopeYi.ToString("0.00", CultureInfo.InvariantCulture) + "亿元", after.Paragraph, StringComparison.Ordinal);
    }

    /// <summary>The project page's funds row of a month and source 省外 (the ledger keeps one per project, month and source).</summary>
    private static ILocator Row(IPage page, string month) =>
        page.GetByTestId("funds-table").Locator("tbody tr").Filter(new() { HasText = month }).Filter(new() { HasText = "省外" });

    /// <summary>
    /// The record's evidence dialog: the slip dropped on its drop zone once the zone says it takes files (no retry: a file
    /// dropped on a ready zone is never lost), the link shown in the dialog, then back to the list.
    /// </summary>
    private static async Task UploadEvidenceAsync(IPage page, ILocator row, string name)
    {
        await row.GetByTestId("funds-evidence").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("evidence-rules")).ToBeVisibleAsync();
        await FundsPages.DropAsync(dialog.GetByTestId("evidence-drop"), name, "application/pdf", Pdf);
        await Expect(dialog.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("evidence-messages")).ToHaveTextAsync($"已上传：{name}");
        await dialog.GetByTestId("evidence-close").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
    }

    /// <summary>The month's figures as the city sees them: dashboard KPI, the month's records, the dispatch report of the unit.</summary>
    private static async Task<Figures> ReadFiguresAsync(IPage page, Shell shell, Choice c, bool screenshots)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"year={c.Year}&month={c.Month}");
        await page.GotoAsync($"/dashboard?{query}&unit={c.UnitId}");
        await shell.WaitForInteractiveAsync();
        var kpi = Yi(await TextAsync(page.GetByTestId("kpi-Funds-value"), YiPattern()));
        if (screenshots) await Artifacts.ScreenshotAsync(page, "funds-journey-dashboard.png");

        await page.GotoAsync($"/dashboard/records?kind=Month&{query}&unit={c.UnitId}&key={c.Month}");
        await shell.WaitForInteractiveAsync();
        var summary = await TextAsync(page.GetByTestId("records-summary"), YiPattern());
        var table = page.GetByTestId("records-table");
        await Expect(table.Locator("tbody tr").First).ToBeVisibleAsync();
        var row = table.Locator("tbody tr").Filter(new() { Has = page.GetByText(c.Code, new() { Exact = true }) });
        var projectWan = await row.CountAsync() == 0 ? 0m
            : decimal.Parse(await row.Locator("td").Last.InnerTextAsync(), NumberStyles.Number, CultureInfo.InvariantCulture);
        if (screenshots) await Artifacts.ScreenshotAsync(page, "funds-journey-records.png");

        await page.GotoAsync($"/reports/dispatch?{query}&unitId={c.UnitId}");
        await shell.WaitForInteractiveAsync();
        var inScope = InScope().Match(await TextAsync(page.GetByText(InScope()), InScope()));
        var paragraph = (await page.GetByTestId("dispatch-paragraph").InnerTextAsync()).Trim();
        if (screenshots) await Artifacts.ScreenshotAsync(page, "funds-journey-dispatch.png");

        return new Figures(kpi, Yi(summary), projectWan, int.Parse(inScope.Groups[1].Value, CultureInfo.InvariantCulture),
            decimal.Parse(inScope.Groups[2].Value, CultureInfo.InvariantCulture), paragraph);
    }

    private static async Task<string> TextAsync(ILocator locator, Regex shape)
    {
        await Expect(locator).ToHaveTextAsync(shape);
        return (await locator.InnerTextAsync()).Trim();
    }

    private static decimal Yi(string text) => decimal.Parse(YiPattern().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(\d+\.\d{2})亿元")] private static partial Regex YiPattern();
    [GeneratedRegex(@"^纳入省调度有资金到位的项目：(\d+)个，(\d+\.\d{2})亿元$")] private static partial Regex InScope();
}

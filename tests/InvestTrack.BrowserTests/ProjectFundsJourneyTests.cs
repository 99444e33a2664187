using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using InvestTrack.BrowserTests.Pages;
using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Funds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>
/// Issue 13's journey "new project → first funds → audit → dashboard", clicked through the menu and the buttons only: no
/// address is typed after signing in. A county user creates a project with a new investor registered from inside the form
/// and the code left empty, signs it in the stage dialog, reports its first funds from the project page with a bank slip
/// dropped on the drop zone; the city approves them in the review queue as a batch; the dashboard's funds figure grows by
/// exactly that amount.
/// </summary>
public sealed partial class ProjectFundsJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>3500万元 = 0.35亿元: a whole number of the 0.01亿元 the dashboard shows, so the figure moves exactly.</summary>
    private const string AmountWan = "3500";
    private const decimal AmountYi = 0.35m;
    private const string Slip = "首笔到位资金银行回单.pdf";

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" +
        "trailer<</Root 1 0 R>>\n%%EOF\n");

    [Fact]
    public async Task New_project_first_funds_audit_and_dashboard_through_menus_and_buttons_only()
    {
        var month = await MonthToReportAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var projectName = $"旅程测试智能装备项目{suffix}";
        var companyName = $"深圳旅程测试科技有限公司{suffix}";
        var creditCode = CreditCodeOf(suffix);
        // axe-core at each new control of the journey (dialogs, the month picker, the drop zone, the review queue's selection).
        var violations = new List<string>();
        async Task AxeAsync(IPage page, string where) => violations.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"{where}: {v}"));

        await using var cityContext = await fixture.NewContextAsync(BrowserFixture.Desktop);
        var city = await cityContext.NewPageAsync();
        var cityShell = await new LoginPage(city).SignInAsync("city");
        var before = await DashboardFundsAsync(city, cityShell, month);

        // The county creates the project: code left empty, the investor registered from inside the form.
        await using var countyContext = await fixture.NewContextAsync(BrowserFixture.Desktop);
        var county = await countyContext.NewPageAsync();
        var countyShell = await new LoginPage(county).SignInAsync("tiexi");
        await countyShell.NavLink("项目").ClickAsync();
        await Expect(county).ToHaveURLAsync(new Regex("/projects$"));
        await countyShell.WaitForInteractiveAsync();
        await county.GetByTestId("new-project").ClickAsync();
        await Expect(county).ToHaveURLAsync(new Regex("/projects/new$"));
        await countyShell.WaitForInteractiveAsync();
        var form = new ProjectEditPage(county);
        await Expect(form.Code).ToHaveAttributeAsync("placeholder", SuggestedCode());
        var suggested = await form.Code.GetAttributeAsync("placeholder") ?? "";
        await Expect(county.GetByText($"留空则自动编号为 {suggested}")).ToBeVisibleAsync();
        await form.Name.FillAsync(projectName);

        await county.GetByTestId("project-new-company").ClickAsync();
        var dialog = county.GetByRole(AriaRole.Dialog).Filter(new() { HasText = "新建投资方" });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByTestId("company-name").FillAsync(companyName);
        // The directory's credit-code check answers as the field is left: a wrong check character first, then the right code.
        await dialog.GetByTestId("company-code").FillAsync(creditCode[..17] + (creditCode[17] == '0' ? '1' : '0'));
        await dialog.GetByTestId("company-origin").ClickAsync();
        await Expect(dialog.GetByText("统一社会信用代码校验码错误。")).ToBeVisibleAsync();
        await dialog.GetByTestId("company-code").FillAsync(creditCode);
        await dialog.GetByTestId("company-origin").FillAsync("广东省深圳市");
        await Expect(dialog.GetByText("统一社会信用代码校验码错误。")).ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(county, "journey-new-investor.png", fullPage: false);
        await AxeAsync(county, "new investor dialog");
        await dialog.GetByTestId("company-save").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(form.Company).ToHaveValueAsync(companyName);
        await form.FillKeptAsync(form.Planned, "52000");
        await Artifacts.ScreenshotAsync(county, "journey-new-project.png");
        var projectId = await form.SaveAndOpenAsync();

        var project = new ProjectPage(county);
        await countyShell.WaitForInteractiveAsync();
        await Expect(project.Title).ToHaveTextAsync(projectName);
        await Expect(county.GetByTestId("project-fields")).ToContainTextAsync(suggested);
        await Expect(county.GetByTestId("project-fields")).ToContainTextAsync(companyName);

        // Signed in the stage dialog: it marks what signing needs before anything is sent.
        await project.ChangeStage.ClickAsync();
        await Mud.PickAsync(county.GetByTestId("stage-to"), "签约");
        await county.GetByTestId("stage-apply").ClickAsync();
        await Expect(Mud.DateField(county, "签约日期")).ToContainTextAsync("签约及以后的阶段须填写签约日期");
        await Expect(county.Locator(".mud-input-control").Filter(new() { Has = county.GetByTestId("stage-signing-kind") }))
            .ToContainTextAsync("签约及以后的阶段须选择签约类型");
        await Artifacts.ScreenshotAsync(county, "journey-stage-dialog-required.png", fullPage: false);
        await AxeAsync(county, "stage dialog");
        await Mud.PickAsync(county.GetByTestId("stage-signing-kind"), "项目合同");
        var signedOn = county.Locator("input[data-testid=stage-signed-on]");
        await signedOn.FillAsync(month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await signedOn.PressAsync("Tab");
        await Expect(signedOn).ToHaveAttributeAsync("aria-invalid", "false");
        await county.GetByTestId("stage-contracted").FillAsync("30000");
        await county.GetByTestId("stage-contracted").PressAsync("Tab");
        await Expect(Mud.DateField(county, "签约日期")).Not.ToContainTextAsync("签约及以后的阶段须填写签约日期");
        await county.GetByTestId("stage-apply").ClickAsync();
        await Mud.ConfirmAsync(county, "确认将项目从", "确认变更");
        await Expect(project.Stage).ToHaveTextAsync("签约");

        // The first funds, from the project page's funds tab.
        await county.GetByRole(AriaRole.Tab, new() { Name = "到位资金" }).ClickAsync();
        await Expect(county.GetByTestId("funds-all-total")).ToHaveTextAsync("0.00 万元（0.00 亿元）");
        await county.GetByTestId("project-report-funds").ClickAsync();
        await Expect(county).ToHaveURLAsync(new Regex($"/funds/new\\?project={projectId}$"));
        await countyShell.WaitForInteractiveAsync();
        await Expect(county.GetByTestId("entry-project")).ToHaveValueAsync(new Regex($"^{suggested} "));
        await AxeAsync(county, "funds entry");
        await FundsPages.PickMonthAsync(county, "funds-month", month.Year, month.Month);
        await county.GetByTestId("funds-amount").FillAsync(AmountWan);
        await Mud.PickAsync(county.GetByTestId("funds-source"), "省外");
        await county.GetByTestId("funds-save").ClickAsync();
        await Expect(county.GetByTestId("funds-entry-done")).ToContainTextAsync("待审核");

        // The slip dropped on the drop zone: it names what it takes, shows the file stored, and is empty again.
        var zone = county.GetByTestId("evidence-drop");
        await Expect(zone.GetByTestId("evidence-rules")).ToHaveTextAsync("支持 PDF、JPG、PNG 文件，单个不超过 10 MB，一次最多 10 个");
        await FundsPages.DropAsync(zone, Slip, "application/pdf", Pdf);
        await Expect(county.GetByTestId("evidence-link").Filter(new() { HasText = Slip })).ToBeVisibleAsync();
        await Expect(county.GetByTestId("evidence-messages")).ToHaveTextAsync($"已上传：{Slip}");
        await Expect(zone.GetByTestId("evidence-progress")).ToHaveCountAsync(0);
        await Expect(zone).ToHaveAttributeAsync("data-ready", "true");
        await Artifacts.ScreenshotAsync(county, "journey-funds-evidence.png");
        await AxeAsync(county, "funds entry, saved, drop zone");
        await county.GetByTestId("funds-entry-finish").ClickAsync();
        await Expect(county).ToHaveURLAsync(new Regex($"/projects/{projectId}\\?tab=funds$"));
        await Expect(county.GetByTestId("funds-pending")).ToHaveTextAsync("1");
        await Expect(county.GetByTestId("project-funds").GetByTestId("funds-table")).ToContainTextAsync("待审核");
        await Artifacts.ScreenshotAsync(county, "journey-project-funds.png");
        await AxeAsync(county, "project page, funds tab");

        // Pending funds count nowhere yet.
        Assert.Equal(before, await DashboardFundsAsync(city, cityShell, month));

        // The city approves them in the review queue, as a batch of what it selected.
        await cityShell.NavLink("到位资金审核").ClickAsync();
        await Expect(city).ToHaveURLAsync(new Regex("/funds/audit$"));
        await cityShell.WaitForInteractiveAsync();
        var rows = city.GetByTestId("funds-table").Locator("tbody tr");
        // The queue holds other projects' records: once the search answers, none of them is left.
        await Expect(rows.Filter(new() { HasNotText = suggested }).First).ToBeVisibleAsync();
        var projectFilter = city.GetByTestId("filter-project");
        await projectFilter.ClickAsync();
        await projectFilter.PressSequentiallyAsync(suggested, new() { Delay = 30 });
        await city.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = suggested }).First.ClickAsync();
        await city.GetByTestId("funds-search").ClickAsync();
        // The whole queue stays until the search answers (and a new search clears what was ticked): every row is the project's.
        await Expect(rows.Filter(new() { HasNotText = suggested })).ToHaveCountAsync(0);
        var row = rows.Filter(new() { HasText = suggested });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("funds-reporter")).ToHaveTextAsync("铁西区 张华铁西区");
        await Expect(row).Not.ToContainTextAsync("tiexi");
        await Expect(row).ToContainTextAsync(Slip);
        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await Expect(city.GetByTestId("audit-batch")).ToHaveTextAsync("批量审核通过（1）");
        await Artifacts.ScreenshotAsync(city, "journey-review-queue.png");
        await AxeAsync(city, "review queue");
        await city.GetByTestId("audit-batch").ClickAsync();
        await Expect(city.GetByText("已审核通过 1 条")).ToBeVisibleAsync();
        await Expect(row).ToHaveCountAsync(0);

        var recordId = await fixture.App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().FundsRecords
            .Where(f => f.ProjectId == projectId).Select(f => f.Id).SingleAsync());
        var audited = await fixture.App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.ObjectType == nameof(FundsRecord) && e.ObjectId == recordId.ToString(CultureInfo.InvariantCulture) && e.Action == "Update")
            .Select(e => e.UserName).ToListAsync());
        Assert.Equal(["city"], audited);

        var after = await DashboardFundsAsync(city, cityShell, month, screenshot: true);
        Assert.Equal(before + AmountYi, after);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>The dashboard's 到位资金 for the month's period, opened from the menu and its own period fields.</summary>
    private static async Task<decimal> DashboardFundsAsync(IPage page, Shell shell, DateOnly month, bool screenshot = false)
    {
        await shell.NavLink("数据看板").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard"));
        await shell.WaitForInteractiveAsync();
        var year = page.GetByTestId("dashboard-year");
        await year.FillAsync(month.Year.ToString(CultureInfo.InvariantCulture));
        await year.PressAsync("Tab");
        await Mud.PickAsync(page.GetByTestId("dashboard-month"), $"{month.Month}月");
        await page.GetByTestId("dashboard-show").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"year={month.Year}&month={month.Month}(&|$)"));
        await Expect(page.GetByTestId("dashboard-scope")).ToContainTextAsync($"{month.Month}月");
        var value = page.GetByTestId("kpi-Funds-value");
        await Expect(value).ToHaveTextAsync(YiAmount());
        if (screenshot) await Artifacts.ScreenshotAsync(page, "journey-dashboard.png");
        return decimal.Parse(YiAmount().Match(await value.InnerTextAsync()).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The last complete month, or the one before when it is locked: funds of a locked month cannot be reported.</summary>
    private Task<DateOnly> MonthToReportAsync() => fixture.App.AsSystemAsync(async sp =>
    {
        var today = FundsRules.TodayInChina(sp.GetRequiredService<TimeProvider>());
        var locked = await sp.GetRequiredService<AppDbContext>().MonthLocks.Where(m => m.IsLocked).Select(m => m.Period).ToListAsync();
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        while (locked.Contains(FundsRules.PeriodOf(month))) month = month.AddMonths(-1);
        return month;
    });

    /// <summary>A valid 统一社会信用代码 of a Shenzhen company, unique to this run.</summary>
    private static string CreditCodeOf(string suffix)
    {
        var digits = string.Concat(suffix.Select(c => (char)('0' + c % 10)));
        var body = $"91440300{digits}{Random.Shared.Next(100, 999)}";
        return body + CreditCode.CheckCharacterFor(body);
    }

    [GeneratedRegex(@"^SP\d{4}\d{3,}$")] private static partial Regex SuggestedCode();
    [GeneratedRegex(@"(\d+\.\d{2})亿元")] private static partial Regex YiAmount();
}

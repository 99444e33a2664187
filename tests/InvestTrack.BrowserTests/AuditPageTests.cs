using System.Text.RegularExpressions;
using InvestTrack.BrowserTests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>The auditor's trail in a real browser: rows load newest first, filters apply, a row opens its old and new values.</summary>
public sealed class AuditPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Auditor_filters_the_trail_and_opens_an_entry()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync("auditor");
        await page.GotoAsync("/audit");
        await new Shell(page).WaitForInteractiveAsync();

        var table = page.GetByTestId("audit-table");
        await Expect(table).ToContainTextAsync("查阅审计日志");
        await Expect(table).ToContainTextAsync(new Regex(@"\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}"));

        // The system's own work is named as the system's (the test database is prepared by the actor "test").
        await page.GetByTestId("audit-user").FillAsync("test");
        await page.GetByTestId("audit-search").ClickAsync();
        await Expect(table).ToContainTextAsync("系统（test）");

        await page.GetByTestId("audit-user").FillAsync("");
        await Mud.PickAsync(Mud.Select(page, "对象类型"), "项目");
        await page.GetByTestId("audit-search").ClickAsync();
        // The previous result (the system's entries) held holidays and leads: wait until the projects' entries replace them.
        await Expect(table).Not.ToContainTextAsync("节假日");
        await Expect(table).Not.ToContainTextAsync("招商线索");
        await Expect(table).ToContainTextAsync("新增");
        await Expect(table).Not.ToContainTextAsync("查阅审计日志");

        // The newest creation: demo data also links a project to its lead afterwards (an update without a name).
        await table.Locator("tbody tr").Filter(new() { HasText = "新增" }).First.ClickAsync();
        var detail = page.GetByTestId("audit-detail");
        await Expect(detail).ToContainTextAsync("原值");
        // Fields in Chinese, and the record named beside its id.
        await Expect(detail.GetByTestId("audit-diff")).ToContainTextAsync("名称");
        await Expect(detail.GetByTestId("audit-diff")).ToContainTextAsync("计划总投资");
        await Expect(detail).ToContainTextAsync(new Regex(@"\S+ #\d+"));
        await Artifacts.ScreenshotAsync(page, "audit-trail.png");
    }

    /// <summary>The auditor verifies the chain and writes a checkpoint from the page; both acts land in the trail.</summary>
    [Fact]
    public async Task Auditor_verifies_the_chain_and_writes_a_checkpoint()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync("auditor");
        await page.GotoAsync("/audit");
        await new Shell(page).WaitForInteractiveAsync();

        await page.GetByTestId("audit-verify").ClickAsync();
        await Expect(page.GetByTestId("audit-verification")).ToContainTextAsync(new Regex(@"审计链完整：共 \d+ 条"));
        await page.GetByTestId("audit-checkpoint").ClickAsync();
        await Expect(page.GetByTestId("audit-checkpoint-written")).ToContainTextAsync(new Regex(@"已写入检查点：序号 \d+"));

        await page.GetByTestId("audit-search").ClickAsync();
        var table = page.GetByTestId("audit-table");
        await Expect(table).ToContainTextAsync("审计链");
        await Artifacts.ScreenshotAsync(page, "audit-chain.png", fullPage: false);
    }
}

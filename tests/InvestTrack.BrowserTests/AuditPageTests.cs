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

        await page.GetByTestId("audit-object-type").FillAsync("Project");
        await page.GetByTestId("audit-search").ClickAsync();
        await Expect(table).ToContainTextAsync("新增");
        await Expect(table).Not.ToContainTextAsync("查阅审计日志");

        // The newest creation: demo data also links a project to its lead afterwards (an update without a name).
        await table.Locator("tbody tr").Filter(new() { HasText = "新增" }).First.ClickAsync();
        var detail = page.GetByTestId("audit-detail");
        await Expect(detail).ToContainTextAsync("原值");
        await Expect(detail.GetByTestId("audit-diff")).ToContainTextAsync("Name");
        await Artifacts.ScreenshotAsync(page, "audit-trail.png");
    }
}

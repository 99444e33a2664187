using InvestTrack.BrowserTests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>
/// The one date field (issue 13, item 6): a calendar in the user's language whatever the browser's (this browser speaks
/// English, then Chinese), weeks from Monday, and a text box that takes a typed date and refuses nonsense in words.
/// </summary>
public sealed class DatePickerTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Dates_are_picked_and_typed_in_the_users_language_not_the_browsers()
    {
        await using var context = await fixture.NewContextAsync(BrowserFixture.Desktop, locale: "en-US");
        var page = await context.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync("auditor");
        await page.GotoAsync("/audit");
        await shell.WaitForInteractiveAsync();

        var from = page.Locator("input[data-testid=audit-from]");
        // Typed as people type dates: the calendar then opens on that day.
        await from.FillAsync("2026-1-5");
        await from.PressAsync("Tab");
        await Mud.OpenCalendarAsync(page, "开始日期");
        var calendar = page.Locator(".mud-popover-open .mud-picker-calendar-container");
        await Expect(calendar.Locator(".mud-picker-calendar-day.mud-selected")).ToHaveTextAsync("5");
        await Expect(calendar.Locator(".mud-picker-calendar-header-day .mud-day-label").First).ToHaveTextAsync("周一");
        await Expect(calendar).ToContainTextAsync("2026年1月");
        await Artifacts.ScreenshotAsync(page, "date-picker-zh.png");
        await calendar.Locator(".mud-picker-calendar-day:not(.mud-hidden)").GetByText("7", new() { Exact = true }).First.ClickAsync();
        await Expect(from).ToHaveValueAsync("2026年1月7日");
        await Expect(calendar).ToHaveCountAsync(0);

        await from.FillAsync("明天");
        await from.PressAsync("Tab");
        await Expect(Mud.DateField(page, "开始日期")).ToContainTextAsync("请输入日期");

        await shell.SwitchLanguage.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit trail" })).ToBeVisibleAsync();
        await shell.WaitForInteractiveAsync();
        from = page.Locator("input[data-testid=audit-from]");
        await from.FillAsync("2026年3月9日");
        await from.PressAsync("Tab");
        await Mud.OpenCalendarAsync(page, "From", "Open the calendar");
        calendar = page.Locator(".mud-popover-open .mud-picker-calendar-container");
        await Expect(calendar.Locator(".mud-picker-calendar-day.mud-selected")).ToHaveTextAsync("9");
        await Expect(calendar.Locator(".mud-picker-calendar-header-day .mud-day-label").First).ToHaveTextAsync("Mon");
        await Expect(calendar).ToContainTextAsync("March 2026");
        await Artifacts.ScreenshotAsync(page, "date-picker-en.png");
        await calendar.Locator(".mud-picker-calendar-day:not(.mud-hidden)").GetByText("12", new() { Exact = true }).First.ClickAsync();
        await Expect(from).ToHaveValueAsync("12 Mar 2026");
    }

    /// <summary>What happened (a signing) lies in the past: the calendar offers no day after today (the server checks again).</summary>
    [Fact]
    public async Task What_happened_cannot_be_picked_ahead_of_today()
    {
        await using var context = await fixture.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync("tiexi");
        await page.GotoAsync("/projects/new");
        await shell.WaitForInteractiveAsync();
        await Mud.OpenCalendarAsync(page, "签约日期");
        var days = page.Locator(".mud-popover-open .mud-picker-calendar-container button.mud-day:not(.mud-hidden)");
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        await Expect(days).ToHaveCountAsync(DateTime.DaysInMonth(today.Year, today.Month));
        await Expect(days.Nth(today.Day - 1)).ToBeEnabledAsync();
        await Expect(page.Locator(".mud-popover-open .mud-picker-calendar-container button.mud-day:not(.mud-hidden):disabled"))
            .ToHaveCountAsync(DateTime.DaysInMonth(today.Year, today.Month) - today.Day);
    }
}

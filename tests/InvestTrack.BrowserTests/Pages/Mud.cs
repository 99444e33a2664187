using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests.Pages;

/// <summary>MudBlazor controls as a user works them: selects, date pickers, message boxes.</summary>
public static class Mud
{
    /// <summary>The select (MudSelect) whose label is <paramref name="label"/>.</summary>
    public static ILocator Select(IPage page, string label) =>
        page.Locator(".mud-input-control.mud-select").Filter(new() { Has = page.Locator("label", new() { HasTextRegex = new Regex($"^{Regex.Escape(label)}$") }) });

    /// <summary>Opens the select and picks the option; waits for the list to close.</summary>
    public static async Task PickAsync(ILocator select, string option)
    {
        var page = select.Page;
        await select.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
    }

    /// <summary>The date field (DateField) labelled <paramref name="label"/>.</summary>
    public static ILocator DateField(IPage page, string label) =>
        page.Locator(".mud-picker").Filter(new() { Has = page.Locator("label", new() { HasTextRegex = new Regex($"^{Regex.Escape(label)}") }) });

    /// <summary>Opens the calendar of the date field labelled <paramref name="label"/> with its button.</summary>
    public static async Task OpenCalendarAsync(IPage page, string label, string button = "打开日历")
    {
        await DateField(page, label).GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-picker-calendar-container")).ToBeVisibleAsync();
    }

    /// <summary>Opens the date field labelled <paramref name="label"/> and picks today; waits for the calendar to close.</summary>
    public static async Task PickTodayAsync(IPage page, string label)
    {
        await OpenCalendarAsync(page, label);
        var today = page.Locator(".mud-picker-calendar-day.mud-current");
        await today.First.ClickAsync();
        await Expect(today).ToHaveCountAsync(0);
    }

    /// <summary>The message box (MudMessageBox) showing <paramref name="text"/>: confirms it with <paramref name="yes"/>.</summary>
    public static async Task ConfirmAsync(IPage page, string text, string yes)
    {
        var dialog = page.GetByRole(AriaRole.Dialog).Filter(new() { HasText = text });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = yes, Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }
}

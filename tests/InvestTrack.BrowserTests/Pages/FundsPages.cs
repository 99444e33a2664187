using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests.Pages;

/// <summary>The funds controls as a user works them: the month picker and the evidence drop zone.</summary>
public static partial class FundsPages
{
    /// <summary>
    /// Opens the month picker (MonthField with this test id), moves to the year with its arrows and picks the month, as a
    /// user does; waits for the picker to close and the field to show the month.
    /// </summary>
    public static async Task PickMonthAsync(IPage page, string testId, int year, int month)
    {
        var field = page.GetByTestId(testId);
        await field.GetByRole(AriaRole.Button, new() { NameRegex = MonthButton() }).ClickAsync();
        var picker = page.Locator(".mud-popover-open .mud-picker");
        await Expect(picker.Locator(".mud-picker-month-container")).ToBeVisibleAsync();
        var shown = picker.Locator(".mud-picker-calendar-header-transition");
        for (var i = 0; i < 30; i++)
        {
            var at = int.Parse(Regex.Match(await shown.InnerTextAsync(), @"\d{4}").Value, CultureInfo.InvariantCulture);
            if (at == year) break;
            await picker.GetByRole(AriaRole.Button, new() { NameRegex = at > year ? PreviousYear() : NextYear() }).ClickAsync();
            await Expect(shown).Not.ToHaveTextAsync(at.ToString(CultureInfo.InvariantCulture));
        }
        await picker.Locator(".mud-picker-month").Filter(new() { HasTextRegex = new Regex($"^{month}月$") }).ClickAsync();
        await Expect(picker).ToHaveCountAsync(0);
        await Expect(field.Locator("input")).ToHaveValueAsync($"{year}年{month}月");
    }

    /// <summary>
    /// Drops a file on the evidence drop zone as a user dragging it from the desktop does: dragenter, dragover and drop
    /// carrying a DataTransfer with the file. Waits first until the zone says it takes files (data-ready).
    /// </summary>
    public static Task DropAsync(ILocator zone, string name, string contentType, byte[] content) =>
        DropBase64Async(zone, name, contentType, Convert.ToBase64String(content), 0);

    /// <summary>A file made in the browser: <paramref name="head"/> (ASCII) and then zeros up to <paramref name="size"/> bytes.</summary>
    public static Task DropAsync(ILocator zone, string name, string contentType, string head, int size) =>
        DropBase64Async(zone, name, contentType, Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(head)), size);

    private static async Task DropBase64Async(ILocator zone, string name, string contentType, string base64, int size)
    {
        await Expect(zone).ToHaveAttributeAsync("data-ready", "true");
        var transfer = await zone.Page.EvaluateHandleAsync("""
            ([name, type, base64, size]) => {
                const head = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
                const bytes = new Uint8Array(Math.max(size, head.length));
                bytes.set(head);
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], name, { type }));
                return transfer;
            }
            """, new object[] { name, contentType, base64, size });
        foreach (var type in new[] { "dragenter", "dragover", "drop" })
            await zone.DispatchEventAsync(type, new Dictionary<string, object> { ["dataTransfer"] = transfer });
    }

    [GeneratedRegex("^(Previous year|上一年)")] private static partial Regex PreviousYear();
    [GeneratedRegex("^(Choose the month|选择月份)$")] private static partial Regex MonthButton();
    [GeneratedRegex("^(Next year|下一年)")] private static partial Regex NextYear();
}

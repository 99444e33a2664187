using InvestTrack.BrowserTests.Pages;
using InvestTrack.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>The app with a low Exports:LargeRows, so that the demo city's lists count as large.</summary>
public sealed class LargeExportBrowserFixture() : BrowserFixture(new Dictionary<string, string> { ["Exports:LargeRows"] = "20" });

/// <summary>
/// Issue 13, item 11: a large list's export shows its progress (rows written of the total) beside its button and arrives in
/// the browser's downloads as the file of the list, made in the page and handed over the circuit; a small list's export
/// stays the instant GET link.
/// </summary>
public sealed class LargeExportTests(LargeExportBrowserFixture fixture) : IClassFixture<LargeExportBrowserFixture>
{
    /// <summary>Keeps every text the progress showed, however fast it went.</summary>
    private const string WatchProgress = """
        testId => {
          window.progressSeen = [];
          new MutationObserver(() => {
            const step = document.querySelector(`[data-testid=${testId}-progress]`);
            if (step) window.progressSeen.push(step.innerText.trim());
          }).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    private static string Count(int n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_large_list_exports_with_its_progress_and_a_small_one_at_once()
    {
        await using var context = await fixture.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync("city");

        // The projects list, large: the file is made in the page.
        await ProjectListPage.OpenAsync(page);
        await shell.WaitForInteractiveAsync();
        var total = int.Parse(System.Text.RegularExpressions.Regex.Match(await page.GetByTestId("project-total").InnerTextAsync(), @"[\d,]+").Value.Replace(",", ""),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total > 20, $"the demo city lists {total} projects");
        var xlsx = page.GetByTestId("export-xlsx");
        await Expect(xlsx).ToHaveAttributeAsync("data-large", "true");
        await page.EvaluateAsync(WatchProgress, "export-xlsx");
        var download = await page.RunAndWaitForDownloadAsync(() => xlsx.ClickAsync());
        Assert.Matches(@"^项目清单-\d{8}-\d{4}\.xlsx$", download.SuggestedFilename);
        var sheet = XlsxProbe.Sheet(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Equal(total + 1, sheet.Rows.Count);
        await Expect(page.GetByTestId("export-xlsx-message")).ToHaveTextAsync($"已导出 {Count(total)} 行");
        var seen = await page.EvaluateAsync<string[]>("() => window.progressSeen");
        Assert.Contains(seen, t => t.StartsWith("正在导出：已写入 ", StringComparison.Ordinal) && t.Contains($"/{Count(total)} 行", StringComparison.Ordinal));
        await Artifacts.ScreenshotAsync(page, "large-export-done.png", fullPage: false);

        // The funds ledger, large too, the same way.
        await page.GotoAsync("/funds");
        await shell.WaitForInteractiveAsync();
        var funds = page.GetByTestId("funds-export");
        await Expect(funds).ToHaveAttributeAsync("data-large", "true");
        download = await page.RunAndWaitForDownloadAsync(() => funds.ClickAsync());
        Assert.Matches(@"^到位资金台账-\d{8}-\d{4}\.xlsx$", download.SuggestedFilename);
        Assert.Equal("到位资金", XlsxProbe.Sheet(await File.ReadAllBytesAsync(await download.PathAsync())).Name);

        // Narrowed to a few rows: the instant GET link.
        await page.GotoAsync("/projects?q=SP2024001");
        await shell.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("export-xlsx")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/projects/export\\.xlsx\\?"));
    }
}

using Microsoft.Playwright;

namespace InvestTrack.BrowserTests;

/// <summary>Screenshots for people to look at: $INVESTTRACK_ARTIFACTS/screenshots (default &lt;repo&gt;/artifacts).</summary>
public static class Artifacts
{
    public const string Variable = "INVESTTRACK_ARTIFACTS";

    public static string ScreenshotFolder { get; } = Path.Combine(Root(), "screenshots");

    /// <param name="fullPage">The whole page (default), or only the window, for a page too long to read as one picture.</param>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        // Fonts and images settle before the picture is taken; a whole page is taken from its top, or the fixed app bar
        // lands mid-picture where the page was scrolled to.
        await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
        if (fullPage) await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        // Toasts (snackbars) are left out: they last seconds, pile up over the app bar and the page's top right corner.
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ScreenshotFolder, name), FullPage = fullPage, Animations = ScreenshotAnimations.Disabled,
            Style = ".mud-snackbar { visibility: hidden !important; }",
        });
    }

    private static string Root()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "InvestTrack.slnx"))) return Path.Combine(dir.FullName, "artifacts");
        }
        return Path.Combine(AppContext.BaseDirectory, "artifacts");
    }
}

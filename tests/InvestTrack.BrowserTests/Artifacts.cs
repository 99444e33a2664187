using Microsoft.Playwright;

namespace InvestTrack.BrowserTests;

/// <summary>Screenshots for people to look at: $INVESTTRACK_ARTIFACTS/screenshots (default &lt;repo&gt;/artifacts).</summary>
public static class Artifacts
{
    public const string Variable = "INVESTTRACK_ARTIFACTS";

    public static string ScreenshotFolder { get; } = Path.Combine(Root(), "screenshots");

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        // Fonts and images settle before the picture is taken.
        await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name), FullPage = true, Animations = ScreenshotAnimations.Disabled });
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

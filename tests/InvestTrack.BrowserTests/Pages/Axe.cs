using System.Text.Json;
using Microsoft.Playwright;

namespace InvestTrack.BrowserTests.Pages;

/// <summary>
/// axe-core, the accessibility engine (installed by ./test.sh with npm ci into tests/InvestTrack.BrowserTests/axe),
/// run inside the page against WCAG 2.1 A and AA. The script is evaluated through the debugging protocol, which the
/// app's Content-Security-Policy rightly does not let a page's own inline script do.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() => File.ReadAllText(ScriptPath()));

    private static string ScriptPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "InvestTrack.slnx"))) dir = dir.Parent;
        var path = Path.Combine(dir?.FullName ?? ".", "tests", "InvestTrack.BrowserTests", "axe", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path) ? path : throw new FileNotFoundException("axe-core is missing: run ./test.sh (npm ci in tests/InvestTrack.BrowserTests/axe)", path);
    }

    /// <summary>The serious and critical violations on the page as it is now: rule, help and up to five elements each.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.EvaluateAsync(Source.Value);
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const result = await window.axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                resultTypes: ['violations'],
              });
              return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(' | ')}`));
            }
            """);
        return JsonSerializer.Deserialize<List<string>>(json) ?? [];
    }
}

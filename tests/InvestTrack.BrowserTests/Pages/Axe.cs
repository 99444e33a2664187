using System.Text.Json;
using Microsoft.Playwright;

namespace InvestTrack.BrowserTests.Pages;

/// <summary>
/// axe-core, the accessibility engine, committed unmodified under tests/InvestTrack.BrowserTests/lib/axe-core with its
/// licence and checksum (lib/axe-core/SOURCE), run inside the page against WCAG 2.1 A and AA. The script is evaluated
/// through the debugging protocol, which the app's Content-Security-Policy rightly does not let a page's inline script do.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(Load);

    /// <summary>The committed file, refused when it is not the one its checksum names.</summary>
    private static string Load()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "InvestTrack.slnx"))) dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? ".", "tests", "InvestTrack.BrowserTests", "lib", "axe-core");
        var bytes = File.ReadAllBytes(Path.Combine(folder, "axe.min.js"));
        var expected = File.ReadAllText(Path.Combine(folder, "axe.min.js.sha256")).Trim();
        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        if (actual != expected) throw new InvalidDataException($"lib/axe-core/axe.min.js is not the file of its checksum ({actual} ≠ {expected})");
        return System.Text.Encoding.UTF8.GetString(bytes);
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

using Microsoft.Playwright;

namespace InvestTrack.BrowserTests;

/// <summary>Layout checks on what the user sees: text that should stay on one line, boxes that must not overlap.</summary>
public static class Layout
{
    /// <summary>
    /// Each element's text takes one line (a header or a button squeezed by its column wraps): the text's height is under
    /// one and a half of its line height.
    /// </summary>
    public static async Task AssertOneLineAsync(ILocator elements, string what)
    {
        var lines = await elements.EvaluateAllAsync<double[]>("""
            elements => elements.map(e => {
              const range = document.createRange();
              range.selectNodeContents(e);
              const height = range.getBoundingClientRect().height;
              const style = getComputedStyle(e);
              const line = style.lineHeight === 'normal' ? parseFloat(style.fontSize) * 1.2 : parseFloat(style.lineHeight);
              return height / line;
            })
            """);
        Assert.True(lines.Length > 0, $"no {what}");
        var texts = await elements.AllInnerTextsAsync();
        var wrapped = lines.Select((l, i) => (l, i)).Where(x => x.l >= 1.5).Select(x => $"“{texts[x.i].Trim()}” ({x.l:0.0} lines)").ToList();
        Assert.True(wrapped.Count == 0, $"{what} wrapped: {string.Join(", ", wrapped)}");
    }

    /// <summary>
    /// <paramref name="right"/> follows <paramref name="left"/> on its row within <paramref name="maxGap"/> px: a filter
    /// field whose width sizes only its input takes a share of the row and leaves its neighbour far away.
    /// </summary>
    public static async Task AssertNextToAsync(ILocator left, ILocator right, string what, double maxGap = 48)
    {
        var a = await left.BoundingBoxAsync() ?? throw new InvalidOperationException($"{what}: the left element is not shown");
        var b = await right.BoundingBoxAsync() ?? throw new InvalidOperationException($"{what}: the right element is not shown");
        var gap = b.X - (a.X + a.Width);
        Assert.True(gap >= 0 && gap <= maxGap, $"{what}: {gap:0} px between them");
    }
}

using System.Globalization;
using SkiaSharp;

namespace InvestTrack.Features.Bulletins;

/// <summary>
/// The bulletin's two charts as PNG, drawn on the server with SkiaSharp (Word shows pictures, not scripts): funds by
/// unit as bars, the city's funds by month as a line. Chinese labels need a CJK font: the one the system offers for
/// '中' (fonts-noto-cjk on Debian); without one the charts are still drawn, their labels in the default font (boxes),
/// and <see cref="FontProblem"/> says so for the log.
/// </summary>
public static class BulletinCharts
{
    public const int Width = 1200, Height = 600;
    private static readonly SKColor Ink = new(0x33, 0x33, 0x33), Grid = new(0xDD, 0xDD, 0xDD), Bar = new(0xC0, 0x1F, 0x1F), Line = new(0x1F, 0x5F, 0xC0);
    private static readonly Lazy<(SKTypeface Face, string? Problem)> Font = new(FindFont);

    /// <summary>Null when a CJK font was found; else what the log should say.</summary>
    public static string? FontProblem => Font.Value.Problem;

    public static byte[] Bars(string title, BulletinSeries series) => Draw(title, series, bars: true);

    public static byte[] LineChart(string title, BulletinSeries series) => Draw(title, series, bars: false);

    private static byte[] Draw(string title, BulletinSeries series, bool bars)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var titleFont = new SKFont(Font.Value.Face, 30);
        using var labelFont = new SKFont(Font.Value.Face, series.Labels.Count > 10 ? 16 : 20);
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        canvas.DrawText(title, Width / 2f, 45, SKTextAlign.Center, titleFont, ink);

        const float right = Width - 40, top = 80;
        var slanted = series.Labels.Count > SlantAbove;
        var (left, bottom) = PlotArea(series.Labels, labelFont, slanted);
        var max = series.Values.Count == 0 ? 0 : series.Values.Max();
        var scale = NiceCeiling(max);
        using var grid = new SKPaint { Color = Grid, StrokeWidth = 1, IsAntialias = true };
        for (var i = 0; i <= 4; i++)
        {
            var y = bottom - (bottom - top) * i / 4f;
            canvas.DrawLine(left, y, right, y, grid);
            canvas.DrawText((scale * i / 4).ToString("0.##", CultureInfo.InvariantCulture), left - 10, y + 7, SKTextAlign.Right, labelFont, ink);
        }
        canvas.DrawText("亿元", left - 10, top - 20, SKTextAlign.Right, labelFont, ink);
        var count = Math.Max(series.Values.Count, 1);
        var step = (right - left) / count;
        float X(int i) => left + step * (i + 0.5f);
        float Y(decimal v) => bottom - (float)(scale == 0 ? 0 : v / scale) * (bottom - top);
        using var fill = new SKPaint { Color = bars ? Bar : Line, IsAntialias = true, StrokeWidth = 4, Style = bars ? SKPaintStyle.Fill : SKPaintStyle.Stroke };
        if (bars)
            for (var i = 0; i < series.Values.Count; i++)
                canvas.DrawRect(SKRect.Create(X(i) - step * 0.3f, Y(series.Values[i]), step * 0.6f, bottom - Y(series.Values[i])), fill);
        else if (series.Values.Count > 0)
        {
            for (var i = 1; i < series.Values.Count; i++) canvas.DrawLine(X(i - 1), Y(series.Values[i - 1]), X(i), Y(series.Values[i]), fill);
            using var dot = new SKPaint { Color = Line, IsAntialias = true };
            for (var i = 0; i < series.Values.Count; i++) canvas.DrawCircle(X(i), Y(series.Values[i]), 6, dot);
        }
        for (var i = 0; i < series.Labels.Count; i++)
        {
            // Long unit names are written at a slant so that neighbours do not overlap.
            canvas.Save();
            canvas.Translate(X(i), bottom + LabelGap);
            if (slanted) canvas.RotateDegrees(-SlantDegrees);
            canvas.DrawText(series.Labels[i], 0, 0, slanted ? SKTextAlign.Right : SKTextAlign.Center, labelFont, ink);
            canvas.Restore();
            canvas.DrawText(series.Values[i].ToString("0.00", CultureInfo.InvariantCulture), X(i), Y(series.Values[i]) - 10, SKTextAlign.Center, labelFont, ink);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private const int SlantAbove = 6;
    private const float SlantDegrees = 30, LabelGap = 24, MinLeft = 90, MinBelow = 110;

    /// <summary>
    /// The plot's left edge and its axis line: room enough below it for the labels and, when they are slanted, left of the
    /// first one. A slanted label hangs from under its bar, right-aligned: down by sin 30° and left by cos 30° of its
    /// width, plus its height — a zone's long name (四平新型工业化经济开发区) once ran off the bottom of the picture.
    /// </summary>
    private static (float Left, float Bottom) PlotArea(IReadOnlyList<string> labels, SKFont font, bool slanted)
    {
        if (!slanted) return (MinLeft, Height - MinBelow);
        var (sin, cos) = Math.SinCos(SlantDegrees * Math.PI / 180);
        var widest = labels.Max(l => font.MeasureText(l));
        var below = Math.Max(MinBelow, LabelGap + widest * (float)sin + font.Size * (float)cos + 8);
        // The first label starts half a bar's step right of the left edge.
        var halfStep = (Width - 40 - MinLeft) / labels.Count / 2f;
        var left = Math.Max(MinLeft, font.MeasureText(labels[0]) * (float)cos + font.Size * (float)sin + 8 - halfStep);
        // Never less than half the picture for the plot: longer names than that are cut rather than squash the bars.
        return (Math.Min(left, Width / 4f), Height - Math.Min(below, Height / 2f));
    }

    /// <summary>1, 2, 5 × 10ⁿ above the largest value, so the axis reads in round numbers.</summary>
    private static decimal NiceCeiling(decimal max)
    {
        if (max <= 0) return 1;
        var magnitude = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)max)));
        foreach (var f in new[] { 1m, 2m, 5m, 10m })
            if (f * magnitude >= max) return f * magnitude;
        return 10 * magnitude;
    }

    private static (SKTypeface, string?) FindFont()
    {
        if (SKFontManager.Default.MatchCharacter('中') is { } face) return (face, null);
        // The dependency-free Skia build may not ask fontconfig: look where Debian's fonts-noto-cjk puts its files.
        foreach (var dir in new[] { "/usr/share/fonts", "/usr/local/share/fonts" }.Where(Directory.Exists))
            foreach (var file in Directory.EnumerateFiles(dir, "*CJK*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                if (SKTypeface.FromFile(file) is { } found && new SKFont(found).ContainsGlyph('中')) return (found, null);
        return (SKTypeface.Default, "未找到中文字体，通报图表中的中文将无法显示（请安装 fonts-noto-cjk） / no CJK font found: Chinese labels in the bulletin's charts will not render (install fonts-noto-cjk)");
    }
}

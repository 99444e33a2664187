using InvestTrack.Features.Bulletins;
using SkiaSharp;

namespace InvestTrack.UnitTests.Bulletins;

/// <summary>The bulletin's bar chart keeps every unit name inside the picture, however long the names are.</summary>
public sealed class BulletinChartsTests
{
    // The demo city's units with funds: the zones' long names are written at a slant under their bars.
    private static readonly string[] Units =
    [
        "四平市", "铁西区", "铁东区", "梨树县", "伊通满族自治县", "双辽市", "四平经济开发区", "四平红嘴经济技术开发区", "四平新型工业化经济开发区", "梨树经济开发区",
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Slanted_unit_names_end_inside_the_picture(bool longFirst)
    {
        var labels = longFirst ? Units.Reverse().ToList() : [.. Units];
        var png = BulletinCharts.Bars("各单位到位资金（亿元）", new BulletinSeries(labels, [.. labels.Select((_, i) => 40m + i * 5)]));
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((BulletinCharts.Width, BulletinCharts.Height), (bitmap.Width, bitmap.Height));
        // A name cut off by the picture's edge leaves ink on the edge: the outermost rows and columns stay blank.
        Assert.Equal(0, InkAt(bitmap, Enumerable.Range(0, bitmap.Width).SelectMany(x => new[] { (x, bitmap.Height - 1), (x, bitmap.Height - 2) })));
        Assert.Equal(0, InkAt(bitmap, Enumerable.Range(0, bitmap.Height).SelectMany(y => new[] { (0, y), (1, y) })));
        // The names are there: ink under the plot.
        Assert.True(InkAt(bitmap, Enumerable.Range(0, bitmap.Width).Select(x => (x, bitmap.Height - 60))) > 0);
    }

    private static int InkAt(SKBitmap bitmap, IEnumerable<(int X, int Y)> points) =>
        points.Count(p => bitmap.GetPixel(p.X, p.Y) is var c && (c.Red < 200 || c.Green < 200 || c.Blue < 200));
}

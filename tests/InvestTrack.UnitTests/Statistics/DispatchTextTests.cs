using InvestTrack.Features.Statistics;
using InvestTrack.Kernel;

namespace InvestTrack.UnitTests.Statistics;

public class DispatchTextTests
{
    [Theory]
    [InlineData(1, "1月", "1月末")]
    [InlineData(8, "1月至8月", "8月末")]
    [InlineData(12, "1月至12月", "12月末")]
    public void Period_wording(int month, string label, string end)
    {
        var period = Period.Of(2025, month)!;
        Assert.Equal((label, end), (period.Label, period.EndLabel));
        Assert.Equal((202501, 202500 + month), (period.FirstMonth, period.LastMonth));
        Assert.Equal((2024, month), (period.LastYear.Year, period.LastYear.Month));
    }

    [Fact]
    public void Period_ends_on_the_last_day_of_the_month()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), Period.Of(2024, 2)!.End);
        Assert.Equal(new DateOnly(2025, 12, 31), Period.Of(2025, 12)!.End);
        Assert.Null(Period.Of(2025, 0));
        Assert.Null(Period.Of(2025, 13));
        Assert.Null(Period.Of(0, 5));
    }

    [Theory]
    [InlineData(13450, 10000, "同比增长34.50%")]
    [InlineData(10000, 10000, "同比增长0.00%")]
    [InlineData(8770, 10000, "同比下降12.30%")]
    [InlineData(2, 3, "同比下降33.33%")]
    [InlineData(1, 3, "同比下降66.67%")] // −66.666… rounds half up in magnitude
    [InlineData(100005, 100000, "同比增长0.01%")] // 0.005 rounds up
    [InlineData(249990, 250000, "同比下降0.00%")] // a fall of 0.004%: the sign is decided before rounding
    [InlineData(250010, 250000, "同比增长0.00%")] // a rise of 0.004%
    [InlineData(99995, 100000, "同比下降0.01%")] // −0.005 rounds half up in magnitude
    [InlineData(500, 0, "")]
    public void Growth_wording_and_rounding(long current, long last, string expected) =>
        Assert.Equal(expected, Growth.Wording(Growth.Of(current, last)));

    [Fact]
    public void A_fall_that_rounds_to_nothing_is_still_a_fall()
    {
        var growth = Growth.Of(249_990, 250_000)!;
        Assert.Equal((0.00m, true, "0.00"), (growth.Percent, growth.Falls, Growth.Format(growth.Magnitude)));
        // decimal keeps a sign on zero (-0.00), which JSON would write: the percentage itself is a plain zero.
        Assert.False(decimal.IsNegative(growth.Percent));
    }

    [Theory]
    [InlineData(211_604_999L, "211.60")]
    [InlineData(211_605_000L, "211.61")] // exactly half a hundredth of 亿 rounds up
    [InlineData(0L, "0.00")]
    [InlineData(4_999L, "0.00")]
    [InlineData(5_000L, "0.01")]
    public void Yi_two_decimals_half_up(long hundredths, string expected) => Assert.Equal(expected, Money.FormatYi(hundredths));

    [Fact]
    public void Template_substitutes_only_known_placeholders_and_keeps_text()
    {
        var values = new Dictionary<string, string> { ["范围"] = "<b>铁西区</b>", ["项目数"] = "3" };
        Assert.Equal("<b>铁西区</b>有3个{项目}", ParagraphTemplate.Render("{范围}有{项目数}个{{项目}}", values));
    }

    [Theory]
    [InlineData("{期间}{未知}")]
    [InlineData("{System.IO.File}")]
    [InlineData("@{ throw null; }")]
    [InlineData("{期间")]
    [InlineData("期间}")]
    [InlineData("{}")]
    public void Template_refuses_unknown_or_broken_placeholders(string template)
    {
        Assert.NotEmpty(ParagraphTemplate.Check(template, DispatchText.Placeholders));
        Assert.Throws<ArgumentException>(() => ParagraphTemplate.Render(template, new Dictionary<string, string> { ["期间"] = "x" }));
    }

    [Fact]
    public void The_default_template_and_a_bad_configured_one()
    {
        Assert.Empty(new StatisticsOptions().Problems());
        Assert.Contains(new StatisticsOptions { DispatchTemplate = "{期间}{增长率}" }.Problems(), p => p.Contains("{增长率}", StringComparison.Ordinal));
        Assert.Equal(100_000, new StatisticsOptions().DispatchThreshold);
    }

    private static Figure F(int count, long amount) => new(count, amount);

    private static DispatchFigures Figures(int month, Figure inScope, Figure continuing, Figure fresh, long lastYear, Figure contracts, Figure frameworks) => new()
    {
        Year = 2025, Month = month, ScopeName = "全市", InScope = inScope, Continuing = continuing, New = fresh,
        LastYearFunds = lastYear, Growth = Growth.Of(inScope.Amount, lastYear), Contracts = contracts, Frameworks = frameworks,
        SigningsByUnit = [], YiSignings = Figure.Empty, Starts = Figure.Empty, InProduction = Figure.Empty,
        SigningRate = new(0, 0, null), StartRate = new(0, 0, null), FundsRate = new(0, 0, null), PerformanceRate = new(0, 0, null),
    };

    [Fact]
    public void The_seeds_sentence_from_its_figures()
    {
        // 211.60亿元 = 2 116 000万元 = 211 600 000 hundredths; last year's 157 323 420 gives +34.50%.
        var f = Figures(8, F(329, 211_600_000), F(67, 57_770_000), F(262, 153_830_000), 157_323_420, F(26, 200_000_000), F(15, 38_720_000));
        Assert.Equal(
            "1月至8月，全市纳入省调度系统省外1000万元以上有资金到位的项目329个，到位资金211.60亿元，同比增长34.50%。其中，续建项目67个，新到到位资金57.77亿元；新开工项目262个，到位资金153.83亿元。截至8月末，共签约26个项目和15个战略合作框架协议，合同引资额为238.72亿元。",
            DispatchText.Paragraph(f, new StatisticsOptions()));
    }

    [Fact]
    public void No_counted_funds_says_so_and_no_growth_is_left_out()
    {
        var none = Figures(1, Figure.Empty, Figure.Empty, Figure.Empty, 0, Figure.Empty, Figure.Empty);
        Assert.Equal("1月，全市暂无纳入省调度系统的省外1000万元以上到位资金数据。", DispatchText.Paragraph(none, new StatisticsOptions()));
        var signedOnly = none with { Contracts = F(2, 3_000_000) };
        Assert.Equal("1月，全市暂无纳入省调度系统的省外1000万元以上到位资金数据。截至1月末，共签约2个项目和0个战略合作框架协议，合同引资额为3.00亿元。",
            DispatchText.Paragraph(signedOnly, new StatisticsOptions()));
        var noGrowth = Figures(12, F(1, 1_000_000), F(0, 0), F(1, 1_000_000), 0, Figure.Empty, Figure.Empty);
        Assert.StartsWith("1月至12月，全市纳入省调度系统省外1000万元以上有资金到位的项目1个，到位资金1.00亿元。其中", DispatchText.Paragraph(noGrowth, new StatisticsOptions()));
    }
}

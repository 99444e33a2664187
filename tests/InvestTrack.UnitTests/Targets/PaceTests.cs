using InvestTrack.Features.Targets;

namespace InvestTrack.UnitTests.Targets;

public class PaceTests
{
    [Theory]
    [InlineData(1, "8.33")]   // 8.333…
    [InlineData(2, "16.67")]  // 16.666… rounds up
    [InlineData(6, "50.00")]
    [InlineData(12, "100.00")]
    public void Pace_is_month_twelfths_with_two_decimals(int month, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Pace.PercentByMonth(month));

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void A_month_outside_the_year_is_refused(int month) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Pace.PercentByMonth(month));

    [Fact]
    public void January_one_twelfth_done_is_slightly_ahead()
    {
        // Target 120 000.00 万元, 10 000.00 万元 arrived by January: 8.33% against a pace of 8.33%.
        var p = Pace.Progress(TargetIndicator.Funds, 12_000_000, 1_000_000, 1);
        Assert.Equal(8.33m, p.Completion);
        Assert.Equal(8.33m, p.Pace);
        Assert.Equal(0m, p.Gap);
    }

    [Fact]
    public void December_behind_target()
    {
        var p = Pace.Progress(TargetIndicator.Signings, 40, 30, 12);
        Assert.Equal(75.00m, p.Completion);
        Assert.Equal(100.00m, p.Pace);
        Assert.Equal(-25.00m, p.Gap);
    }

    [Fact]
    public void Exact_halves_round_up()
    {
        // 1 ÷ 8 = 12.5%, 1 ÷ 400 = 0.25%, 1 ÷ 800 = 0.125% → 0.13, 1 ÷ 1600 = 0.0625% → 0.06
        Assert.Equal(12.50m, Pace.Completion(1, 8));
        Assert.Equal(0.13m, Pace.Completion(1, 800));
        Assert.Equal(0.06m, Pace.Completion(1, 1600));
        Assert.Equal(0.01m, Pace.Completion(1, 20_000)); // 0.005 → 0.01
    }

    [Fact]
    public void Zero_or_missing_target_has_no_percentage()
    {
        var zero = Pace.Progress(TargetIndicator.Production, 0, 5, 6);
        Assert.Null(zero.Completion);
        Assert.Null(zero.Gap);
        Assert.Equal(50.00m, zero.Pace);
        Assert.Null(Pace.Progress(TargetIndicator.Production, null, 5, 6).Completion);
    }

    [Fact]
    public void Over_achievement_exceeds_one_hundred()
    {
        var p = Pace.Progress(TargetIndicator.YiSignings, 18, 27, 8);
        Assert.Equal(150.00m, p.Completion);
        Assert.Equal(66.67m, p.Pace);
        Assert.Equal(83.33m, p.Gap);
    }
}

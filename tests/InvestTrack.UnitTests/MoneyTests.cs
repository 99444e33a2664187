using InvestTrack.Kernel;

namespace InvestTrack.UnitTests;

public class MoneyTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1000", 100000L)]
    [InlineData("1234.56", 123456L)]
    [InlineData("0.01", 1L)]
    public void Two_decimal_amounts_are_stored_exactly(string wan, long expected)
    {
        Assert.True(Money.TryFromWan(decimal.Parse(wan, System.Globalization.CultureInfo.InvariantCulture), out var stored));
        Assert.Equal(expected, stored);
        Assert.Equal(decimal.Parse(wan, System.Globalization.CultureInfo.InvariantCulture), Money.ToWan(stored));
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("1.234")]
    [InlineData("0.001")]
    public void Negative_or_over_precise_amounts_are_refused(string wan) =>
        Assert.False(Money.TryFromWan(decimal.Parse(wan, System.Globalization.CultureInfo.InvariantCulture), out _));

    [Theory]
    [InlineData(211600000L, "211.60")]  // 211.60亿元 = 2,116,000万元
    [InlineData(4999L, "0.00")]          // 49.99万元 = 0.004999亿元
    [InlineData(5000L, "0.01")]          // 50万元: exactly half a hundredth of 亿元, rounded up
    [InlineData(238720000L, "238.72")]
    public void Yi_is_rounded_half_up_to_two_decimals(long hundredthsOfWan, string expected) =>
        Assert.Equal(expected, Money.FormatYi(hundredthsOfWan));

    [Fact]
    public void Sums_of_many_small_amounts_stay_exact()
    {
        // 0.1 + 0.2 style drift would show here if amounts were floating point.
        var total = Enumerable.Repeat(10L, 1_000_000).Sum();
        Assert.Equal(100000.00m, Money.ToWan(total));
    }
}

using System.Globalization;
using InvestTrack.Kernel;

namespace InvestTrack.UnitTests;

public class AmountRuleTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("0", true, AmountProblem.None, 0L)]
    [InlineData("0", false, AmountProblem.NotPositive, 0L)]
    [InlineData("0.01", false, AmountProblem.None, 1L)]
    [InlineData("1234.56", true, AmountProblem.None, 123_456L)]
    [InlineData("-0.01", true, AmountProblem.Negative, 0L)]
    [InlineData("-5", false, AmountProblem.NotPositive, 0L)]
    [InlineData("1.005", true, AmountProblem.TooPrecise, 0L)]
    [InlineData("1.005", false, AmountProblem.TooPrecise, 0L)]
    [InlineData("1000000000", true, AmountProblem.None, 100_000_000_000L)]
    [InlineData("1000000000.01", true, AmountProblem.TooLarge, 0L)]
    [InlineData("1000000000.01", false, AmountProblem.TooLarge, 0L)]
    [InlineData("79228162514264337593543950335", true, AmountProblem.TooLarge, 0L)]
    public void Amounts_are_checked_once_for_every_caller(string wan, bool zeroAllowed, AmountProblem expected, long stored)
    {
        Assert.Equal(expected, AmountRule.Check(D(wan), zeroAllowed, out var hundredths));
        Assert.Equal(stored, hundredths);
    }
}

using InvestTrack.Features.Supervision;
using static InvestTrack.UnitTests.Supervision.SupervisionFacts;

namespace InvestTrack.UnitTests.Supervision;

/// <summary>M, pace and the unit-behind-pace rule (docs/supervision.md, Pace).</summary>
public class PaceRuleTests
{
    private static readonly BehindPaceRule Rule = new(new BehindPaceOptions());

    [Theory]
    [InlineData(1, XunPart.Early, 0)]
    [InlineData(1, XunPart.Middle, 0)]
    [InlineData(1, XunPart.Late, 1)]  // ends with January: run in February
    [InlineData(3, XunPart.Early, 2)] // the contract's example
    [InlineData(3, XunPart.Middle, 2)]
    [InlineData(3, XunPart.Late, 3)]
    [InlineData(2, XunPart.Late, 2)]
    [InlineData(12, XunPart.Early, 11)]
    [InlineData(12, XunPart.Late, 12)]
    public void Complete_months_at_the_end_of_the_xun(int month, XunPart part, int expected) =>
        Assert.Equal(expected, SupervisionPace.CompleteMonths(new Xun(2026, month, part)));

    [Fact]
    public void Pace_is_m_twelfths_and_none_at_m_zero()
    {
        Assert.Null(SupervisionPace.PaceOf(0));
        Assert.Equal(2m / 12m, SupervisionPace.PaceOf(2));
        Assert.Equal(1m, SupervisionPace.PaceOf(12));
        Assert.Equal(16.67m, SupervisionPace.ShownPercent(SupervisionPace.PaceOf(2)!.Value)); // 16.666… half up
        Assert.Equal(0.25m, SupervisionPace.Completion(300m, 1200m));
        Assert.Throws<ArgumentOutOfRangeException>(() => SupervisionPace.Completion(1m, 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => SupervisionPace.PaceOf(13));
    }

    [Theory]
    // March 上旬, M = 2, target 1200: pace 2/12 is 200; pace − 10 points is 1/6 − 1/10 = 1/15, i.e. 80.
    [InlineData("200", WarningColour.Green)]   // exactly at pace: not below
    [InlineData("199.99", WarningColour.Yellow)]
    [InlineData("80", WarningColour.Yellow)]   // exactly 10 points below: not below that
    [InlineData("79.99", WarningColour.Red)]
    [InlineData("0", WarningColour.Red)]
    [InlineData("5000", WarningColour.Green)]
    public void March_thresholds_on_both_sides(string actual, WarningColour colour)
    {
        var a = decimal.Parse(actual, System.Globalization.CultureInfo.InvariantCulture);
        var result = Rule.Evaluate(new UnitPaceFacts(1200m, a), Context(2026, 3, XunPart.Early))!;
        Assert.Equal(colour, result.Colour);
        Assert.Equal(BehindPaceRule.RuleId, result.RuleId);
        Assert.Equal(2, result.Facts.Months);
        Assert.Equal(a / 1200m, result.Facts.Completion);
        Assert.Equal(2m / 12m, result.Facts.Pace);
        Assert.Equal((a, 1200m), (result.Facts.Actual, result.Facts.Target));
    }

    [Theory]
    [InlineData(XunPart.Early)]
    [InlineData(XunPart.Middle)]
    public void No_pace_rule_in_january(XunPart part) =>
        Assert.Null(Rule.Evaluate(new UnitPaceFacts(1200m, 0m), Context(2026, 1, part)));

    [Fact]
    public void February_has_one_month_of_pace()
    {
        // February 中旬: M = 1, target 1200: pace 100; pace − 10 points is 1/12 − 1/10 < 0, so nothing is red.
        var context = Context(2026, 2, XunPart.Middle);
        Assert.Equal(WarningColour.Green, Rule.Evaluate(new UnitPaceFacts(1200m, 100m), context)!.Colour);
        Assert.Equal(WarningColour.Yellow, Rule.Evaluate(new UnitPaceFacts(1200m, 99.99m), context)!.Colour);
        Assert.Equal(WarningColour.Yellow, Rule.Evaluate(new UnitPaceFacts(1200m, 0m), context)!.Colour);
    }

    [Theory]
    // December 上旬 and 中旬, M = 11, target 1200: pace 11/12 is 1100; − 10 points: 1100 − 120 = 980.
    // December 下旬, M = 12: pace 1200; − 10 points: 1200 − 120 = 1080.
    [InlineData(XunPart.Early, "1100", WarningColour.Green, 11)]
    [InlineData(XunPart.Middle, "1099.99", WarningColour.Yellow, 11)]
    [InlineData(XunPart.Middle, "980", WarningColour.Yellow, 11)]
    [InlineData(XunPart.Middle, "979.99", WarningColour.Red, 11)]
    [InlineData(XunPart.Late, "1200", WarningColour.Green, 12)]
    [InlineData(XunPart.Late, "1100", WarningColour.Yellow, 12)]
    [InlineData(XunPart.Late, "1080", WarningColour.Yellow, 12)]
    [InlineData(XunPart.Late, "1079.99", WarningColour.Red, 12)]
    public void December_thresholds(XunPart part, string actual, WarningColour colour, int months)
    {
        var a = decimal.Parse(actual, System.Globalization.CultureInfo.InvariantCulture);
        var result = Rule.Evaluate(new UnitPaceFacts(1200m, a), Context(2026, 12, part))!;
        Assert.Equal(colour, result.Colour);
        Assert.Equal((months, months / 12m), (result.Facts.Months, result.Facts.Pace));
    }

    [Fact]
    public void A_unit_without_a_target_is_not_watched()
    {
        Assert.Null(Rule.Evaluate(new UnitPaceFacts(null, 0m), Context(2026, 3, XunPart.Early)));
        Assert.Null(Rule.Evaluate(new UnitPaceFacts(0m, 0m), Context(2026, 3, XunPart.Early)));
    }

    [Fact]
    public void The_red_margin_is_configurable()
    {
        // March 上旬, target 1200, margin 5 points: 1/6 − 1/20 = 7/60, i.e. 140.
        var rule = new BehindPaceRule(new BehindPaceOptions(RedPointsBelowPace: 5m));
        Assert.Equal(WarningColour.Yellow, rule.Evaluate(new UnitPaceFacts(1200m, 140m), Context(2026, 3, XunPart.Early))!.Colour);
        Assert.Equal(WarningColour.Red, rule.Evaluate(new UnitPaceFacts(1200m, 139.99m), Context(2026, 3, XunPart.Early))!.Colour);
    }
}

using InvestTrack.Features.Supervision;
using static InvestTrack.UnitTests.Supervision.SupervisionFacts;

namespace InvestTrack.UnitTests.Supervision;

public class PlanStepLateRuleTests
{
    private static readonly PlanStepLateRule Rule = new(new PlanStepLateOptions());

    private static RuleResult? Run(WarningContext context, params PlanStepFact[] steps) => Rule.Evaluate(Project(planSteps: steps), context);

    [Theory]
    // The 上旬 of March 2026 ends on 3-10.
    [InlineData(9, WarningColour.Red, 1)]     // due the day before the end: one day late
    [InlineData(10, WarningColour.Yellow, 0)] // due on the last day itself: not yet past due
    [InlineData(15, WarningColour.Yellow, -5)] // exactly N = 5 days after the end
    [InlineData(16, WarningColour.Green, -6)] // N + 1 days after
    public void Due_dates_around_the_end_of_the_xun(int dueDay, WarningColour colour, int days)
    {
        var result = Run(Context(2026, 3, XunPart.Early), Step("立项", D(2026, 3, dueDay)))!;
        Assert.Equal(colour, result.Colour);
        Assert.Equal(PlanStepLateRule.RuleId, result.RuleId);
        Assert.Equal("立项", result.Facts.Item);
        Assert.Equal(D(2026, 3, dueDay), result.Facts.Date);
        Assert.Equal(days, result.Facts.Days);
    }

    [Theory]
    // 下旬 ends on the month's last day; yellow runs to the 5th day after it, into the next month.
    [InlineData(2026, 2, 28, "2026-03-05")]
    [InlineData(2028, 2, 29, "2028-03-05")]
    [InlineData(2026, 4, 30, "2026-05-05")]
    [InlineData(2026, 3, 31, "2026-04-05")]
    public void Month_ends_of_28_29_30_and_31_days(int year, int month, int lastDay, string lastYellow)
    {
        var context = Context(year, month, XunPart.Late);
        var end = D(year, month, lastDay);
        var yellowEdge = DateOnly.Parse(lastYellow, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(end.AddDays(5), yellowEdge);
        Assert.Equal(WarningColour.Red, Run(context, Step("开工", end.AddDays(-1)))!.Colour);
        Assert.Equal(WarningColour.Yellow, Run(context, Step("开工", end))!.Colour);
        Assert.Equal(WarningColour.Yellow, Run(context, Step("开工", yellowEdge))!.Colour);
        Assert.Equal(WarningColour.Green, Run(context, Step("开工", yellowEdge.AddDays(1)))!.Colour);
    }

    [Fact]
    public void In_a_leap_february_the_28th_is_already_late()
    {
        // 2028-02 下旬 ends on 2-29: a step due 2-28 is one day late; in 2026 the same date is the last day (yellow).
        Assert.Equal(1, Run(Context(2028, 2, XunPart.Late), Step("用地", D(2028, 2, 28)))!.Facts.Days);
        Assert.Equal(WarningColour.Yellow, Run(Context(2026, 2, XunPart.Late), Step("用地", D(2026, 2, 28)))!.Colour);
    }

    [Fact]
    public void The_open_step_due_first_decides()
    {
        var result = Run(Context(2026, 3, XunPart.Early),
            Step("规划", D(2026, 3, 30)), Step("立项", D(2026, 3, 1), closedOn: D(2026, 3, 2)), Step("用地", D(2026, 3, 12)))!;
        // 立项 is closed; 用地 (due 3-12, 2 days after the end) decides: yellow.
        Assert.Equal(WarningColour.Yellow, result.Colour);
        Assert.Equal("用地", result.Facts.Item);
        Assert.Equal(-2, result.Facts.Days);
    }

    [Fact]
    public void A_step_closed_after_the_xun_was_open_at_its_end()
    {
        // A rerun of 2026-03 中旬 after the step closed on 3-25 gives what the first run gave.
        var result = Run(Context(2026, 3, XunPart.Middle), Step("立项", D(2026, 3, 15), closedOn: D(2026, 3, 25)))!;
        Assert.Equal(WarningColour.Red, result.Colour);
        Assert.Equal(5, result.Facts.Days);
        Assert.Equal(WarningColour.Green, Run(Context(2026, 3, XunPart.Late), Step("立项", D(2026, 3, 15), closedOn: D(2026, 3, 25)))!.Colour);
    }

    [Fact]
    public void Without_a_plan_the_rule_is_silent_and_with_every_step_closed_it_is_green()
    {
        Assert.Null(Rule.Evaluate(Project(), Context(2026, 3, XunPart.Early)));
        Assert.Equal(WarningColour.Green, Run(Context(2026, 3, XunPart.Early), Step("签约", D(2026, 1, 1), D(2026, 1, 1)))!.Colour);
        Assert.Equal(WarningColour.Green, Run(Context(2026, 3, XunPart.Early))!.Colour);
    }

    [Fact]
    public void N_is_configurable()
    {
        var rule = new PlanStepLateRule(new PlanStepLateOptions(YellowDaysAhead: 10));
        Assert.Equal(WarningColour.Yellow, rule.Evaluate(Project(planSteps: [Step("立项", D(2026, 3, 20))]), Context(2026, 3, XunPart.Early))!.Colour);
        Assert.Equal(WarningColour.Green, rule.Evaluate(Project(planSteps: [Step("立项", D(2026, 3, 21))]), Context(2026, 3, XunPart.Early))!.Colour);
    }
}

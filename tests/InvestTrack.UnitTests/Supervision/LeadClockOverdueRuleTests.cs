using InvestTrack.Features.Leads;
using InvestTrack.Features.Supervision;
using static InvestTrack.UnitTests.Supervision.SupervisionFacts;

namespace InvestTrack.UnitTests.Supervision;

/// <summary>Lead clocks at the end of a 旬, in working days of the city's calendar.</summary>
public class LeadClockOverdueRuleTests
{
    private static readonly LeadClockOverdueRule Rule = new(new LeadClockOverdueOptions());
    private static readonly WorkingCalendar China2026 = new(HolidayCalendar.China2026());

    private static RuleResult Run(WarningContext context, params LeadClockFact[] clocks) => Rule.Evaluate(new LeadWarningFacts(clocks), context)!;

    [Theory]
    // 2026-03 中旬 ends on Friday 3-20.
    [InlineData(19, WarningColour.Red, 1, null)]     // due Thursday: past due
    [InlineData(20, WarningColour.Yellow, 0, 0)]     // due on the last day itself
    [InlineData(23, WarningColour.Yellow, -3, 1)]    // Monday: the next working day (the weekend does not count)
    [InlineData(24, WarningColour.Green, -4, 2)]     // Tuesday: two working days away
    public void Working_days_after_the_end_of_the_xun(int dueDay, WarningColour colour, int days, int? workingDaysLeft)
    {
        var result = Run(Context(2026, 3, XunPart.Middle), Clock(D(2026, 3, dueDay)));
        Assert.Equal(colour, result.Colour);
        Assert.Equal(LeadClockOverdueRule.RuleId, result.RuleId);
        Assert.Equal(nameof(LeadClockKind.Assess), result.Facts.Item);
        Assert.Equal(D(2026, 3, dueDay), result.Facts.Date);
        Assert.Equal(days, result.Facts.Days);
        Assert.Equal(workingDaysLeft, result.Facts.WorkingDaysLeft);
    }

    [Fact]
    public void The_national_day_holiday_does_not_count()
    {
        // 2026-09 下旬 ends Wednesday 9-30; 10-1..7 are off, so 10-8 is the next working day (yellow) and 10-9 the second.
        var holidays = Context(2026, 9, XunPart.Late, China2026);
        Assert.Equal((WarningColour.Yellow, 1), (Run(holidays, Clock(D(2026, 10, 8))).Colour, Run(holidays, Clock(D(2026, 10, 8))).Facts.WorkingDaysLeft));
        Assert.Equal(WarningColour.Green, Run(holidays, Clock(D(2026, 10, 9))).Colour);
        // Weekends only: Thursday 10-1 is the next working day and 10-8 is far.
        var weekends = Context(2026, 9, XunPart.Late);
        Assert.Equal(WarningColour.Yellow, Run(weekends, Clock(D(2026, 10, 1))).Colour);
        Assert.Equal(WarningColour.Green, Run(weekends, Clock(D(2026, 10, 2))).Colour);
        Assert.Equal(WarningColour.Green, Run(weekends, Clock(D(2026, 10, 8))).Colour);
    }

    [Fact]
    public void A_xun_ending_inside_the_spring_festival()
    {
        // 2026-02 中旬 ends Friday 2-20, inside the nine days off (2-15..23): Tuesday 2-24 is the next working day.
        Assert.Equal(WarningColour.Yellow, Run(Context(2026, 2, XunPart.Middle, China2026), Clock(D(2026, 2, 24))).Colour);
        // Weekends only, Monday 2-23 comes first: 2-24 is the second working day.
        Assert.Equal(WarningColour.Green, Run(Context(2026, 2, XunPart.Middle), Clock(D(2026, 2, 24))).Colour);
        // 2026-02 下旬 ends on Saturday 2-28, a 调休 workday; the count starts after it: Sunday 3-1 off, Monday 3-2 is 1.
        Assert.Equal(1, Run(Context(2026, 2, XunPart.Late, China2026), Clock(D(2026, 3, 2))).Facts.WorkingDaysLeft);
        Assert.Equal(WarningColour.Green, Run(Context(2026, 2, XunPart.Late, China2026), Clock(D(2026, 3, 3))).Colour);
    }

    [Fact]
    public void Only_open_clocks_count_and_the_one_due_first_decides()
    {
        var context = Context(2026, 3, XunPart.Middle);
        // Met on time, stopped: not open. The progress clock, due 3-23, decides.
        var result = Run(context,
            Clock(D(2026, 3, 10), metOn: D(2026, 3, 9)),
            Clock(D(2026, 3, 12), LeadClockKind.AnswerReferrer, stoppedOn: D(2026, 3, 11)),
            Clock(D(2026, 3, 30), LeadClockKind.Progress),
            Clock(D(2026, 3, 23), LeadClockKind.Progress));
        Assert.Equal((WarningColour.Yellow, nameof(LeadClockKind.Progress)), (result.Colour, result.Facts.Item));
        // Met after the 旬: it was open, and past due, at the end.
        Assert.Equal(WarningColour.Red, Run(context, Clock(D(2026, 3, 18), metOn: D(2026, 3, 21))).Colour);
        Assert.Equal(WarningColour.Green, Run(context, Clock(D(2026, 3, 18), metOn: D(2026, 3, 19))).Colour);
        Assert.Equal(WarningColour.Green, Run(context).Colour);
    }
}

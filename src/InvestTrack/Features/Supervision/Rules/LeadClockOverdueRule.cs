using static InvestTrack.Features.Supervision.Warnings;

namespace InvestTrack.Features.Supervision;

/// <summary>
/// 线索超时: an open clock (not met or stopped by the 旬's last day) is red when past due (due before that day, as
/// <see cref="Leads.LeadClocks.State"/> has it) and yellow when "due within 1 working day": the working days after the
/// 旬's last day up to the due date (<see cref="Leads.WorkingCalendar.WorkingDaysBetween"/>) are at most N, so due
/// on that day itself (0) or on the next working day (1) is yellow, the working day after that green. The open
/// clock due first decides. Facts: its kind, due date, <see cref="WarningFacts.Days"/> and the working days left.
/// </summary>
public sealed class LeadClockOverdueRule(LeadClockOverdueOptions options) : IWarningRule<LeadWarningFacts>
{
    public const string RuleId = "lead-clock-overdue";

    public string Id => RuleId;

    public RuleResult? Evaluate(LeadWarningFacts lead, WarningContext context)
    {
        var end = context.End;
        var first = lead.Clocks
            .Where(c => (c.MetOn is null || c.MetOn > end) && (c.StoppedOn is null || c.StoppedOn > end))
            .OrderBy(c => c.DueOn).ThenBy(c => c.Kind)
            .FirstOrDefault();
        if (first is null) return new RuleResult(RuleId, WarningColour.Green, new WarningFacts());
        var days = DaysBetween(first.DueOn, end);
        var facts = new WarningFacts { Item = first.Kind.ToString(), Date = first.DueOn, Days = days };
        if (days > 0) return new RuleResult(RuleId, WarningColour.Red, facts);
        var left = context.Calendar.WorkingDaysBetween(end, first.DueOn);
        var colour = left <= options.YellowWorkingDaysAhead ? WarningColour.Yellow : WarningColour.Green;
        return new RuleResult(RuleId, colour, facts with { WorkingDaysLeft = left });
    }
}

using static InvestTrack.Features.Supervision.Warnings;

namespace InvestTrack.Features.Supervision;

/// <summary>
/// 节点滞后: red when an open step is past its due date (due before the 旬's last day: on that day itself it is still
/// due, as a lead clock is); yellow when one is due from the 旬's last day to N days after it, both ends included.
/// The open step due first decides (an earlier due date is never a better colour); its name, due date and
/// <see cref="WarningFacts.Days"/> (days late when positive) are the facts.
/// </summary>
public sealed class PlanStepLateRule(PlanStepLateOptions options) : IWarningRule<ProjectWarningFacts>
{
    public const string RuleId = "plan-step-late";

    public string Id => RuleId;

    public RuleResult? Evaluate(ProjectWarningFacts project, WarningContext context)
    {
        if (project.PlanSteps is null) return null;
        var end = context.End;
        // A step closed after the 旬 was open at its end: a rerun of an old 旬 gives what the first run gave.
        var first = project.PlanSteps
            .Where(s => s.ClosedOn is null || s.ClosedOn > end)
            .OrderBy(s => s.DueOn).ThenBy(s => s.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (first is null) return new RuleResult(RuleId, WarningColour.Green, new WarningFacts());
        var days = DaysBetween(first.DueOn, end);
        var colour = days > 0 ? WarningColour.Red
            : -days <= options.YellowDaysAhead ? WarningColour.Yellow
            : WarningColour.Green;
        return new RuleResult(RuleId, colour, new WarningFacts { Item = first.Name, Date = first.DueOn, Days = days });
    }
}

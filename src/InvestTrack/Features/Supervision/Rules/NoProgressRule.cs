using InvestTrack.Features.Projects;
using static InvestTrack.Features.Supervision.Warnings;

namespace InvestTrack.Features.Supervision;

/// <summary>
/// 无进展: an active project (not 终止, not 投产; a stalled one is still active) whose last progress entry is d days
/// before the 旬's last day. "30–45 days" yellow and "more than 45" red read as 30 ≤ d ≤ 45 yellow, d ≥ 46 red, both
/// ends of the yellow band included. A project with no entry at all counts from the day it was registered, so that
/// it is not silent forever. Facts: the date counted from and d.
/// </summary>
public sealed class NoProgressRule(NoProgressOptions options) : IWarningRule<ProjectWarningFacts>
{
    public const string RuleId = "no-progress";

    public string Id => RuleId;

    public RuleResult? Evaluate(ProjectWarningFacts project, WarningContext context)
    {
        if (project.Status == ProjectStatus.Dropped || project.Stage == ProjectStage.InProduction) return null;
        if ((project.LastProgressOn ?? project.RegisteredOn) is not { } since) return null;
        var days = DaysBetween(since, context.End);
        var colour = days > options.RedAfterDays ? WarningColour.Red
            : days >= options.YellowFromDays ? WarningColour.Yellow
            : WarningColour.Green;
        return new RuleResult(RuleId, colour, new WarningFacts { Date = since, Days = days });
    }
}

using InvestTrack.Features.Projects;
using static InvestTrack.Features.Supervision.Warnings;

namespace InvestTrack.Features.Supervision;

/// <summary>
/// 签约未开工: a project with a 项目合同 signing (a framework agreement is not a project) and no start date by the 旬's
/// end. d = the 旬's last day − the signing date (signed that very day: 0). The table reads "150–180 days" yellow and
/// "more than 180" red, so yellow is 150 ≤ d ≤ 180 (both ends included) and red is d ≥ 181; below 150 green.
/// Facts: the signing date and d.
/// </summary>
public sealed class SignedNotStartedRule(SignedNotStartedOptions options) : IWarningRule<ProjectWarningFacts>
{
    public const string RuleId = "signed-not-started";

    public string Id => RuleId;

    public RuleResult? Evaluate(ProjectWarningFacts project, WarningContext context)
    {
        var end = context.End;
        // Dates after the 旬's end had not happened yet when the records were looked at.
        if (project.SigningKind != SigningKind.Contract || project.SignedOn is not { } signed || signed > end) return null;
        if (project.StartedOn is { } started && started <= end) return null;
        var days = DaysBetween(signed, end);
        var colour = days > options.RedAfterDays ? WarningColour.Red
            : days >= options.YellowFromDays ? WarningColour.Yellow
            : WarningColour.Green;
        return new RuleResult(RuleId, colour, new WarningFacts { Date = signed, Days = days });
    }
}

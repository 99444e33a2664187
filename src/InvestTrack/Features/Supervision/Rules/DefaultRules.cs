namespace InvestTrack.Features.Supervision;

/// <summary>The contract's five rules, each left out when switched off; a new rule is one more line here.</summary>
public static class DefaultRules
{
    public static IReadOnlyList<IWarningRule<ProjectWarningFacts>> ForProjects(WarningOptions options)
    {
        var rules = new List<IWarningRule<ProjectWarningFacts>>();
        if (options.PlanStepLate.Enabled) rules.Add(new PlanStepLateRule(options.PlanStepLate));
        if (options.SignedNotStarted.Enabled) rules.Add(new SignedNotStartedRule(options.SignedNotStarted));
        if (options.NoProgress.Enabled) rules.Add(new NoProgressRule(options.NoProgress));
        return rules;
    }

    public static IReadOnlyList<IWarningRule<UnitPaceFacts>> ForUnits(WarningOptions options) =>
        options.BehindPace.Enabled ? [new BehindPaceRule(options.BehindPace)] : [];

    public static IReadOnlyList<IWarningRule<LeadWarningFacts>> ForLeads(WarningOptions options) =>
        options.LeadClockOverdue.Enabled ? [new LeadClockOverdueRule(options.LeadClockOverdue)] : [];
}

using InvestTrack.Features.Leads;
using InvestTrack.Features.Supervision;
using static InvestTrack.UnitTests.Supervision.SupervisionFacts;

namespace InvestTrack.UnitTests.Supervision;

/// <summary>The default rules together, over a sequence of 旬, as a run would apply them.</summary>
public class WarningRunTests
{
    private static readonly IReadOnlyList<IWarningRule<ProjectWarningFacts>> Rules = DefaultRules.ForProjects(WarningOptions.Default);

    [Fact]
    public void A_late_step_goes_yellow_red_yellow_green_over_four_xun()
    {
        // Signed 2026-03-01 with progress kept up; step 立项 due 3-15, closed 3-25.
        var project = Project(signedOn: D(2026, 3, 1), planSteps: [Step("立项", D(2026, 3, 15), closedOn: D(2026, 3, 25))]);
        WarningColour? previous = null;
        var shown = new List<WarningColour>();
        for (var xun = new Xun(2026, 3, XunPart.Early); xun <= new Xun(2026, 4, XunPart.Early); xun = xun.Next)
        {
            var facts = project with { LastProgressOn = xun.LastDay.AddDays(-3) };
            var warning = Warnings.Assess(facts, Rules, new WarningContext(xun, WorkingCalendar.WeekendsOnly), previous);
            shown.Add(warning.Shown);
            previous = warning.Shown;
        }
        // 3-10: due in 5 days (new → its raw yellow); 3-20: 5 days late; 3-31: closed, made up; 4-10: a whole 旬 on time.
        Assert.Equal([WarningColour.Yellow, WarningColour.Red, WarningColour.Yellow, WarningColour.Green], shown);
    }

    [Fact]
    public void A_rerun_of_the_same_xun_gives_the_same_result()
    {
        var project = Project(signedOn: D(2025, 9, 1), lastProgressOn: D(2026, 2, 1), planSteps: [Step("用地", D(2026, 3, 12))]);
        var context = Context(2026, 3, XunPart.Early);
        var first = Warnings.Assess(project, Rules, context, WarningColour.Green);
        var again = Warnings.Assess(project, Rules, context, WarningColour.Green);
        Assert.Equal(first.Results, again.Results);
        Assert.Equal((first.Raw, first.Shown), (again.Raw, again.Shown));
        // 用地 due in 2 days: yellow; signed 190 days before 3-10: red; last progress 37 days: yellow.
        Assert.Equal(
            [(PlanStepLateRule.RuleId, WarningColour.Yellow), (SignedNotStartedRule.RuleId, WarningColour.Red), (NoProgressRule.RuleId, WarningColour.Yellow)],
            first.Results.Select(r => (r.RuleId, r.Colour)));
        Assert.Equal(WarningColour.Red, first.Shown);
    }

    [Fact]
    public void A_rule_switched_off_does_not_run()
    {
        var options = WarningOptions.Default with { SignedNotStarted = new SignedNotStartedOptions(Enabled: false) };
        var rules = DefaultRules.ForProjects(options);
        Assert.Equal([PlanStepLateRule.RuleId, NoProgressRule.RuleId], rules.Select(r => r.Id));
        var warning = Warnings.Assess(Project(signedOn: D(2025, 1, 1), lastProgressOn: D(2026, 3, 9)), rules, Context(2026, 3, XunPart.Early), null);
        Assert.Equal(WarningColour.Green, warning.Shown);
        Assert.Empty(DefaultRules.ForUnits(WarningOptions.Default with { BehindPace = new BehindPaceOptions(Enabled: false) }));
        Assert.Empty(DefaultRules.ForLeads(WarningOptions.Default with { LeadClockOverdue = new LeadClockOverdueOptions(Enabled: false) }));
    }

    [Fact]
    public void The_default_rules_have_the_contracts_ids_and_thresholds()
    {
        Assert.Equal(["plan-step-late", "signed-not-started", "no-progress"], DefaultRules.ForProjects(WarningOptions.Default).Select(r => r.Id));
        Assert.Equal(["unit-behind-pace"], DefaultRules.ForUnits(WarningOptions.Default).Select(r => r.Id));
        Assert.Equal(["lead-clock-overdue"], DefaultRules.ForLeads(WarningOptions.Default).Select(r => r.Id));
        var o = WarningOptions.Default;
        Assert.Equal((5, 150, 180, 30, 45, 10m, 1),
            (o.PlanStepLate.YellowDaysAhead, o.SignedNotStarted.YellowFromDays, o.SignedNotStarted.RedAfterDays, o.NoProgress.YellowFromDays,
             o.NoProgress.RedAfterDays, o.BehindPace.RedPointsBelowPace, o.LeadClockOverdue.YellowWorkingDaysAhead));
    }

    [Fact]
    public void More_rules_are_added_as_code()
    {
        IReadOnlyList<IWarningRule<ProjectWarningFacts>> rules = [.. Rules, new AlwaysRed()];
        var warning = Warnings.Assess(Project(), rules, Context(2026, 3, XunPart.Early), null);
        Assert.Equal(WarningColour.Red, warning.Shown);
        Assert.Equal("always-red", Assert.Single(warning.Results).RuleId);
    }

    private sealed class AlwaysRed : IWarningRule<ProjectWarningFacts>
    {
        public string Id => "always-red";
        public RuleResult? Evaluate(ProjectWarningFacts subject, WarningContext context) => new(Id, WarningColour.Red, new WarningFacts());
    }
}

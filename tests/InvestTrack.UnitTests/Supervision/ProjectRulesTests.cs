using InvestTrack.Features.Projects;
using InvestTrack.Features.Supervision;
using static InvestTrack.UnitTests.Supervision.SupervisionFacts;

namespace InvestTrack.UnitTests.Supervision;

/// <summary>签约未开工 and 无进展: day counts to the 旬's last day, both ends of the yellow band included.</summary>
public class ProjectRulesTests
{
    private static readonly SignedNotStartedRule Signed = new(new SignedNotStartedOptions());
    private static readonly NoProgressRule NoProgress = new(new NoProgressOptions());

    [Theory]
    // 2026-03 上旬 ends 3-10: 149 days after 2025-10-12, 150 after 10-11, 180 after 9-11, 181 after 9-10.
    [InlineData(2026, 3, XunPart.Early, "2025-10-12", 149, WarningColour.Green)]
    [InlineData(2026, 3, XunPart.Early, "2025-10-11", 150, WarningColour.Yellow)]
    [InlineData(2026, 3, XunPart.Early, "2025-09-11", 180, WarningColour.Yellow)]
    [InlineData(2026, 3, XunPart.Early, "2025-09-10", 181, WarningColour.Red)]
    // 2026-02 下旬 ends 2-28.
    [InlineData(2026, 2, XunPart.Late, "2025-10-01", 150, WarningColour.Yellow)]
    [InlineData(2026, 2, XunPart.Late, "2025-08-31", 181, WarningColour.Red)]
    // 2028-02 下旬 ends 2-29 (leap).
    [InlineData(2028, 2, XunPart.Late, "2027-10-03", 149, WarningColour.Green)]
    [InlineData(2028, 2, XunPart.Late, "2027-09-02", 180, WarningColour.Yellow)]
    [InlineData(2028, 2, XunPart.Late, "2027-09-01", 181, WarningColour.Red)]
    public void Signed_not_started_at_150_and_180_days(int year, int month, XunPart part, string signed, int days, WarningColour colour)
    {
        var signedOn = DateOnly.Parse(signed, System.Globalization.CultureInfo.InvariantCulture);
        var result = Signed.Evaluate(Project(signedOn: signedOn), Context(year, month, part))!;
        Assert.Equal(colour, result.Colour);
        Assert.Equal(SignedNotStartedRule.RuleId, result.RuleId);
        Assert.Equal(signedOn, result.Facts.Date);
        Assert.Equal(days, result.Facts.Days);
    }

    [Fact]
    public void Signed_not_started_is_about_contracts_without_a_start_by_the_end()
    {
        var context = Context(2026, 3, XunPart.Early);
        var old = D(2025, 1, 1);
        Assert.Null(Signed.Evaluate(Project(signedOn: old, signingKind: SigningKind.Framework), context));
        Assert.Null(Signed.Evaluate(Project(stage: ProjectStage.Talks), context));
        Assert.Null(Signed.Evaluate(Project(signedOn: old, startedOn: D(2026, 3, 10)), context));
        // Started after the 旬: not started when the records were read.
        Assert.Equal(WarningColour.Red, Signed.Evaluate(Project(signedOn: old, startedOn: D(2026, 3, 11)), context)!.Colour);
        // Signed after the 旬: not signed yet.
        Assert.Null(Signed.Evaluate(Project(signedOn: D(2026, 3, 11)), context));
        Assert.Equal(0, Signed.Evaluate(Project(signedOn: D(2026, 3, 10)), context)!.Facts.Days);
    }

    [Theory]
    // 2026-03 上旬 ends 3-10: 29 days after 2-09, 30 after 2-08, 45 after 1-24, 46 after 1-23.
    [InlineData(2026, 3, XunPart.Early, "2026-02-09", 29, WarningColour.Green)]
    [InlineData(2026, 3, XunPart.Early, "2026-02-08", 30, WarningColour.Yellow)]
    [InlineData(2026, 3, XunPart.Early, "2026-01-24", 45, WarningColour.Yellow)]
    [InlineData(2026, 3, XunPart.Early, "2026-01-23", 46, WarningColour.Red)]
    // 2026-02 下旬 ends 2-28, 2028-02 下旬 on 2-29.
    [InlineData(2026, 2, XunPart.Late, "2026-01-29", 30, WarningColour.Yellow)]
    [InlineData(2026, 2, XunPart.Late, "2026-01-13", 46, WarningColour.Red)]
    [InlineData(2028, 2, XunPart.Late, "2028-01-31", 29, WarningColour.Green)]
    [InlineData(2028, 2, XunPart.Late, "2028-01-15", 45, WarningColour.Yellow)]
    // 2026-04 下旬 ends 4-30: 30 days after 3-31, 46 after 3-15.
    [InlineData(2026, 4, XunPart.Late, "2026-03-31", 30, WarningColour.Yellow)]
    [InlineData(2026, 4, XunPart.Late, "2026-03-15", 46, WarningColour.Red)]
    public void No_progress_at_30_and_45_days(int year, int month, XunPart part, string last, int days, WarningColour colour)
    {
        var lastOn = DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture);
        var result = NoProgress.Evaluate(Project(lastProgressOn: lastOn), Context(year, month, part))!;
        Assert.Equal(colour, result.Colour);
        Assert.Equal(NoProgressRule.RuleId, result.RuleId);
        Assert.Equal(lastOn, result.Facts.Date);
        Assert.Equal(days, result.Facts.Days);
    }

    [Fact]
    public void No_progress_is_about_active_projects_only()
    {
        var context = Context(2026, 3, XunPart.Early);
        var old = D(2025, 1, 1);
        Assert.Null(NoProgress.Evaluate(Project(status: ProjectStatus.Dropped, lastProgressOn: old), context));
        Assert.Null(NoProgress.Evaluate(Project(stage: ProjectStage.InProduction, lastProgressOn: old), context));
        // Stalled is not 终止: still watched.
        Assert.Equal(WarningColour.Red, NoProgress.Evaluate(Project(status: ProjectStatus.Stalled, lastProgressOn: old), context)!.Colour);
        Assert.Equal(WarningColour.Red, NoProgress.Evaluate(Project(stage: ProjectStage.Talks, lastProgressOn: old), context)!.Colour);
    }

    [Fact]
    public void Without_any_progress_entry_the_days_count_from_registration()
    {
        var context = Context(2026, 3, XunPart.Early);
        var result = NoProgress.Evaluate(Project(registeredOn: D(2026, 2, 8)), context)!;
        Assert.Equal((WarningColour.Yellow, 30), (result.Colour, result.Facts.Days));
        Assert.Equal(WarningColour.Green, NoProgress.Evaluate(Project(registeredOn: D(2025, 1, 1), lastProgressOn: D(2026, 3, 1)), context)!.Colour);
        Assert.Null(NoProgress.Evaluate(Project(), context));
    }

    [Fact]
    public void Thresholds_are_configurable()
    {
        var context = Context(2026, 3, XunPart.Early);
        var signed = new SignedNotStartedRule(new SignedNotStartedOptions(YellowFromDays: 90, RedAfterDays: 120));
        Assert.Equal(WarningColour.Yellow, signed.Evaluate(Project(signedOn: D(2026, 3, 10).AddDays(-90)), context)!.Colour);
        Assert.Equal(WarningColour.Red, signed.Evaluate(Project(signedOn: D(2026, 3, 10).AddDays(-121)), context)!.Colour);
        var noProgress = new NoProgressRule(new NoProgressOptions(YellowFromDays: 14, RedAfterDays: 28));
        Assert.Equal(WarningColour.Yellow, noProgress.Evaluate(Project(lastProgressOn: D(2026, 2, 24)), context)!.Colour);
        Assert.Equal(WarningColour.Red, noProgress.Evaluate(Project(lastProgressOn: D(2026, 2, 9)), context)!.Colour);
    }
}

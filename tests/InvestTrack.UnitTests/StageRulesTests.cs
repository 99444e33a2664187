using InvestTrack.Features.Projects;
using static InvestTrack.Features.Projects.ProjectStage;

namespace InvestTrack.UnitTests;

public class StageRulesTests
{
    private static readonly StageDates NoDates = new(null, null, null, false);
    private static readonly StageDates Signed = new(new DateOnly(2025, 3, 1), null, null, true);
    private static readonly StageDates Started = new(new DateOnly(2025, 3, 1), new DateOnly(2025, 5, 1), null, true);
    private static readonly StageDates Producing = new(new DateOnly(2025, 3, 1), new DateOnly(2025, 5, 1), new DateOnly(2026, 1, 1), true);

    private static List<string> Move(ProjectStage from, ProjectStage to, StageDates dates, string? reason = null) =>
        StageRules.Check(from, ProjectStatus.Active, to, ProjectStatus.Active, reason, dates);

    [Fact]
    public void Forward_moves_need_only_their_dates()
    {
        Assert.Empty(Move(Lead, Talks, NoDates));
        Assert.Empty(Move(Talks, Intention, NoDates));
        Assert.Empty(Move(Intention, ProjectStage.Signed, Signed));
        Assert.Empty(Move(ProjectStage.Signed, ProjectStage.Started, Started));
        Assert.Empty(Move(ProjectStage.Started, InProduction, Producing));
        Assert.Empty(Move(Lead, ProjectStage.Signed, Signed)); // a lead can be signed at once
    }

    [Fact]
    public void Signing_needs_a_date_and_a_kind()
    {
        Assert.Equal(["Stage.Error.SignedOnRequired", "Stage.Error.SigningKindRequired"], Move(Intention, ProjectStage.Signed, NoDates));
    }

    [Fact]
    public void Going_back_needs_a_reason()
    {
        Assert.Equal(["Stage.Error.BackNeedsReason"], Move(ProjectStage.Signed, Talks, Signed));
        Assert.Empty(Move(ProjectStage.Signed, Talks, Signed, "合同解除，重新洽谈"));
        Assert.Equal(["Stage.Error.BackNeedsReason"], Move(Talks, Lead, NoDates, "   "));
    }

    [Fact]
    public void Dropping_needs_a_reason_and_can_happen_at_any_stage()
    {
        foreach (var stage in StageRules.Stages)
        {
            var dates = stage switch { ProjectStage.Signed => Signed, ProjectStage.Started => Started, InProduction => Producing, _ => NoDates };
            Assert.Equal(["Stage.Error.DropNeedsReason"], StageRules.Check(stage, ProjectStatus.Active, stage, ProjectStatus.Dropped, null, dates));
            Assert.Empty(StageRules.Check(stage, ProjectStatus.Active, stage, ProjectStatus.Dropped, "投资方撤资", dates));
            Assert.Empty(StageRules.Check(stage, ProjectStatus.Active, stage, ProjectStatus.Stalled, null, dates));
        }
    }

    [Fact]
    public void Dates_must_be_in_order()
    {
        var startBeforeSigning = new StageDates(new DateOnly(2025, 3, 1), new DateOnly(2025, 2, 28), null, true);
        Assert.Contains("Stage.Error.StartBeforeSigning", Move(ProjectStage.Signed, ProjectStage.Started, startBeforeSigning));
        var productionBeforeStart = new StageDates(new DateOnly(2025, 3, 1), new DateOnly(2025, 5, 1), new DateOnly(2025, 4, 30), true);
        Assert.Contains("Stage.Error.ProductionBeforeStart", Move(ProjectStage.Started, InProduction, productionBeforeStart));
        var sameDay = new StageDates(new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 1), true);
        Assert.Empty(Move(ProjectStage.Started, InProduction, sameDay));
    }

    [Fact]
    public void A_production_date_without_a_start_is_refused() =>
        Assert.Contains("Stage.Error.StartedOnRequired", StageRules.CheckDates(Intention, new StageDates(null, null, new DateOnly(2025, 1, 1), false)));

    [Theory]
    [InlineData(null, null, null, Talks)]
    [InlineData("2025-01-01", null, null, ProjectStage.Signed)]
    [InlineData("2025-01-01", "2025-02-01", null, ProjectStage.Started)]
    [InlineData("2025-01-01", "2025-02-01", "2025-09-01", InProduction)]
    public void Ledger_dates_imply_the_stage(string? signed, string? started, string? production, ProjectStage expected) =>
        Assert.Equal(expected, StageRules.ImpliedByDates(Parse(signed), Parse(started), Parse(production), Talks));

    private static DateOnly? Parse(string? s) => s is null ? null : DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(99_999L, InvestmentTier.Below)]            // 999.99万
    [InlineData(100_000L, InvestmentTier.TenMillion)]      // exactly 1000万
    [InlineData(499_999L, InvestmentTier.TenMillion)]
    [InlineData(500_000L, InvestmentTier.FiftyMillion)]    // 5000万
    [InlineData(1_000_000L, InvestmentTier.Yi)]            // 1亿
    [InlineData(10_000_000L, InvestmentTier.TenYi)]        // 10亿
    [InlineData(100_000_000L, InvestmentTier.HundredYi)]   // 100亿
    public void Tiers_follow_the_planned_investment(long hundredths, InvestmentTier tier)
    {
        Assert.Equal(tier, InvestmentTiers.Of(hundredths));
        var (lower, upper) = InvestmentTiers.Range(tier);
        Assert.True(hundredths >= lower && (upper is null || hundredths < upper));
    }
}

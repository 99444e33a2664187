using InvestTrack.Features.Supervision;

namespace InvestTrack.UnitTests.Supervision;

/// <summary>考核 scores and ranks against hand-computed cases; the arithmetic is in the comments.</summary>
public class AssessmentScoringTests
{
    private static AssessmentIndicator Efficacy(string code, int weight) => new(code, weight);
    private static AssessmentIndicator Ratio(string code, int weight, decimal cap = AssessmentIndicator.DefaultCap) => new(code, weight, ScoringMethod.Ratio, Cap: cap);

    private static AssessmentScheme Scheme(params AssessmentIndicator[] indicators) => new(indicators, []);

    private static UnitAssessmentInput Unit(string code, params (string Indicator, decimal Actual, decimal? Target)[] figures) =>
        new(code, [.. figures.Select(f => new IndicatorFigure(f.Indicator, f.Actual, f.Target))], []);

    private static IReadOnlyList<UnitScore> Score(AssessmentScheme scheme, params UnitAssessmentInput[] units)
    {
        var outcome = AssessmentScoring.Score(scheme, units);
        Assert.Empty(outcome.Problems);
        return outcome.Units;
    }

    [Fact]
    public void All_units_equal_share_rank_one_listed_by_code()
    {
        // funds (60, efficacy): every x = 50 ÷ 100 = 0.5, so h = s and everyone scores 100.
        // signings (40, ratio): every x = 9 ÷ 10 = 0.9, d = 100 × 0.9 = 90.
        // T = 60 × 100 ÷ 100 + 40 × 90 ÷ 100 = 60 + 36 = 96.
        var units = Score(Scheme(Efficacy("funds", 60), Ratio("signings", 40)),
            Unit("U03", ("funds", 50, 100), ("signings", 9, 10)),
            Unit("U01", ("funds", 50, 100), ("signings", 9, 10)),
            Unit("U02", ("funds", 50, 100), ("signings", 9, 10)));
        Assert.Equal(["U01", "U02", "U03"], units.Select(u => u.UnitCode));
        Assert.All(units, u =>
        {
            Assert.Equal(96m, u.Total);
            Assert.Equal(96.00m, u.RoundedTotal);
            Assert.Equal(1, u.Rank);
            Assert.Equal([100m, 90m], u.Indicators.Select(i => i.Score));
            Assert.Equal([0.5m, 0.9m], u.Indicators.Select(i => i.X));
            Assert.Equal([60m, 40m], u.Indicators.Select(i => i.WeightUsed));
        });
    }

    [Fact]
    public void Efficacy_coefficient_with_one_unit_at_zero()
    {
        // x: A 120 ÷ 100 = 1.2 (h), B 80 ÷ 100 = 0.8, C 0 ÷ 50 = 0 (s).
        // d_A = 60 + 40 × (1.2 − 0) ÷ (1.2 − 0) = 100; d_B = 60 + 40 × 0.8 ÷ 1.2 = 60 + 32 ÷ 1.2 = 86.666…; d_C = 60.
        var outcome = AssessmentScoring.Score(Scheme(Efficacy("funds", 100)),
            [Unit("C", ("funds", 0, 50)), Unit("B", ("funds", 80, 100)), Unit("A", ("funds", 120, 100))]);
        var units = outcome.Units;
        Assert.Equal(["A", "B", "C"], units.Select(u => u.UnitCode));
        Assert.Equal([100m, 60m + 32m / 1.2m, 60m], units.Select(u => u.Indicators[0].Score));
        Assert.Equal(86.66666666666666666666666667m, units[1].Total);
        Assert.Equal([100.00m, 86.67m, 60.00m], units.Select(u => u.RoundedTotal));
        Assert.Equal([1, 2, 3], units.Select(u => u.Rank));
        Assert.Equal(new IndicatorBounds("funds", 1.2m, 0m), Assert.Single(outcome.Bounds));
    }

    [Fact]
    public void Ratio_with_one_unit_at_zero_and_one_above_the_cap()
    {
        // d = 100 × min(x, 1.2): A x = 1.5 → 120; B x = 0.75 → 75; C x = 0 → 0.
        var units = Score(Scheme(Ratio("funds", 100)),
            Unit("A", ("funds", 150, 100)), Unit("B", ("funds", 75, 100)), Unit("C", ("funds", 0, 30)));
        Assert.Equal([120m, 75m, 0m], units.Select(u => u.Total));
        Assert.Equal([1, 2, 3], units.Select(u => u.Rank));
        // A cap of 1.0 holds A at 100.
        Assert.Equal(100m, Score(Scheme(Ratio("funds", 100, cap: 1.0m)), Unit("A", ("funds", 150, 100)))[0].Total);
    }

    [Fact]
    public void Fixed_ceiling_and_floor_limit_the_score_to_60_and_100()
    {
        // h = 1.2, s = 0.6: x = 1.5 → 60 + 40 × 0.9 ÷ 0.6 = 120 → 100; x = 0.9 → 60 + 40 × 0.3 ÷ 0.6 = 80; x = 0.3 → 40 → 60.
        var scheme = Scheme(new AssessmentIndicator("funds", 100, Ceiling: 1.2m, Floor: 0.6m));
        var units = Score(scheme, Unit("A", ("funds", 15, 10)), Unit("B", ("funds", 9, 10)), Unit("C", ("funds", 3, 10)));
        Assert.Equal([100m, 80m, 60m], units.Select(u => u.Total));
        Assert.Equal(80m, AssessmentScoring.EfficacyCoefficient(0.9m, 1.2m, 0.6m));
        Assert.Equal(100m, AssessmentScoring.EfficacyCoefficient(0.9m, 0.7m, 0.7m)); // h = s
    }

    [Fact]
    public void A_unit_without_a_target_is_scored_on_the_rest_with_weights_scaled_up()
    {
        // Ratio everywhere. A: funds 1.0 → 100, signings 0.5 → 50: T = 60 × 100 ÷ 100 + 40 × 50 ÷ 100 = 80.
        // B has no signings target: funds (60) alone is scaled to 100: T = 100 × 90 ÷ 100 = 90.
        var units = Score(Scheme(Ratio("funds", 60), Ratio("signings", 40)),
            Unit("A", ("funds", 100, 100), ("signings", 5, 10)),
            Unit("B", ("funds", 90, 100), ("signings", 3, null)));
        Assert.Equal(["B", "A"], units.Select(u => u.UnitCode));
        Assert.Equal([90m, 80m], units.Select(u => u.Total));
        var b = units[0];
        Assert.Equal("funds", Assert.Single(b.Indicators).Indicator);
        Assert.Equal(100m, b.Indicators[0].WeightUsed);
    }

    [Fact]
    public void Weights_scaled_by_thirds()
    {
        // Weights 70/20/10; C lacks funds: W = 30, weights used 20 × 100 ÷ 30 = 66.67 and 10 × 100 ÷ 30 = 33.33.
        // signings 0.9 → 90, starts 0.6 → 60: T = (20 × 90 + 10 × 60) ÷ 30 = 2400 ÷ 30 = 80.
        var units = Score(Scheme(Ratio("funds", 70), Ratio("signings", 20), Ratio("starts", 10)),
            Unit("C", ("signings", 9, 10), ("starts", 6, 10)));
        Assert.Equal(80m, units[0].Total);
        Assert.Equal([2000m / 30m, 1000m / 30m], units[0].Indicators.Select(i => i.WeightUsed));
    }

    [Fact]
    public void The_efficacy_bounds_come_from_the_scored_units_only()
    {
        // B has no funds target, so its 5.0 does not set h: h = 1.0 (A), s = 0.5 (C). A 100, C 60.
        var units = Score(Scheme(Efficacy("funds", 100)),
            Unit("A", ("funds", 10, 10)), Unit("B", ("funds", 50, null)), Unit("C", ("funds", 5, 10)));
        Assert.Equal([("A", 100m, 1), ("C", 60m, 2)], units.Take(2).Select(u => (u.UnitCode, u.Total!.Value, u.Rank!.Value)));
        // B is scored on nothing: no total, no rank, listed last.
        Assert.Equal(("B", null, null), (units[2].UnitCode, units[2].Total, units[2].Rank));
    }

    [Fact]
    public void Equal_rounded_totals_share_a_rank_and_are_listed_by_code()
    {
        // Ratio, weight 100: B 100; A and C 90; D 80 → ranks 1, 2, 2, 4.
        var units = Score(Scheme(Ratio("funds", 100)),
            Unit("C", ("funds", 9, 10)), Unit("D", ("funds", 8, 10)), Unit("A", ("funds", 9, 10)), Unit("B", ("funds", 10, 10)));
        Assert.Equal([("B", 1), ("A", 2), ("C", 2), ("D", 4)], units.Select(u => (u.UnitCode, u.Rank!.Value)));
    }

    [Fact]
    public void Ranks_are_decided_on_totals_rounded_half_up()
    {
        // x = 0.90004 → 90.004 → 90.00; x = 0.89995 → 89.995 → 90.00 (half up); x = 0.90005 → 90.005 → 90.01.
        var units = Score(Scheme(Ratio("funds", 100)),
            Unit("Y", ("funds", 0.90004m, 1)), Unit("X", ("funds", 0.89995m, 1)), Unit("Z", ("funds", 0.90005m, 1)));
        Assert.Equal([("Z", 90.005m, 90.01m, 1), ("X", 89.995m, 90.00m, 2), ("Y", 90.004m, 90.00m, 2)],
            units.Select(u => (u.UnitCode, u.Total!.Value, u.RoundedTotal!.Value, u.Rank!.Value)));
    }

    [Fact]
    public void Bonuses_and_deductions_are_fixed_points()
    {
        // Base: ratio 0.8 → 80. A: one 重大活动 (+2) and three 迟报 (−0.5 each): 80 + 2 − 1.5 = 80.5. B: 80.
        var scheme = new AssessmentScheme([Ratio("funds", 100)], [new AdjustmentItem("activity", 2m, IsBonus: true), new AdjustmentItem("late", 0.5m, IsBonus: false)]);
        var a = new UnitAssessmentInput("A", [new IndicatorFigure("funds", 8, 10)], [new UnitAdjustment("activity"), new UnitAdjustment("late", 3)]);
        var b = new UnitAssessmentInput("B", [new IndicatorFigure("funds", 8, 10)], []);
        var units = Score(scheme, a, b);
        Assert.Equal([("A", 2m, 1.5m, 80.5m, 1), ("B", 0m, 0m, 80m, 2)],
            units.Select(u => (u.UnitCode, u.Bonus, u.Deduction, u.Total!.Value, u.Rank!.Value)));
    }

    [Fact]
    public void A_single_scored_unit_scores_100_by_efficacy()
    {
        Assert.Equal(100m, Score(Scheme(Efficacy("funds", 100)), Unit("A", ("funds", 1, 10)))[0].Total);
    }
}

namespace InvestTrack.Features.Supervision;

/// <summary>
/// 考核 scores and ranks (docs/supervision.md, Assessment), exact in <see cref="decimal"/>: the same snapshot and
/// scheme give the same scores and ranks to anyone, whenever they are computed.
/// </summary>
public static class AssessmentScoring
{
    public static AssessmentOutcome Score(AssessmentScheme scheme, IReadOnlyList<UnitAssessmentInput> units)
    {
        var problems = AssessmentValidation.CheckScheme(scheme);
        problems.AddRange(AssessmentValidation.CheckUnits(scheme, units));
        if (problems.Count > 0) return new AssessmentOutcome(problems, [], []);

        // h and s come from x_ui = actual ÷ target of the units scored on each indicator: those with a target for it.
        var bounds = scheme.Indicators.Select(i => Bounds(i, units
            .SelectMany(u => u.Figures.Where(f => f.Indicator == i.Code && f.Target is not null).Select(Completion)).ToList())).ToList();
        var boundsOf = bounds.ToDictionary(b => b.Indicator, StringComparer.Ordinal);
        var scored = units.Select(u => ScoreUnit(scheme, u, boundsOf)).ToList();
        return new AssessmentOutcome([], Rank(scored), bounds);
    }

    private static decimal Completion(IndicatorFigure figure) => figure.Actual / figure.Target!.Value;

    /// <summary>h and s: fixed by the scheme, else the highest and lowest x among the scored units.</summary>
    private static IndicatorBounds Bounds(AssessmentIndicator indicator, List<decimal> xs) =>
        indicator.Method != ScoringMethod.EfficacyCoefficient || xs.Count == 0 ? new(indicator.Code, null, null)
        : new(indicator.Code, indicator.Ceiling ?? xs.Max(), indicator.Floor ?? xs.Min());

    /// <summary>d = 60 + 40 × (x − s) ÷ (h − s) within [60, 100]; 100 for everyone when h = s.</summary>
    public static decimal EfficacyCoefficient(decimal x, decimal ceiling, decimal floor) =>
        ceiling == floor ? 100m : Math.Clamp(60m + 40m * (x - floor) / (ceiling - floor), 60m, 100m);

    /// <summary>d = 100 × min(x, cap).</summary>
    public static decimal Ratio(decimal x, decimal cap) => 100m * Math.Min(x, cap);

    private static UnitScore ScoreUnit(AssessmentScheme scheme, UnitAssessmentInput unit, Dictionary<string, IndicatorBounds> bounds)
    {
        var mine = scheme.Indicators
            .Select(i => (Indicator: i, Figure: unit.Figures.FirstOrDefault(f => f.Indicator == i.Code && f.Target is not null)))
            .Where(p => p.Figure is not null)
            .Select(p => (p.Indicator, Figure: p.Figure!))
            .ToList();
        var bonus = Points(scheme, unit, bonus: true);
        var deduction = Points(scheme, unit, bonus: false);
        // W, the weights of the indicators the unit is scored on: they are scaled up to 100 when some are missing.
        var weightSum = mine.Sum(m => m.Indicator.Weight);
        if (weightSum == 0) return new UnitScore(unit.UnitCode, [], bonus, deduction, null, null, null);

        var weighted = 0m;
        var scores = new List<IndicatorScore>(mine.Count);
        foreach (var (indicator, figure) in mine)
        {
            var x = Completion(figure);
            var d = indicator.Method == ScoringMethod.Ratio
                ? Ratio(x, indicator.Cap)
                : EfficacyCoefficient(x, bounds[indicator.Code].Ceiling!.Value, bounds[indicator.Code].Floor!.Value);
            weighted += indicator.Weight * d;
            scores.Add(new IndicatorScore(indicator.Code, figure.Actual, figure.Target!.Value, x, d, indicator.Weight * 100m / weightSum));
        }
        // Σ w × d ÷ W equals Σ (100 w ÷ W) × d ÷ 100 with one division instead of one per indicator; for a unit scored
        // on every indicator W = 100, the contract's Σ w × d ÷ 100 to the letter.
        var total = weighted / weightSum + bonus - deduction;
        return new UnitScore(unit.UnitCode, scores, bonus, deduction, total, RoundHalfUp(total), null);
    }

    private static decimal Points(AssessmentScheme scheme, UnitAssessmentInput unit, bool bonus) => unit.Adjustments
        .Select(a => (Item: scheme.Items.First(i => i.Code == a.Item), a.Times))
        .Where(a => a.Item.IsBonus == bonus)
        .Sum(a => a.Item.Points * a.Times);

    /// <summary>Highest rounded total first; equal rounded totals share a rank (1, 2, 2, 4) and are listed by unit code.</summary>
    private static List<UnitScore> Rank(List<UnitScore> units)
    {
        var ranked = units.Where(u => u.RoundedTotal is not null)
            .OrderByDescending(u => u.RoundedTotal).ThenBy(u => u.UnitCode, StringComparer.Ordinal).ToList();
        var result = new List<UnitScore>(units.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            var rank = i > 0 && ranked[i].RoundedTotal == ranked[i - 1].RoundedTotal ? result[i - 1].Rank : i + 1;
            result.Add(ranked[i] with { Rank = rank });
        }
        result.AddRange(units.Where(u => u.RoundedTotal is null).OrderBy(u => u.UnitCode, StringComparer.Ordinal));
        return result;
    }

    public static decimal RoundHalfUp(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}

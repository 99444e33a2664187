using InvestTrack.Resources;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Supervision;

/// <summary>
/// One indicator of one unit: x = actual ÷ target, d its score (exact), and the weight used (the scheme's, scaled up
/// when the unit is not scored on every indicator).
/// </summary>
public sealed record IndicatorScore(string Indicator, decimal Actual, decimal Target, decimal X, decimal Score, decimal WeightUsed);

/// <summary>
/// One unit's result. <paramref name="Total"/> is exact; <paramref name="RoundedTotal"/> (two decimals, half up) is
/// shown and decides the rank. A unit with no target for any indicator has no total and no rank.
/// </summary>
public sealed record UnitScore(
    string UnitCode,
    IReadOnlyList<IndicatorScore> Indicators,
    decimal Bonus,
    decimal Deduction,
    decimal? Total,
    decimal? RoundedTotal,
    int? Rank);

/// <summary>h and s as used for an efficacy-coefficient indicator (null for the ratio method or when nobody is scored).</summary>
public sealed record IndicatorBounds(string Indicator, decimal? Ceiling, decimal? Floor);

/// <summary>A refusal, as a key of SupervisionResource and its arguments.</summary>
public sealed record AssessmentProblem(string Key, params object[] Args)
{
    public string Message(IStringLocalizer<SupervisionResource> t) => t[Key, Args];
}

/// <summary>Either the problems (and no scores) or the units listed by rank, then by unit code.</summary>
public sealed record AssessmentOutcome(IReadOnlyList<AssessmentProblem> Problems, IReadOnlyList<UnitScore> Units, IReadOnlyList<IndicatorBounds> Bounds)
{
    public bool Succeeded => Problems.Count == 0;
}

namespace InvestTrack.Features.Supervision;

/// <summary>
/// One unit's figures from the frozen snapshot: for each indicator its actual and target (statistics.md), and the
/// bonus and deduction items that apply to it. An indicator without a row, or with a null target, is one the unit has
/// no target for: it is not scored on it.
/// </summary>
public sealed record UnitAssessmentInput(string UnitCode, IReadOnlyList<IndicatorFigure> Figures, IReadOnlyList<UnitAdjustment> Adjustments);

public sealed record IndicatorFigure(string Indicator, decimal Actual, decimal? Target);

/// <summary>An item of the scheme that applies <paramref name="Times"/> times (three late dispatches: 3).</summary>
public sealed record UnitAdjustment(string Item, int Times = 1);

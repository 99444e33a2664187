using InvestTrack.Features.Supervision;

namespace InvestTrack.Features.Assessment;

/// <summary>A bonus or deduction item counted for a unit, with the reason city staff gave.</summary>
public sealed record SnapshotAdjustment(string Item, int Times, string Reason);

/// <summary>One unit as frozen: its name then, its actual and target per indicator (kernel figures), its items.</summary>
public sealed record SnapshotUnit(int UnitId, string Code, string Name, IReadOnlyList<IndicatorFigure> Figures, IReadOnlyList<SnapshotAdjustment> Adjustments);

/// <summary>
/// Everything a ranking is scored from: the scheme version with its whole configuration and every unit's inputs. Scoring
/// this again with the kernel gives the published scores and ranks, whatever changed in the records since.
/// </summary>
public sealed record RankingSnapshot(
    int Year, int Month, int SchemeId, int SchemeNumber, DateTimeOffset? SchemePublishedAt, SchemeConfig Scheme,
    IReadOnlyList<SnapshotUnit> Units, DateTimeOffset TakenAt);

/// <summary>The kernel's scores and ranks as published (exact decimals).</summary>
public sealed record StoredResult(IReadOnlyList<UnitScore> Units, IReadOnlyList<IndicatorBounds> Bounds);

/// <summary>An indicator's column: its weight, method and the h and s used (efficacy coefficient).</summary>
public sealed record RankingIndicator(string Code, string Name, int Weight, ScoringMethod Method, decimal? Ceiling, decimal? Floor);

/// <param name="CompletionPercent">actual ÷ target × 100, two decimals half up; null without a target.</param>
/// <param name="Score">d, exact; null when the unit is not scored on the indicator.</param>
public sealed record RankingCell(string Indicator, decimal Actual, decimal? Target, decimal? CompletionPercent, decimal? Score, decimal? WeightUsed);

/// <param name="Total">Exact; <paramref name="RoundedTotal"/> (two decimals half up) is shown and decides the rank.</param>
public sealed record RankingRow(
    int UnitId, string UnitCode, string UnitName, IReadOnlyList<RankingCell> Cells, IReadOnlyList<SnapshotAdjustment> Adjustments,
    decimal Bonus, decimal Deduction, decimal? Total, decimal? RoundedTotal, int? Rank);

/// <summary>
/// A ranking of year Y, months 1..M: published (from its snapshot) or a draft computed now. <see cref="Problems"/> lists
/// why a draft cannot be scored (then the rows carry the figures without scores).
/// </summary>
public sealed record RankingView(
    int Year, int Month, bool Published, DateTimeOffset? PublishedAt, string? PublishedBy, int SchemeId, int SchemeNumber,
    IReadOnlyList<RankingIndicator> Indicators, IReadOnlyList<RankingRow> Rows, IReadOnlyList<string> Problems);

/// <summary>A bonus or deduction count of a unit on the month's draft; <see cref="Times"/> 0 removes it. <see cref="Version"/>: 0 for a new one.</summary>
public sealed record AdjustmentEntryForm(int Year, int Month, int UnitId, string? Item, int Times, string? Reason, int Version);

public sealed record AdjustmentEntry(int Id, int UnitId, string UnitName, string Item, string ItemName, int Times, string Reason, string? UpdatedBy, int Version);

public enum RankingError { None, BadPeriod, NotFound, Forbidden, NoScheme }

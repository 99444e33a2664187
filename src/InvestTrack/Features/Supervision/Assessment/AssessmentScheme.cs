namespace InvestTrack.Features.Supervision;

/// <summary>功效系数法 (the contract's default) or ratio to target with a cap.</summary>
public enum ScoringMethod { EfficacyCoefficient = 0, Ratio = 1 }

/// <summary>
/// One indicator of a 考核 scheme. <paramref name="Weight"/> is a whole number (all weights sum to 100).
/// <paramref name="Ceiling"/> and <paramref name="Floor"/> fix h and s of the efficacy coefficient (both or neither;
/// by default the highest and lowest completion among the scored units). <paramref name="Cap"/> is the ratio method's.
/// </summary>
public sealed record AssessmentIndicator(
    string Code,
    int Weight,
    ScoringMethod Method = ScoringMethod.EfficacyCoefficient,
    decimal? Ceiling = null,
    decimal? Floor = null,
    decimal Cap = AssessmentIndicator.DefaultCap)
{
    public const decimal DefaultCap = 1.2m;
}

/// <summary>A bonus or deduction item: a fixed number of points each time it applies.</summary>
public sealed record AdjustmentItem(string Code, decimal Points, bool IsBonus);

public sealed record AssessmentScheme(IReadOnlyList<AssessmentIndicator> Indicators, IReadOnlyList<AdjustmentItem> Items);

namespace InvestTrack.Features.Targets;

/// <summary>One indicator's standing against its annual target by month M (序时进度).</summary>
/// <param name="Completion">actual ÷ target × 100, two decimals half up; null when the target is 0 or missing.</param>
/// <param name="Pace">M ÷ 12 × 100, two decimals half up.</param>
/// <param name="Gap">Completion − pace in percentage points: positive is ahead of pace; null without a completion.</param>
public sealed record TargetProgress(TargetIndicator Indicator, long? Target, long Actual, decimal? Completion, decimal Pace, decimal? Gap);

/// <summary>序时进度: by month M of a year, M/12 of the annual target should be done. Pure, so the rules are unit-tested.</summary>
public static class Pace
{
    /// <summary>The pro-rata share of the year by month M, as a percentage with two decimals, half up.</summary>
    public static decimal PercentByMonth(int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return Round(month * 100m / 12m);
    }

    /// <summary>actual ÷ target × 100 with two decimals half up; no percentage when there is no target or it is 0.</summary>
    public static decimal? Completion(long actual, long? target) =>
        target is > 0 ? Round(actual * 100m / target.Value) : null;

    public static TargetProgress Progress(TargetIndicator indicator, long? target, long actual, int month)
    {
        var pace = PercentByMonth(month);
        var completion = Completion(actual, target);
        return new TargetProgress(indicator, target, actual, completion, pace, completion - pace);
    }

    // Both operands are already rounded to two decimals, so the gap needs no further rounding.
    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}

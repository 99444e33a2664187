namespace InvestTrack.Features.Supervision;

/// <summary>
/// 序时进度 of a warning run (docs/supervision.md, Pace). Ratios here are exact decimals (not percentages, not rounded):
/// rounding is for display only. Features/Targets/Pace shows the same figures as rounded percentages on /targets.
/// </summary>
public static class SupervisionPace
{
    /// <summary>
    /// M, the complete months of the 旬's year when its records are read (the end of its last day): a 上旬 or 中旬
    /// has month − 1 (上旬 of March: 2; January: 0), a 下旬 ends with its month, so it has the month itself
    /// (下旬 of March: 3, of December: 12).
    /// </summary>
    public static int CompleteMonths(Xun xun) => xun.Part == XunPart.Late ? xun.Month : xun.Month - 1;

    /// <summary>M ÷ 12; null when M = 0 (no pace in January before its end).</summary>
    public static decimal? PaceOf(int months)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, 12);
        return months == 0 ? null : months / 12m;
    }

    /// <summary>actual ÷ target; a target must be above zero.</summary>
    public static decimal Completion(decimal actual, decimal target)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(target);
        return actual / target;
    }

    /// <summary>A ratio as a percentage with two decimals, half up: how a completion or a pace is shown.</summary>
    public static decimal ShownPercent(decimal ratio) => Math.Round(ratio * 100, 2, MidpointRounding.AwayFromZero);
}

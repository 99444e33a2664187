namespace InvestTrack.Features.Supervision;

/// <summary>
/// 序时进度 of a warning run (docs/supervision.md, Pace). Ratios here are exact decimals (not percentages, not rounded):
/// rounding is for display only. Features/Targets/Pace shows the same figures as rounded percentages on /targets.
/// </summary>
public static class SupervisionPace
{
    /// <summary>
    /// M, the months of the 旬's year complete when its records are read (the end of its last day). A 下旬 ends with its
    /// month, so its own month is complete: March 下旬 has M = 3 (序时进度 25 % at the end of the first quarter), its 上旬
    /// and 中旬 have 2, as the contract's example says. The scheduled run of a 旬 starts after its end, so a run made in
    /// January is one of January's 上旬 or 中旬 (M = 0, no pace rule, as the contract says); January's 下旬 runs in
    /// February with M = 1.
    /// </summary>
    public static int CompleteMonths(Xun xun) => xun.Part == XunPart.Late ? xun.Month : xun.Month - 1;

    /// <summary>M ÷ 12; null when M = 0 (no pace in January).</summary>
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

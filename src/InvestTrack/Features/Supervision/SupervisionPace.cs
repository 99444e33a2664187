namespace InvestTrack.Features.Supervision;

/// <summary>
/// 序时进度 of a warning run (docs/supervision.md, Pace). Ratios here are exact decimals (not percentages, not rounded):
/// rounding is for display only. Features/Targets/Pace shows the same figures as rounded percentages on /targets.
/// </summary>
public static class SupervisionPace
{
    /// <summary>
    /// M, the months of the 旬's year complete when its records are read (23:59:59 on its last day): the 旬's own month
    /// is never complete at that instant, not even in a 下旬 (one second is left), so M = month − 1 in every 旬 —
    /// the 上旬 of March has 2, as the contract says, and so has its 下旬; all of January has 0 (no pace rule), and
    /// December 11. It also keeps the run to months whose figures are in: a month's funds are reported after it ends.
    /// </summary>
    public static int CompleteMonths(Xun xun) => xun.Month - 1;

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

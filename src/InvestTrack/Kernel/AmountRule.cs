namespace InvestTrack.Kernel;

/// <summary>What is wrong with an amount typed in 万元; <see cref="None"/> when it can be stored.</summary>
public enum AmountProblem { None, Negative, NotPositive, TooPrecise, TooLarge }

/// <summary>
/// The one check of an amount entered in 万元 (projects, funds, targets, imports): zero allowed or not,
/// at most two decimals (docs/decisions/0001-money.md), and not absurdly large. Callers map the problem to
/// their own message keys.
/// </summary>
public static class AmountRule
{
    /// <summary>Above 10 万亿元 an amount is a unit mistake (元 typed as 万元), and would overflow sums.</summary>
    public const decimal MaxWan = 1_000_000_000m;

    /// <summary>
    /// Checks <paramref name="wan"/> and gives its stored hundredths. With <paramref name="zeroAllowed"/> (计划总投资,
    /// 合同引资额, targets) a negative is <see cref="AmountProblem.Negative"/>; without it (到位资金) zero and below
    /// are <see cref="AmountProblem.NotPositive"/>.
    /// </summary>
    public static AmountProblem Check(decimal wan, bool zeroAllowed, out long hundredths)
    {
        hundredths = 0;
        if (wan < 0) return zeroAllowed ? AmountProblem.Negative : AmountProblem.NotPositive;
        if (wan == 0 && !zeroAllowed) return AmountProblem.NotPositive;
        if (wan > MaxWan) return AmountProblem.TooLarge;
        return Money.TryFromWan(wan, out hundredths) ? AmountProblem.None : AmountProblem.TooPrecise;
    }
}

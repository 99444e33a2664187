namespace InvestTrack.Features.Supervision;

/// <summary>
/// 进度滞后: a unit with an annual funds target, in every 旬 with M ≥ 1 (none in January, where M = 0).
/// Yellow when completion &lt; pace, red when completion &lt; pace − 10 percentage points; exactly at a bound is the
/// better colour ("below" is strict). Compared by cross-multiplying, so that no rounding of M ÷ 12 decides a colour.
/// Facts: M, actual, target, completion and pace as exact ratios.
/// </summary>
public sealed class BehindPaceRule(BehindPaceOptions options) : IWarningRule<UnitPaceFacts>
{
    public const string RuleId = "unit-behind-pace";

    public string Id => RuleId;

    public RuleResult? Evaluate(UnitPaceFacts unit, WarningContext context)
    {
        var months = SupervisionPace.CompleteMonths(context.Xun);
        if (months == 0 || unit.AnnualTarget is not { } target || target <= 0) return null;
        var actual = unit.Actual;
        // actual ÷ target < M ÷ 12          ⇔ 12 × actual < M × target
        // actual ÷ target < M ÷ 12 − p ÷ 100 ⇔ 1200 × actual < (100 × M − 12 × p) × target
        var colour = 1200 * actual < (100 * months - 12 * options.RedPointsBelowPace) * target ? WarningColour.Red
            : 12 * actual < months * target ? WarningColour.Yellow
            : WarningColour.Green;
        return new RuleResult(RuleId, colour, new WarningFacts
        {
            Months = months, Actual = actual, Target = target,
            Completion = SupervisionPace.Completion(actual, target), Pace = SupervisionPace.PaceOf(months),
        });
    }
}

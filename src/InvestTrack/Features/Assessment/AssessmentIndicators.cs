using InvestTrack.Features.Targets;

namespace InvestTrack.Features.Assessment;

/// <summary>
/// The indicators a scheme may use, by stable code. The first five are the annual targets' (/targets): a unit's target
/// is its annual target. The others have no annual target: the scheme states one target for every unit (统一目标, e.g. 24
/// activities, or 100 for a rate in per cent). Each needs a registered <see cref="IAssessmentIndicatorSource"/> before a
/// scheme using it can be published.
/// </summary>
public static class AssessmentIndicators
{
    public const string Funds = "funds";
    public const string Signings = "signings";
    public const string YiSignings = "yi-signings";
    public const string Starts5000 = "starts-5000";
    public const string Production = "production";
    public const string Activities = "activities";
    public const string DispatchPunctuality = "dispatch-punctuality";
    public const string OrdersOnTime = "orders-on-time";

    public static readonly IReadOnlyList<string> All =
        [Funds, Signings, YiSignings, Starts5000, Production, Activities, DispatchPunctuality, OrdersOnTime];

    /// <summary>The annual target an indicator is measured against, or null when the scheme sets one target for all.</summary>
    public static TargetIndicator? AnnualTarget(string code) => code switch
    {
        Funds => TargetIndicator.Funds,
        Signings => TargetIndicator.Signings,
        YiSignings => TargetIndicator.YiSignings,
        Starts5000 => TargetIndicator.Starts5000,
        Production => TargetIndicator.Production,
        _ => null,
    };

    public static bool IsKnown(string code) => All.Contains(code, StringComparer.Ordinal);
}

using System.Globalization;

namespace InvestTrack.Features.Statistics;

/// <summary>开复工 against the year's planned number, as statistics.md words it ("超年初计划64个").</summary>
public static class PlanWording
{
    /// <summary>Null when there is no plan: nothing is claimed against a plan nobody set.</summary>
    public static string? Against(long actual, long? plan) => plan switch
    {
        null => null,
        { } p when actual > p => string.Create(CultureInfo.InvariantCulture, $"超年初计划{actual - p}个"),
        { } p when actual == p => "完成年初计划",
        { } p => string.Create(CultureInfo.InvariantCulture, $"距年初计划尚差{p - actual}个"),
    };
}

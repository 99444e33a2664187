using System.Globalization;
using InvestTrack.Resources;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Dashboard;

/// <summary>
/// Words the dashboard writes around its figures in the user's language: months and periods (11月 / Nov,
/// 2026年1月至11月 / Jan–Nov 2026) and the whole city's name (全市 / Whole city; a unit keeps its own name).
/// </summary>
public static class DashboardLabels
{
    public static string Scope(IStringLocalizer<DashboardResource> t, int? unitId, string scopeName) => unitId is null ? t["Dashboard.WholeCity"] : scopeName;

    public static string Month(IStringLocalizer<DashboardResource> t, int month) => t["Period.Month", month, Abbreviated(month)];

    /// <summary>Months 1..M of the year ("1月" alone for January).</summary>
    public static string ToMonth(IStringLocalizer<DashboardResource> t, int year, int month) =>
        month == 1 ? t["Period.January", year] : t["Period.ToMonth", year, month, Abbreviated(month)];

    public static string MonthOfYear(IStringLocalizer<DashboardResource> t, int year, int month) => t["Period.MonthOfYear", year, month, Abbreviated(month)];

    private static string Abbreviated(int month) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(month);
}

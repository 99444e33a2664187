using InvestTrack.Resources;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Dashboard;

/// <summary>The whole city's name as the dashboard writes it: 全市 / Whole city; a unit keeps its own name.</summary>
public static class DashboardLabels
{
    public static string Scope(IStringLocalizer<DashboardResource> t, int? unitId, string scopeName) => unitId is null ? t["Dashboard.WholeCity"] : scopeName;
}

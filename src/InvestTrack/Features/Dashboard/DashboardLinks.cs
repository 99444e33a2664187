using System.Globalization;
using InvestTrack.Features.Projects;

namespace InvestTrack.Features.Dashboard;

/// <summary>Where each figure opens: the records page of the figure, or the project list with the matching filter.</summary>
public static class DashboardLinks
{
    public static string Dashboard(int year, int month, int? unitId, string page = "/dashboard") =>
        page + Query(("year", Int(year)), ("month", Int(month)), ("unit", unitId is { } u ? Int(u) : null));

    public static string Records(DrillKind kind, int year, int month, int? unitId, string? key = null) =>
        "/dashboard/records" + Query(("kind", kind.ToString()), ("year", Int(year)), ("month", Int(month)), ("unit", unitId is { } u ? Int(u) : null), ("key", key));

    public static string RecordsExport(DrillRequest r, string format) =>
        $"/api/dashboard/records/export.{format}" + Query(("kind", r.Kind.ToString()), ("year", Int(r.Year)), ("month", Int(r.Month)),
            ("unitId", r.UnitId is { } u ? Int(u) : null), ("key", r.Key));

    /// <summary>The leads behind a lead figure (the lead list has no period filter, so the dashboard lists them itself).</summary>
    public static string Leads(LeadDrillKind kind, int year, int month, int? unitId) =>
        "/dashboard/leads" + Query(("kind", kind.ToString()), ("year", Int(year)), ("month", Int(month)), ("unit", unitId is { } u ? Int(u) : null));

    /// <summary>The activity statistics page for months 1..M: its sentence counts and lists the same 走出去 / 请进来.</summary>
    public static string Activities(int year, int month, int? unitId) =>
        "/reports/activities" + Query(("year", Int(year)), ("from", "1"), ("to", Int(month)), ("unit", unitId is { } u ? Int(u) : null));

    /// <summary>The project list of a funnel stage (or of stalled / dropped projects) within the unit.</summary>
    public static string Projects(ProjectStage? stage, ProjectStatus status, int? unitId) =>
        "/projects" + Query(("stage", stage?.ToString()), ("status", status.ToString()), ("unit", unitId is { } u ? Int(u) : null));

    public static DrillKind KindOf(DashboardIndicator indicator) => indicator switch
    {
        DashboardIndicator.Funds => DrillKind.Funds,
        DashboardIndicator.DispatchFunds => DrillKind.DispatchFunds,
        DashboardIndicator.Signings => DrillKind.Signings,
        DashboardIndicator.YiSignings => DrillKind.YiSignings,
        DashboardIndicator.Starts5000 => DrillKind.Starts,
        _ => DrillKind.Production,
    };

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Query(params (string Name, string? Value)[] parts) =>
        "?" + string.Join('&', parts.Where(p => p.Value is not null).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)));
}

using InvestTrack.Data;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Statistics;

/// <summary>The period and the whole city or the one unit a report (dispatch, dashboard) is about.</summary>
public sealed record ReportScope(Period Period, int? UnitId, string Name)
{
    /// <summary>
    /// Checks the right to view records and the period, and resolves the unit within the user's scope: a unit
    /// user without a chosen unit gets the own unit ("全市" would claim more than the user sees); a unit outside
    /// the scope is "not found", exactly like a missing one.
    /// </summary>
    /// <summary>The projects a report counts: the whole city's (within the user's scope), or exactly one unit's.</summary>
    public static IQueryable<Projects.Project> ProjectsOf(AppDbContext db, int? unitId) =>
        unitId is { } u ? db.Projects.Where(p => p.UnitId == u) : db.Projects;

    public static async Task<(ReportScope? Scope, DispatchReportError Error)> ResolveAsync(
        AppDbContext db, CurrentUser user, int year, int month, int? unitId, CancellationToken ct)
    {
        if (!user.Can(Operation.ViewRecords)) return (null, DispatchReportError.Forbidden);
        if (Period.Of(year, month) is not { } period) return (null, DispatchReportError.BadPeriod);
        unitId ??= user.UnitScope.All ? null : user.UnitId;
        if (unitId is not { } id) return (new ReportScope(period, null, "全市"), DispatchReportError.None);
        var name = user.UnitScope.Contains(id) ? await db.Units.Where(u => u.Id == id).Select(u => u.Name).SingleOrDefaultAsync(ct) : null;
        return name is null ? (null, DispatchReportError.UnitNotFound) : (new ReportScope(period, id, name), DispatchReportError.None);
    }
}

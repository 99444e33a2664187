using InvestTrack.Data;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Units;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Home;

/// <summary>What the home page and /api/summary show: true counts within the user's scope.</summary>
public sealed record HomeSummary(
    int Units, IReadOnlyDictionary<UnitKind, int> UnitsByKind, int Users, int? Projects, IReadOnlyDictionary<ProjectStage, int> ProjectsByStage)
{
    public static async Task<HomeSummary> LoadAsync(AppDbContext db, CurrentUser user, CancellationToken ct = default)
    {
        var scope = user.UnitScope;
        var unitIds = scope.UnitIds.ToArray();
        // A county sees its own units (itself and its zones), never the city's count; the city and the administrators all.
        var citywideUnits = scope.All || !user.Can(Operation.ViewRecords);
        var unitsByKind = await db.Units.Where(u => u.IsActive && (citywideUnits || unitIds.Contains(u.Id))).GroupBy(u => u.Kind)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        // Users are not unit-owned records (sign-in must find them), so their count is scoped here.
        var citywide = scope.All || user.Can(Operation.ManageUsers) || user.Can(Operation.ReadAuditTrail);
        var users = citywide
            ? await db.Users.CountAsync(ct)
            : await db.Users.CountAsync(u => unitIds.Contains(u.UnitId), ct);
        Dictionary<ProjectStage, int> byStage = [];
        int? projects = null;
        if (user.Can(Operation.ViewRecords))
        {
            byStage = await db.Projects.GroupBy(p => p.Stage).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            projects = byStage.Values.Sum();
        }
        return new HomeSummary(unitsByKind.Values.Sum(), unitsByKind, users, projects, byStage);
    }
}

public static class HomeApi
{
    public static void MapHomeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/summary", async (AppDbContext db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await HomeSummary.LoadAsync(db, user, ct)))
            .WithName("GetSummary").WithTags("Home");
        api.MapGet("/workbench", async (WorkbenchService workbench, CancellationToken ct) => TypedResults.Ok(await workbench.LoadAsync(ct)))
            .WithName("GetWorkbench").WithTags("Home");
    }
}

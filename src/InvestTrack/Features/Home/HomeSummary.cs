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
        var unitsByKind = await db.Units.Where(u => u.IsActive).GroupBy(u => u.Kind)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var scope = user.UnitScope;
        var unitIds = scope.UnitIds.ToArray();
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
    public static void MapHomeApi(this RouteGroupBuilder api) =>
        api.MapGet("/summary", async (AppDbContext db, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await HomeSummary.LoadAsync(db, user, ct)))
            .WithName("GetSummary").WithTags("Home");
}

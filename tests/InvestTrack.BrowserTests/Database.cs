using InvestTrack.Data;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Units;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.BrowserTests;

/// <summary>What the pages should show, read straight from the database as the system operator.</summary>
public static class Database
{
    public sealed record UserFacts(string DisplayName, string UnitName, UnitKind UnitKind, int UnitId, string Role);

    public static Task<UserFacts> UserAsync(this TestApp app, string userName) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == user.UnitId);
        var role = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name!).SingleAsync();
        return new UserFacts(user.DisplayName, unit.Name, unit.Kind, unit.Id, role);
    });

    /// <summary>
    /// The units a role counts on the home page: every active unit for those who see the whole city or no records
    /// (administrators, auditors); otherwise its own unit and, for a county, its zones.
    /// </summary>
    public static Task<int> VisibleUnitCountAsync(this TestApp app, UserFacts user) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var citywide = user.Role is Roles.SystemAdmin or Roles.CityAdmin or Roles.Auditor
            || (user.Role == Roles.Leader && user.UnitKind == UnitKind.City);
        if (citywide) return await db.Units.CountAsync(u => u.IsActive);
        var units = await OwnUnitsAsync(db, user.UnitId);
        return await db.Units.CountAsync(u => u.IsActive && units.Contains(u.Id));
    });

    /// <summary>
    /// The users a role sees on the home page: everyone for those who administer users or see the whole
    /// city; otherwise the users of the own unit and, for a county, of its zones.
    /// </summary>
    public static Task<int> VisibleUserCountAsync(this TestApp app, UserFacts user) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var citywide = user.Role is Roles.SystemAdmin or Roles.CityAdmin or Roles.Auditor
            || (user.Role == Roles.Leader && user.UnitKind == UnitKind.City);
        if (citywide) return await db.Users.CountAsync();
        var units = await OwnUnitsAsync(db, user.UnitId);
        return await db.Users.CountAsync(u => units.Contains(u.UnitId));
    });

    /// <summary>Ids and names of a unit and, for a county, of the units directly under it.</summary>
    public static Task<Dictionary<int, string>> UnitAndChildrenAsync(this TestApp app, string unitCode) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Code == unitCode);
        var ids = await OwnUnitsAsync(db, unit.Id);
        return await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name);
    });

    public static Task<int> ProjectCountAsync(this TestApp app, IReadOnlyCollection<int> unitIds) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.CountAsync(p => unitIds.Contains(p.UnitId)));

    /// <summary>A project of the unit whose name and code no project in <paramref name="otherUnits"/> shares.</summary>
    public static Task<Project> ProjectOnlyOfAsync(this TestApp app, string unitCode, IReadOnlyCollection<int> otherUnits) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var unitId = await db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
        var visibleNames = await db.Projects.Where(p => otherUnits.Contains(p.UnitId)).Select(p => p.Name).ToListAsync();
        var candidates = await db.Projects.AsNoTracking().Where(p => p.UnitId == unitId).OrderBy(p => p.Id).ToListAsync();
        return candidates.First(p => !visibleNames.Contains(p.Name));
    });

    private static async Task<List<int>> OwnUnitsAsync(AppDbContext db, int unitId)
    {
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == unitId);
        var ids = new List<int> { unit.Id };
        if (unit.Kind == UnitKind.County)
            ids.AddRange(await db.Units.Where(u => u.ParentId == unit.Id).Select(u => u.Id).ToListAsync());
        return ids;
    }
}

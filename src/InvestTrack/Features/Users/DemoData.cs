using System.Security.Cryptography;
using InvestTrack.Data;
using InvestTrack.Features.Demo;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Users;

/// <summary>Demo users for every role and demo projects of the example city.</summary>
public static class DemoData
{
    /// <summary>Only on the embedded SQLite demo database, whose login page says so (docs/security.md 8).</summary>
    public const string DemoPassword = "Demo#2026go";

    public static readonly IReadOnlyList<(string UserName, string Role, string UnitCode)> Users =
    [
        ("admin", Roles.SystemAdmin, "220300"),
        ("security", Roles.SecurityAdmin, "220300"),
        ("auditor", Roles.Auditor, "220300"),
        ("city", Roles.CityAdmin, "220300"),
        ("leader", Roles.Leader, "220300"),
        ("tiexi", Roles.UnitUser, "220302"),
        ("tiedong", Roles.UnitUser, "220303"),
        ("lishu", Roles.UnitUser, "220322"),
        ("lishuzone", Roles.UnitUser, "220322K01"),
    ];

    private static readonly Dictionary<string, string> DisplayNames = new()
    {
        ["admin"] = "系统管理员", ["security"] = "安全管理员", ["auditor"] = "安全审计员", ["city"] = "市经合局 王明", ["leader"] = "市领导 李强",
        ["tiexi"] = "铁西区 张华", ["tiedong"] = "铁东区 刘洋", ["lishu"] = "梨树县 陈静", ["lishuzone"] = "梨树开发区 赵磊",
    };

    /// <summary>Adds the demo users (if missing) and demo projects (if none). Returns each new user's password.</summary>
    public static async Task<IReadOnlyList<(string UserName, string Password)>> SeedAsync(IServiceProvider services, bool oneTimePasswords)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var units = await db.Units.ToDictionaryAsync(u => u.Code, u => u.Id);
        var created = new List<(string, string)>();
        foreach (var (userName, role, unitCode) in Users)
        {
            if (await users.FindByNameAsync(userName) is not null) continue;
            var password = oneTimePasswords ? OneTimePassword() : DemoPassword;
            var user = new AppUser
            {
                UserName = userName,
                DisplayName = DisplayNames[userName],
                UnitId = units[unitCode],
                MustChangePassword = oneTimePasswords,
                PasswordChangedAt = DateTimeOffset.UtcNow,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            Check(await users.CreateAsync(user, password), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
            created.Add((userName, password));
        }
        if (!await db.Projects.AnyAsync())
        {
            var city = await db.CitySettings.SingleAsync();
            var companies = DemoProjects.Companies(Places.FromFiles(city.ProvinceCode));
            db.Companies.AddRange(companies);
            await db.SaveChangesAsync();
            var catalogYear = await db.IndustryCatalogs.MaxAsync(c => c.StartYear);
            var industries = await db.Industries.Where(i => db.IndustryCatalogs.Any(c => c.Id == i.CatalogId && c.StartYear == catalogYear))
                .Select(i => i.Id).ToListAsync();
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)); // the city's date (UTC+8)
            var projects = DemoProjects.Create(units, companies, industries, today).ToList();
            db.Projects.AddRange(projects);
            await db.SaveChangesAsync();
            db.AddRange(DemoProjects.History(projects));
            await db.SaveChangesAsync();
            // The visits out and in of this year, after the seeds' account (Features/Demo/DemoActivities).
            db.Activities.AddRange(DemoActivities.Create(units, Places.FromFiles(city.ProvinceCode), today, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            await SeedFundsAndTargetsAsync(services, db, projects);
        }
        await DemoNetwork.SeedAsync(db, units);
        await Demo.DemoLeads.SeedAsync(db, services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Leads.LeadOptions>>().Value);
        return created;
    }

    /// <summary>Funds by bulk insert (one summary audit entry, not thousands), then targets derived from them.</summary>
    private static async Task SeedFundsAndTargetsAsync(IServiceProvider services, AppDbContext db, List<Project> projects)
    {
        var now = DateTimeOffset.UtcNow;
        var funds = await BulkInsert.InsertAsync(db, DemoProjects.Funds(projects, now));
        await services.GetRequiredService<Features.Audit.AuditLog>().WriteAsync("Generate", nameof(Features.Funds.FundsRecord), details: $"{{\"demo\":true,\"funds\":{funds}}}");
        var (year, month) = SyntheticFunds.CurrentMonth(now);
        var counties = await db.Units.Where(u => u.Kind == Units.UnitKind.County).OrderBy(u => u.SortOrder).Select(u => u.Id).ToListAsync();
        db.AnnualTargets.AddRange(DemoProjects.Targets(year - 1, 12, counties, await Features.Targets.TargetActuals.ByUnitAsync(db, year - 1, 12), 10));
        db.AnnualTargets.AddRange(DemoProjects.Targets(year, month, counties, await Features.Targets.TargetActuals.ByUnitAsync(db, year, month), 15));
        await db.SaveChangesAsync();
    }

    /// <summary>A random password that meets the rules; shown once, changed at first sign-in.</summary>
    public static string OneTimePassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = Enumerable.Range(0, 12).Select(_ => letters[RandomNumberGenerator.GetInt32(letters.Length)]).ToArray();
        return $"{new string(chars)}#{RandomNumberGenerator.GetInt32(10, 99)}aZ";
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"demo user {userName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}

using InvestTrack.Data;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.BrowserTests;

/// <summary>
/// Records the product cannot enter with a past date, written straight to the database as the system operator: projects
/// entered weeks ago with their progress log (each entry entered on its own day), so that a warning run of a past 旬 sees
/// them; and users the demo has not (a department's).
/// </summary>
public static class SupervisionSeed
{
    /// <summary>A 项目合同 project of the unit, entered on <paramref name="enteredOn"/>, signed, maybe started, with progress entries.</summary>
    public static Task<int> InsertProjectAsync(this TestApp app, string unitCode, string name, DateOnly enteredOn, DateOnly signedOn, DateOnly? startedOn,
        params DateOnly[] progress) => app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var unitId = await db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
            var companyId = await db.Companies.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            var entered = AtNoon(enteredOn);
            var project = new Project
            {
                Code = $"YJ{Guid.NewGuid():N}"[..10].ToUpperInvariant(), Name = name, CompanyId = companyId, UnitId = unitId,
                Stage = startedOn is null ? ProjectStage.Signed : ProjectStage.Started, Status = ProjectStatus.Active, PlannedInvestment = 2_000_000_00,
                SigningKind = SigningKind.Contract, SignedOn = signedOn, StartedOn = startedOn, CreatedAt = entered, UpdatedAt = entered,
            };
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            foreach (var day in progress)
                db.ProgressEntries.Add(new ProgressEntry
                {
                    ProjectId = project.Id, UnitId = unitId, OccurredOn = day, WhatHappened = "推进项目前期手续", AuthorName = "铁西区 张华", CreatedAt = AtNoon(day),
                });
            await db.SaveChangesAsync();
            return project.Id;
        });

    /// <summary>A unit user of a department (the demo has none), with the demo password; returns the user name.</summary>
    public static Task<string> DepartmentUserAsync(this TestApp app, string unitCode, string displayName) => app.AsSystemAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var unitId = await sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
        var userName = $"dep{Guid.NewGuid():N}"[..11];
        var now = DateTimeOffset.UtcNow;
        var user = new AppUser { UserName = userName, DisplayName = displayName, UnitId = unitId, CreatedAt = now, PasswordChangedAt = now };
        Assert.True((await users.CreateAsync(user, TestApp.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.UnitUser)).Succeeded);
        return userName;
    });

    private static DateTimeOffset AtNoon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), ChinaTime.Offset);
}

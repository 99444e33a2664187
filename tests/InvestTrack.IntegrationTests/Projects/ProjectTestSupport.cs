using InvestTrack.Data;
using InvestTrack.Features.Projects;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Projects;

internal static class ProjectTestSupport
{
    public const string Tiexi = "220302";
    public const string Lishu = "220322";

    public static ProjectService Service(IServiceProvider sp) => sp.GetRequiredService<ProjectService>();

    public static Task<int> AnyCompanyIdAsync(this TestApp app) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Companies.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());

    /// <summary>A valid new project of the unit, with a unique code and name.</summary>
    public static async Task<ProjectForm> NewFormAsync(this TestApp app, string unitCode = Tiexi)
    {
        var suffix = AdminTestSupport.Unique();
        return new ProjectForm
        {
            Code = $"T{suffix}", Name = $"测试项目{suffix}", CompanyId = await app.AnyCompanyIdAsync(), UnitId = await app.UnitIdAsync(unitCode),
            PlannedInvestmentWan = 12345.67m, LeadSource = "以商招商", ResponsibleLeader = "王副市长", ContactPerson = "张三",
        };
    }

    /// <summary>Creates a project as the user and returns its stored row.</summary>
    public static async Task<Project> CreateProjectAsync(this TestApp app, string userName = "tiexi", string unitCode = Tiexi)
    {
        var form = await app.NewFormAsync(unitCode);
        var result = await app.AsUserAsync(userName, sp => Service(sp).CreateAsync(form));
        Assert.True(result.Ok, result.FirstError);
        return await app.ProjectAsync(result.Id!.Value);
    }

    public static Task<Project> ProjectAsync(this TestApp app, int id) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.AsNoTracking().SingleAsync(p => p.Id == id));

    public static Task<int> CountByCodeAsync(this TestApp app, string code) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.CountAsync(p => p.Code == code));

    public static Task<List<StageChange>> StageChangesAsync(this TestApp app, int id) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().StageChanges.AsNoTracking().Where(s => s.ProjectId == id).OrderBy(s => s.Id).ToListAsync());

    public static ProjectForm FormOf(Project p) => new()
    {
        Code = p.Code, Name = p.Name, CompanyId = p.CompanyId, UnitId = p.UnitId, IndustryId = p.IndustryId, IndustrySectionCode = p.IndustrySectionCode,
        PlannedInvestmentWan = Kernel.Money.ToWan(p.PlannedInvestment),
        ContractedInvestmentWan = p.ContractedInvestment is { } c ? Kernel.Money.ToWan(c) : null,
        SigningKind = p.SigningKind, SignedOn = p.SignedOn, StartedOn = p.StartedOn, InProductionOn = p.InProductionOn,
        LeadSource = p.LeadSource, ResponsibleLeader = p.ResponsibleLeader, ContactPerson = p.ContactPerson,
        NationalProjectCode = p.NationalProjectCode, Version = p.Version,
    };
}

using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Projects;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Companies;

internal static class CompanyTestSupport
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>A fresh valid credit code.</summary>
    public static string NewCode()
    {
        var body = "91220300" + new string(Enumerable.Range(0, 9).Select(_ => Alphabet[Random.Shared.Next(Alphabet.Length)]).ToArray());
        return body + CreditCode.CheckCharacterFor(body);
    }

    /// <summary>A signed-in client that sends the header API writes need (docs/decisions/0005-api-csrf.md).</summary>
    public static async Task<HttpClient> ApiClientAsync(this TestApp app, string userName)
    {
        var client = await app.SignInAsync(userName);
        client.DefaultRequestHeaders.Add(Infrastructure.Auth.ApiClientHeader.Name, Infrastructure.Auth.ApiClientHeader.Value);
        return client;
    }

    public static CompanyForm Form(string name, string origin = "吉林省长春市", string? code = null) =>
        new() { Name = name, Origin = origin, CreditCode = code };

    /// <summary>Creates a company as the city admin; fails the test if refused.</summary>
    public static async Task<CompanyDetail> CreateAsync(this TestApp app, CompanyForm form)
    {
        var result = await app.AsUserAsync("city", sp => sp.GetRequiredService<CompanyService>().CreateAsync(form));
        Assert.True(result.Ok, result.Message);
        return (await app.AsUserAsync("city", sp => sp.GetRequiredService<CompanyService>().FindAsync(result.Id!.Value)))!;
    }

    public static Task<Company?> LoadCompanyAsync(this TestApp app, int id) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Companies.AsNoTracking().Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == id));

    public static Task<bool> CompanyNamedAsync(this TestApp app, string name) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Companies.AnyAsync(c => c.Name == name));

    /// <summary>A project of the given unit for the company, inserted as the system operator.</summary>
    public static Task<Project> AddProjectAsync(this TestApp app, int companyId, string unitCode) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var unitId = await db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var project = new Project
        {
            Code = "TC" + AdminTestSupport.Unique(), Name = "测试项目" + unitCode, CompanyId = companyId, UnitId = unitId,
            PlannedInvestment = 100_00, CreatedAt = now, UpdatedAt = now,
        };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return project;
    });
}

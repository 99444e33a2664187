using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Funds;

internal static class FundsTestSupport
{
    public static FundsService FundsOf(IServiceProvider sp) => sp.GetRequiredService<FundsService>();
    public static FundsEvidenceService Evidence(IServiceProvider sp) => sp.GetRequiredService<FundsEvidenceService>();
    public static FundsQueries Queries(IServiceProvider sp) => sp.GetRequiredService<FundsQueries>();

    /// <summary>A fresh project of the unit, signed on the date given.</summary>
    public static async Task<Project> SignedProjectAsync(this TestApp app, DateOnly signedOn, string userName = "tiexi", string unitCode = ProjectTestSupport.Tiexi)
    {
        var project = await app.CreateProjectAsync(userName, unitCode);
        var staged = await app.AsUserAsync(userName, sp => ProjectTestSupport.Service(sp).ChangeStageAsync(project.Id, new StageCommand
        {
            ToStage = ProjectStage.Signed, ToStatus = ProjectStatus.Active, SigningKind = SigningKind.Contract, SignedOn = signedOn, Version = project.Version,
        }));
        Assert.True(staged.Ok, staged.FirstError);
        return await app.ProjectAsync(project.Id);
    }

    /// <summary>A funds record inserted directly as the system user (statistics seeds): no rules, any status.</summary>
    public static Task<int> InsertFundsAsync(this TestApp app, int projectId, int unitId, int year, int month, decimal wan,
        FundsAuditStatus status, OriginClass source) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.FundsRecords.Add(new FundsRecord
            {
                ProjectId = projectId, UnitId = unitId, Period = FundsRecord.PeriodOf(year, month), Source = source, Amount = Hundredths(wan),
                Status = status, ReturnReason = status == FundsAuditStatus.Returned ? "缺少银行回单" : null, ReportedBy = "test", ReportedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

    public static long Hundredths(decimal wan) => Kernel.Money.TryFromWan(wan, out var h) ? h : throw new ArgumentException($"{wan}");

    public static FundsForm Form(int projectId, string month, decimal wan, OriginClass? source = OriginClass.OtherProvince) =>
        new() { ProjectId = projectId, Month = month, AmountWan = wan, Source = source };

    public static async Task<FundsRecord> ReportAsync(this TestApp app, string userName, FundsForm form)
    {
        var result = await app.AsUserAsync(userName, sp => FundsOf(sp).ReportAsync(form));
        Assert.True(result.Ok, result.FirstError);
        return await app.FundsAsync(result.Id!.Value);
    }

    public static Task<FundsRecord> FundsAsync(this TestApp app, long id) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().FundsRecords.AsNoTracking().SingleAsync(f => f.Id == id));

    public static Task<List<FundsRecord>> FundsOfAsync(this TestApp app, int projectId) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().FundsRecords.AsNoTracking().Where(f => f.ProjectId == projectId).OrderBy(f => f.Id).ToListAsync());

    public static Task<int> ProjectIdByCodeAsync(this TestApp app, string code) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());
}

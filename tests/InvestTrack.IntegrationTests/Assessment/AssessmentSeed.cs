using InvestTrack.Data;
using InvestTrack.Features.Activities;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.Targets;
using InvestTrack.Features.Units;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Funds;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Assessment;

/// <summary>
/// Units of the test's own (codes ending A, B, C… so their order is known) with records inserted directly as the system
/// user. Each test uses a year of its own: the demo units have no targets then, so they are listed without a rank.
/// </summary>
internal sealed class AssessmentSeed(TestApp app)
{
    public List<(int Id, string Code, string Name)> Units { get; } = [];
    private int _companyId;

    public static async Task<AssessmentSeed> NewAsync(TestApp app, int units)
    {
        var seed = new AssessmentSeed(app);
        var suffix = AdminTestSupport.Unique();
        await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var company = new Company { Name = $"考核测试公司{suffix}", Origin = "山东省济南市", OriginClass = OriginClass.OtherProvince, CreatedAt = DateTimeOffset.UtcNow };
            var made = Enumerable.Range(0, units).Select(i => new Unit { Code = $"AS{suffix}{(char)('A' + i)}", Name = $"考核区{suffix}{(char)('A' + i)}", Kind = UnitKind.County, SortOrder = 950 + i }).ToList();
            db.Add(company);
            db.AddRange(made);
            await db.SaveChangesAsync();
            seed._companyId = company.Id;
            seed.Units.AddRange(made.Select(u => (u.Id, u.Code, u.Name)));
            return 0;
        });
        return seed;
    }

    public int this[int i] => Units[i].Id;

    public Task TargetAsync(int unit, int year, TargetIndicator indicator, long value) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var row = await db.AnnualTargets.SingleOrDefaultAsync(t => t.Year == year && t.UnitId == unit && t.Indicator == indicator);
        if (row is null) db.AnnualTargets.Add(new AnnualTarget { Year = year, UnitId = unit, Indicator = indicator, Value = value });
        else row.Value = value;
        return await db.SaveChangesAsync();
    });

    /// <summary>A project in talks (no signing), or signed as a 项目合同 on <paramref name="signedOn"/>.</summary>
    public Task<int> ProjectAsync(int unit, DateOnly? signedOn = null, decimal contractedWan = 5000m) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var code = $"AP{AdminTestSupport.Unique()}";
        var project = new Project
        {
            Code = code, Name = $"考核项目{code}", CompanyId = _companyId, UnitId = unit,
            Stage = signedOn is null ? ProjectStage.Talks : ProjectStage.Signed, Status = ProjectStatus.Active,
            PlannedInvestment = FundsTestSupport.Hundredths(contractedWan), ContractedInvestment = signedOn is null ? null : FundsTestSupport.Hundredths(contractedWan),
            SigningKind = signedOn is null ? null : SigningKind.Contract, SignedOn = signedOn,
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return project.Id;
    });

    public async Task FundsAsync(int unit, int year, int month, decimal wan)
    {
        var project = await ProjectAsync(unit);
        await app.InsertFundsAsync(project, unit, year, month, wan, FundsAuditStatus.Audited, OriginClass.OtherProvince);
    }

    public Task ActivityAsync(int unit, DateOnly startOn, ActivityKind kind = ActivityKind.Outbound) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        db.Activities.Add(new Activity
        {
            Code = $"AA{AdminTestSupport.Unique()}", Kind = kind, StartOn = startOn, UnitId = unit,
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        });
        return await db.SaveChangesAsync();
    });
}

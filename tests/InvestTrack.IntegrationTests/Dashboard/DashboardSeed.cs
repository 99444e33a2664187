using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Dashboard;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.Targets;
using InvestTrack.Features.Units;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Funds;
using InvestTrack.Kernel;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Dashboard;

/// <summary>
/// Hand-made dashboard data, inserted directly as the system user: a fresh unit of the test's own (or a demo
/// unit, for the scope tests), investors of a chosen origin, industries of unique names, projects, funds, targets.
/// </summary>
internal sealed class DashboardSeed(TestApp app, int unitId, string unitName)
{
    public int UnitId { get; } = unitId;
    public string UnitName { get; } = unitName;
    public string Suffix { get; } = AdminTestSupport.Unique();

    public static async Task<DashboardSeed> NewUnitAsync(TestApp app)
    {
        var suffix = AdminTestSupport.Unique();
        var (id, name) = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var unit = new Unit { Code = $"DB{suffix}", Name = $"看板测试区{suffix}", Kind = UnitKind.County, SortOrder = 900 };
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            return (unit.Id, unit.Name);
        });
        return new DashboardSeed(app, id, name);
    }

    /// <summary>A demo unit (220302 铁西区, 220303 铁东区), for tests of what a unit user sees.</summary>
    public static async Task<DashboardSeed> DemoUnitAsync(TestApp app, string code)
    {
        var (id, name) = await app.AsSystemAsync(async sp =>
        {
            var unit = await sp.GetRequiredService<AppDbContext>().Units.SingleAsync(u => u.Code == code);
            return (unit.Id, unit.Name);
        });
        return new DashboardSeed(app, id, name);
    }

    /// <summary>An investor from a province (code), a country (code), or of unknown origin (both null).</summary>
    public Task<int> CompanyAsync(string? provinceCode = null, string? countryCode = null, string? name = null) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var company = new Company
            {
                Name = name ?? $"看板投资方{AdminTestSupport.Unique()}", Origin = provinceCode ?? countryCode ?? "不详",
                OriginProvinceCode = provinceCode, OriginCountryCode = countryCode,
                OriginClass = countryCode is null ? OriginClass.OtherProvince : OriginClass.Abroad, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Companies.Add(company);
            await db.SaveChangesAsync();
            return company.Id;
        });

    /// <summary>An industry of a unique name in the oldest catalog, or in a catalog of the given start year (created when missing).</summary>
    public Task<int> IndustryAsync(string name, int? catalogStartYear = null) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var catalog = catalogStartYear is { } year
                ? await db.IndustryCatalogs.SingleOrDefaultAsync(c => c.StartYear == year) ?? new IndustryCatalog { Name = $"看板测试目录{year}", StartYear = year }
                : await db.IndustryCatalogs.OrderBy(c => c.StartYear).FirstAsync();
            var industry = new Industry { Name = name, SortOrder = 999 };
            catalog.Industries.Add(industry);
            if (catalog.Id == 0) db.IndustryCatalogs.Add(catalog);
            await db.SaveChangesAsync();
            return industry.Id;
        });

    public Task<int> ProjectAsync(int companyId, decimal plannedWan, ProjectStage stage = ProjectStage.Signed, ProjectStatus status = ProjectStatus.Active,
        int? industryId = null, SigningKind? kind = null, DateOnly? signedOn = null, decimal? contractedWan = null,
        DateOnly? startedOn = null, DateOnly? inProductionOn = null, DateTimeOffset? droppedAt = null, string? name = null) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var code = $"DP{AdminTestSupport.Unique()}";
            var project = new Project
            {
                Code = code, Name = name ?? $"看板项目{code}", CompanyId = companyId, UnitId = UnitId, IndustryId = industryId, Stage = stage, Status = status,
                PlannedInvestment = Hundredths(plannedWan), ContractedInvestment = contractedWan is { } c ? Hundredths(c) : null,
                SigningKind = kind, SignedOn = signedOn, StartedOn = startedOn, InProductionOn = inProductionOn,
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            await Statistics.StatisticsSeed.RecordDropAsync(db, project, droppedAt);
            return project.Id;
        });

    public Task FundsAsync(int projectId, int year, int month, decimal wan, FundsAuditStatus status = FundsAuditStatus.Audited, OriginClass source = OriginClass.OtherProvince) =>
        app.InsertFundsAsync(projectId, UnitId, year, month, wan, status, source);

    /// <summary>An annual target of this unit: a count, or for Funds hundredths of a 万元.</summary>
    public Task TargetAsync(int year, TargetIndicator indicator, long value) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.AnnualTargets.Add(new AnnualTarget { Year = year, UnitId = UnitId, Indicator = indicator, Value = value });
            return await db.SaveChangesAsync();
        });

    /// <summary>The dashboard as the system user (all units), for this unit.</summary>
    public Task<DashboardFigures> FiguresAsync(int year, int month) =>
        app.AsSystemAsync(async sp =>
        {
            var (figures, error) = await sp.GetRequiredService<DashboardService>().ComputeAsync(year, month, UnitId);
            return figures ?? throw new InvalidOperationException(error.ToString());
        });

    public Task<DrillResult> DrillAsync(DrillKind kind, int year, int month, string? key = null) =>
        app.AsSystemAsync(async sp =>
        {
            var (result, error) = await sp.GetRequiredService<DashboardService>().DrillAsync(new DrillRequest(kind, year, month, UnitId, key));
            return result ?? throw new InvalidOperationException(error.ToString());
        });

    public static long Hundredths(decimal wan) => FundsTestSupport.Hundredths(wan);
}

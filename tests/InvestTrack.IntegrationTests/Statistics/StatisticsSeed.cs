using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.Statistics;
using InvestTrack.Features.Units;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Funds;
using InvestTrack.Kernel;
using InvestTrack.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Statistics;

/// <summary>Hand-made data in a unit of the test's own, inserted directly as the system user, so other data never interferes.</summary>
internal sealed class StatisticsSeed(TestApp app)
{
    public int UnitId { get; private set; }
    public string UnitName { get; private set; } = "";
    private int _companyId;

    public static async Task<StatisticsSeed> NewAsync(TestApp app)
    {
        var seed = new StatisticsSeed(app);
        var suffix = AdminTestSupport.Unique();
        (seed.UnitId, seed.UnitName, seed._companyId) = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var unit = new Unit { Code = $"ST{suffix}", Name = $"统计测试区{suffix}", Kind = UnitKind.County, SortOrder = 900 };
            var company = new Company { Name = $"统计测试公司{suffix}", Origin = "山东省济南市", OriginClass = OriginClass.OtherProvince, CreatedAt = DateTimeOffset.UtcNow };
            db.AddRange(unit, company);
            await db.SaveChangesAsync();
            return (unit.Id, unit.Name, company.Id);
        });
        return seed;
    }

    public Task<int> ProjectAsync(decimal plannedWan, DateOnly? startedOn = null, SigningKind? kind = null, DateOnly? signedOn = null,
        decimal? contractedWan = null, DateOnly? inProductionOn = null, ProjectStatus status = ProjectStatus.Active, DateTimeOffset? droppedAt = null) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var code = $"SP{AdminTestSupport.Unique()}";
            var project = new Project
            {
                Code = code, Name = $"统计项目{code}", CompanyId = _companyId, UnitId = UnitId, Stage = ProjectStage.Signed, Status = status,
                PlannedInvestment = Hundredths(plannedWan), ContractedInvestment = contractedWan is { } c ? Hundredths(c) : null,
                SigningKind = kind, SignedOn = signedOn, StartedOn = startedOn, InProductionOn = inProductionOn,
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            await RecordDropAsync(db, project, droppedAt);
            return project.Id;
        });

    /// <summary>
    /// The dated change to 终止 that the 开复工 rule reads (never the record's last edit, which stays "now" here):
    /// recorded when <paramref name="droppedAt"/> is given.
    /// </summary>
    public static async Task RecordDropAsync(AppDbContext db, Project project, DateTimeOffset? droppedAt)
    {
        if (droppedAt is not { } at) return;
        db.StageChanges.Add(new StageChange
        {
            ProjectId = project.Id, UnitId = project.UnitId, FromStage = project.Stage, ToStage = project.Stage,
            FromStatus = ProjectStatus.Active, ToStatus = ProjectStatus.Dropped, ChangedAt = at, UserName = "test", Note = "终止",
        });
        await db.SaveChangesAsync();
    }

    public Task FundsAsync(int projectId, int year, int month, decimal wan, FundsAuditStatus status = FundsAuditStatus.Audited, OriginClass source = OriginClass.OtherProvince) =>
        app.InsertFundsAsync(projectId, UnitId, year, month, wan, status, source);

    public Task<DispatchReportResult> ReportAsync(int year, int month) =>
        app.AsSystemAsync(async sp =>
        {
            var reports = sp.GetRequiredService<DispatchReport>();
            var (report, error) = await reports.ComputeAsync(year, month, UnitId);
            if (report is null) throw new InvalidOperationException(error.ToString());
            return report;
        });

    /// <summary>The ids behind one figure of this unit, read page by page from the figure's list, as the system user.</summary>
    public Task<List<int>> IdsAsync(int year, int month, DispatchFigure figure) =>
        app.AsSystemAsync(async sp =>
        {
            var reports = sp.GetRequiredService<DispatchReport>();
            var ids = new List<int>();
            for (var page = 1; ; page++)
            {
                var (list, error) = await reports.ProjectsAsync(year, month, UnitId, figure, page, 2);
                if (list is null) throw new InvalidOperationException(error.ToString());
                if (list.Rows.Count == 0) return ids;
                ids.AddRange(list.Rows.Select(r => r.Id));
            }
        });

    /// <summary>The province's list of this unit's in-scope projects, as the export streams it.</summary>
    public Task<List<DispatchProjectRow>> ListAsync(int year, int month) =>
        app.AsSystemAsync(async sp =>
        {
            var rows = new List<DispatchProjectRow>();
            await foreach (var row in sp.GetRequiredService<DispatchReport>().ListAsync(year, month, UnitId)) rows.Add(row);
            return rows;
        });

    public static long Hundredths(decimal wan) => FundsTestSupport.Hundredths(wan);
}

using InvestTrack.Data;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Projects;

public sealed record ProjectRow(
    int Id, string Code, string Name, int CompanyId, string InvestorName, OriginClass OriginClass, int UnitId, string UnitName,
    ProjectStage Stage, ProjectStatus Status, string? IndustryName, decimal PlannedInvestmentWan, decimal? ContractedInvestmentWan,
    SigningKind? SigningKind, DateOnly? SignedOn, DateOnly? StartedOn, DateOnly? InProductionOn, string? ResponsibleLeader, int Version)
{
    public InvestmentTier Tier => InvestmentTiers.Of((long)(PlannedInvestmentWan * Money.HundredthsPerWan));
}

public enum ProjectSort { Code, Name, Unit, Stage, PlannedInvestment, SignedOn }

/// <summary>The list's filter; every field is optional and the whole filter lives in the page's URL.</summary>
public sealed record ProjectFilter(
    string? Text = null, ProjectStage? Stage = null, int? UnitId = null, ProjectStatus? Status = null, int? IndustryId = null,
    InvestmentTier? Tier = null, OriginClass? Origin = null, int? SignedYear = null, string? Leader = null,
    ProjectSort Sort = ProjectSort.Code, bool Descending = false, int Page = 1, int PageSize = 50);

public sealed record ProjectPage(IReadOnlyList<ProjectRow> Rows, int Total, int Page, int PageSize);

/// <summary>Reads of projects; the unit scope is applied by the DbContext's query filter.</summary>
public static class ProjectQueries
{
    public const int MaxPageSize = 500;

    /// <summary>From this many matches, a page of a text search in code order reads fewer rows by walking the code index.</summary>
    public const int DenseMatches = 2000;

    /// <summary>The filtered projects, before projection: shared by the list, the count and the export.</summary>
    /// <param name="denseText">The search text matches many projects (<see cref="ProjectTextSearch"/>'s form for a page in code order).</param>
    public static IQueryable<Project> Filtered(AppDbContext db, ProjectFilter f, bool denseText = false)
    {
        // Search text as stored text is (NFC, no control or invisible characters): PostgreSQL refuses a NUL.
        var query = (TextInput.Search(f.Text) is { } text ? ProjectTextSearch.Matching(db, text, denseText) : db.Projects).AsNoTracking();
        if (f.Stage is { } stage) query = query.Where(p => p.Stage == stage);
        if (f.Status is { } status) query = query.Where(p => p.Status == status);
        if (f.UnitId is { } unitId) query = query.Where(p => p.UnitId == unitId);
        if (f.IndustryId is { } industryId) query = query.Where(p => p.IndustryId == industryId);
        if (f.Tier is { } tier)
        {
            var (lower, upper) = InvestmentTiers.Range(tier);
            query = upper is { } u ? query.Where(p => p.PlannedInvestment >= lower && p.PlannedInvestment < u) : query.Where(p => p.PlannedInvestment >= lower);
        }
        if (f.Origin is { } origin) query = query.Where(p => db.Companies.Any(c => c.Id == p.CompanyId && c.OriginClass == origin));
        if (f.SignedYear is { } year)
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            query = query.Where(p => p.SignedOn >= from && p.SignedOn <= to);
        }
        if (TextInput.Search(f.Leader) is { } leader)
        {
            query = query.Where(p => p.ResponsibleLeader != null && p.ResponsibleLeader.Contains(leader));
        }
        return query;
    }

    private static IQueryable<Project> Sorted(IQueryable<Project> query, ProjectFilter f) => (f.Sort, f.Descending) switch
    {
        (ProjectSort.Name, false) => query.OrderBy(p => p.Name).ThenBy(p => p.Id),
        (ProjectSort.Name, true) => query.OrderByDescending(p => p.Name).ThenBy(p => p.Id),
        (ProjectSort.Unit, false) => query.OrderBy(p => p.UnitId).ThenBy(p => p.Code),
        (ProjectSort.Unit, true) => query.OrderByDescending(p => p.UnitId).ThenBy(p => p.Code),
        (ProjectSort.Stage, false) => query.OrderBy(p => p.Stage).ThenBy(p => p.Code),
        (ProjectSort.Stage, true) => query.OrderByDescending(p => p.Stage).ThenBy(p => p.Code),
        (ProjectSort.PlannedInvestment, false) => query.OrderBy(p => p.PlannedInvestment).ThenBy(p => p.Id),
        (ProjectSort.PlannedInvestment, true) => query.OrderByDescending(p => p.PlannedInvestment).ThenBy(p => p.Id),
        (ProjectSort.SignedOn, false) => query.OrderBy(p => p.SignedOn).ThenBy(p => p.Id),
        (ProjectSort.SignedOn, true) => query.OrderByDescending(p => p.SignedOn).ThenBy(p => p.Id),
        (_, true) => query.OrderByDescending(p => p.Code),
        _ => query.OrderBy(p => p.Code),
    };

    /// <summary>Rows with the names of company, unit and industry, projected in SQL.</summary>
    public static IQueryable<ProjectRow> Project(AppDbContext db, IQueryable<Project> query) =>
        from p in query
        join c in db.Companies on p.CompanyId equals c.Id
        join u in db.Units on p.UnitId equals u.Id
        join i in db.Industries on p.IndustryId equals i.Id into industries
        from i in industries.DefaultIfEmpty()
        select new ProjectRow(
            p.Id, p.Code, p.Name, c.Id, c.Name, c.OriginClass, u.Id, u.Name, p.Stage, p.Status, i == null ? null : i.Name,
            Money.ToWan(p.PlannedInvestment), p.ContractedInvestment == null ? null : Money.ToWan(p.ContractedInvestment.Value),
            p.SigningKind, p.SignedOn, p.StartedOn, p.InProductionOn, p.ResponsibleLeader, p.Version);

    public static IQueryable<ProjectRow> Rows(AppDbContext db, ProjectFilter filter) => Project(db, Sorted(Filtered(db, filter), filter));

    public static async Task<ProjectPage> PageAsync(AppDbContext db, ProjectFilter filter, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var page = Math.Max(filter.Page, 1);
        var total = await Filtered(db, filter).CountAsync(ct);
        // A text that many projects hold, listed in code order: the page walks the code index (bench/README.md, text search).
        var dense = total >= DenseMatches && filter.Sort == ProjectSort.Code;
        var items = Paging.Skip(page, pageSize) is { } skip
            ? await Project(db, Sorted(Filtered(db, filter, dense), filter).Skip(skip).Take(pageSize)).ToListAsync(ct)
            : [];
        return new ProjectPage(items, total, page, pageSize);
    }

    public static Task<ProjectRow?> FindAsync(AppDbContext db, int id, CancellationToken ct = default) =>
        Project(db, db.Projects.AsNoTracking().Where(p => p.Id == id)).FirstOrDefaultAsync(ct);
}

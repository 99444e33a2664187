using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Projects;

public sealed record ProjectRow(int Id, string Code, string Name, string InvestorName, int UnitId, string UnitName, ProjectStage Stage, ProjectStatus Status, decimal PlannedInvestmentWan, DateOnly? SignedOn);

public sealed record ProjectFilter(string? Text = null, ProjectStage? Stage = null, int? UnitId = null, int Page = 1, int PageSize = 50);

public sealed record ProjectPage(IReadOnlyList<ProjectRow> Rows, int Total, int Page, int PageSize);

/// <summary>Reads of projects; the unit scope is applied by the DbContext's query filter.</summary>
public static class ProjectQueries
{
    public static IQueryable<ProjectRow> Rows(AppDbContext db, ProjectFilter filter, int? id = null)
    {
        var query = db.Projects.AsNoTracking();
        if (id is not null) query = query.Where(p => p.Id == id);
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(p => p.Name.Contains(text) || p.Code.Contains(text) || db.Companies.Any(c => c.Id == p.CompanyId && c.Name.Contains(text)));
        }
        if (filter.Stage is { } stage) query = query.Where(p => p.Stage == stage);
        if (filter.UnitId is { } unitId) query = query.Where(p => p.UnitId == unitId);
        return query.OrderBy(p => p.Code).Select(p => new ProjectRow(
            p.Id, p.Code, p.Name, db.Companies.Where(c => c.Id == p.CompanyId).Select(c => c.Name).First(), p.UnitId,
            db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).First(),
            p.Stage, p.Status, Kernel.Money.ToWan(p.PlannedInvestment), p.SignedOn));
    }

    public static async Task<ProjectPage> PageAsync(AppDbContext db, ProjectFilter filter, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(filter.PageSize, 1, 500);
        var page = Math.Max(filter.Page, 1);
        var rows = Rows(db, filter);
        var total = await rows.CountAsync(ct);
        var items = await rows.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new ProjectPage(items, total, page, pageSize);
    }

    public static Task<ProjectRow?> FindAsync(AppDbContext db, int id, CancellationToken ct = default) =>
        Rows(db, new ProjectFilter(), id).FirstOrDefaultAsync(ct);
}

using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Projects;

public sealed record Choice(int Id, string Name);

public sealed record CompanyChoice(int Id, string Name, string? CreditCode)
{
    public override string ToString() => Name;
}

/// <summary>
/// What the project page and the edit form read: one project, its history, and the choices of the form
/// (units in the user's scope, the industry catalog in force, sections, companies). Scoped by the DbContext.
/// </summary>
public sealed class ProjectReads(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, ProjectService service, TimeProvider clock)
{
    public async Task<ProjectDetail?> FindAsync(int id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(Project));
        await using var db = dbFactory.CreateDbContext();
        return await db.Projects.AsNoTracking().Where(x => x.Id == id).Select(x => new ProjectDetail(
            x.Id, x.Code, x.Name, x.CompanyId,
            db.Companies.Where(c => c.Id == x.CompanyId).Select(c => c.Name).First(),
            db.Companies.Where(c => c.Id == x.CompanyId).Select(c => c.OriginClass).First(),
            db.Companies.Where(c => c.Id == x.CompanyId).Select(c => c.Origin).First(),
            x.UnitId, db.Units.Where(u => u.Id == x.UnitId).Select(u => u.Name).First(),
            x.IndustryId, db.Industries.Where(i => i.Id == x.IndustryId).Select(i => i.Name).FirstOrDefault(),
            x.IndustrySectionCode, db.IndustrySections.Where(s => s.Code == x.IndustrySectionCode).Select(s => s.Name).FirstOrDefault(),
            x.Stage, x.Status, x.StatusReason, Kernel.Money.ToWan(x.PlannedInvestment),
            x.ContractedInvestment == null ? null : Kernel.Money.ToWan(x.ContractedInvestment.Value),
            x.SigningKind, x.SignedOn, x.StartedOn, x.InProductionOn, x.LeadSource, x.ResponsibleLeader, x.ContactPerson,
            x.NationalProjectCode, x.CreatedAt, x.UpdatedAt, x.Version)).SingleOrDefaultAsync(ct);
    }

    /// <summary>null when the project is missing or another unit's.</summary>
    public async Task<ProjectHistory?> HistoryAsync(int id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(Project));
        await using var db = dbFactory.CreateDbContext();
        if (!await db.Projects.AnyAsync(x => x.Id == id, ct)) return null;
        // Ordered by id, not time: SQLite cannot order DateTimeOffset values, and ids grow with time.
        var changes = await db.StageChanges.AsNoTracking().Where(s => s.ProjectId == id).OrderByDescending(s => s.Id)
            .Select(s => new StageChangeRow(s.Id, s.FromStage, s.ToStage, s.FromStatus, s.ToStatus, s.ChangedAt, s.UserName, s.Note)).ToListAsync(ct);
        var progress = await db.ProgressEntries.AsNoTracking().Where(e => e.ProjectId == id).OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.Id)
            .Select(e => new ProgressRow(e.Id, e.OccurredOn, e.WhatHappened, e.Problems, e.NextStep, e.AuthorName, e.CreatedAt)).ToListAsync(ct);
        var saved = await db.ProjectMilestones.AsNoTracking().Where(m => m.ProjectId == id)
            .Select(m => new MilestoneRow(m.Kind, m.PlannedOn, m.ActualOn, m.Version)).ToListAsync(ct);
        var kinds = service.MilestoneKinds;
        // Every configured kind is listed; kinds saved earlier but no longer configured stay visible at the end.
        var milestones = kinds.Select(k => saved.FirstOrDefault(m => m.Kind == k) ?? new MilestoneRow(k, null, null, 0))
            .Concat(saved.Where(m => !kinds.Contains(m.Kind))).ToList();
        var now = clock.GetUtcNow();
        var times = ProjectRules.TimeInStage(changes.Select(c => (c.ChangedAt, c.ToStage)), now);
        var current = changes.FirstOrDefault()?.ToStage;
        return new ProjectHistory(changes, progress, milestones,
            [.. times.Select(t => new StageTime(t.Stage, (int)t.Time.TotalDays, t.Stage == current))]);
    }

    /// <summary>The units the user may put a project in: their own scope (all units for city staff).</summary>
    public async Task<IReadOnlyList<Choice>> UnitsAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var scope = actor.UnitScope;
        var ids = scope.UnitIdArray;
        return await db.Units.AsNoTracking().Where(u => u.IsActive && (scope.All || ids.Contains(u.Id)))
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Code).Select(u => new Choice(u.Id, u.Name)).ToListAsync(ct);
    }

    /// <summary>The catalog in force in the year (its name) and its industries.</summary>
    public async Task<(string? Catalog, IReadOnlyList<Choice> Industries)> IndustriesAsync(int year, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var catalogs = await db.IndustryCatalogs.AsNoTracking().Select(c => new { c.Id, c.Name, c.StartYear }).ToListAsync(ct);
        var catalog = ReferenceData.CatalogInForce.For(catalogs, year, c => c.StartYear);
        if (catalog is null) return (null, []);
        var industries = await db.Industries.AsNoTracking().Where(i => i.CatalogId == catalog.Id).OrderBy(i => i.SortOrder)
            .Select(i => new Choice(i.Id, i.Tier == null ? i.Name : i.Tier + " · " + i.Name)).ToListAsync(ct);
        return (catalog.Name, industries);
    }

    public async Task<IReadOnlyList<(string Code, string Name)>> SectionsAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var rows = await db.IndustrySections.AsNoTracking().OrderBy(s => s.Code).Select(s => new { s.Code, s.Name }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Code, r.Name))];
    }

    /// <summary>Companies whose name or credit code contains the text (the directory is citywide).</summary>
    public async Task<IReadOnlyList<CompanyChoice>> SearchCompaniesAsync(string? text, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, "Company");
        await using var db = dbFactory.CreateDbContext();
        var query = db.Companies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            var upper = t.ToUpperInvariant();
            query = query.Where(c => c.Name.Contains(t) || (c.CreditCode != null && c.CreditCode.Contains(upper)));
        }
        return await query.OrderBy(c => c.Name).Take(20).Select(c => new CompanyChoice(c.Id, c.Name, c.CreditCode)).ToListAsync(ct);
    }

    public async Task<CompanyChoice?> CompanyAsync(int id, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        return await db.Companies.AsNoTracking().Where(c => c.Id == id).Select(c => new CompanyChoice(c.Id, c.Name, c.CreditCode)).SingleOrDefaultAsync(ct);
    }
}

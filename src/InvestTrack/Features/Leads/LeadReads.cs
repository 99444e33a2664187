using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.Leads;

public enum LeadSort { Registered, Investment, Status, Name }

public sealed record LeadFilter(string? Q = null, LeadStatus? Status = null, LeadSourceKind? Source = null, int? UnitId = null, bool Mine = false,
    bool OverdueOnly = false, bool BigOnly = false, LeadSort Sort = LeadSort.Registered, bool Desc = true, int Page = 1, int PageSize = 50);

public sealed record LeadRow(int Id, string Name, string UnitName, LeadSourceKind SourceKind, string? Referrer, string CompanyName, string IndustrySectionCode,
    decimal EstimatedInvestmentWan, string? OwnerName, LeadStatus Status, DateOnly RegisteredOn, DateOnly LastProgressOn, int? ProjectId, int OverdueClocks, bool Big);

public sealed record OwnerChoice(string Id, string Name);

public sealed record LeadPage(IReadOnlyList<LeadRow> Rows, int Total, int Page, int PageSize);

public sealed record ClockRow(long Id, LeadClockKind Kind, DateOnly StartedOn, DateOnly DueOn, DateOnly? MetOn, DateOnly? StoppedOn, ClockState State);

public sealed record LeadProgressRow(long Id, DateOnly OccurredOn, string Note, bool ReferrerAnswered, string? AuthorName);

public sealed record LeadDetail(int Id, string Name, int UnitId, string UnitName, LeadSourceKind SourceKind, string? Referrer, int CompanyId, string CompanyName,
    string? InvestorCreditCode, int? IndustryId, string? IndustryName, string IndustrySectionCode, string? SectionName, decimal EstimatedInvestmentWan,
    string? Description, string? OwnerUserId, string? OwnerName, LeadStatus Status, string? StatusReason, bool ProtectionReleased, bool Protected,
    DateTimeOffset RegisteredAt, DateOnly RegisteredOn, DateOnly LastProgressOn, int? ProjectId, string? ProjectCode,
    int? OriginActivityId, int? OriginEventId, int? AgencyId, int? WorkstationId, bool Big, int Version,
    IReadOnlyList<ClockRow> Clocks, IReadOnlyList<LeadProgressRow> Progress);

/// <summary>The figures the city watches and the dashboard will show: overdue clocks and big leads within a scope.</summary>
public sealed record LeadFigures(int OverdueClocks, int LeadsWithOverdueClocks, int BigLeads);

/// <summary>Reads of leads; the unit scope is applied by the DbContext's query filter (a foreign lead is missing).</summary>
public sealed class LeadReads(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IOptions<LeadOptions> options, TimeProvider clock)
{
    public const int MaxPageSize = 500;
    private DateOnly Today => ChinaTime.Today(clock);

    public LeadOptions Options => options.Value;

    public async Task<LeadPage> PageAsync(LeadFilter filter, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(Lead));
        await using var db = dbFactory.CreateDbContext();
        var size = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var page = Math.Max(filter.Page, 1);
        var leads = Filtered(db, filter);
        var total = await leads.CountAsync(ct);
        var rows = Paging.Skip(page, size) is { } skip ? await Rows(db, Sorted(leads, filter).Skip(skip).Take(size)).ToListAsync(ct) : [];
        return new LeadPage(rows, total, page, size);
    }

    /// <summary>Every filtered lead, for the export (at most <paramref name="max"/>).</summary>
    public async Task<IReadOnlyList<LeadRow>> AllAsync(LeadFilter filter, int max, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ExportRecords, nameof(Lead));
        await using var db = dbFactory.CreateDbContext();
        return await Rows(db, Sorted(Filtered(db, filter), filter).Take(max)).ToListAsync(ct);
    }

    private IQueryable<Lead> Filtered(AppDbContext db, LeadFilter f)
    {
        var today = Today;
        var leads = db.Leads.AsNoTracking();
        if (LeadRules.Clean(f.Q) is { } q) leads = leads.Where(l => l.Name.Contains(q) || (l.Referrer != null && l.Referrer.Contains(q))
            || db.Companies.Any(c => c.Id == l.CompanyId && c.Name.Contains(q)));
        if (f.Status is { } status) leads = leads.Where(l => l.Status == status);
        if (f.Source is { } source) leads = leads.Where(l => l.SourceKind == source);
        if (f.UnitId is { } unit) leads = leads.Where(l => l.UnitId == unit);
        if (f.Mine) { var me = actor.UserId ?? ""; leads = leads.Where(l => l.OwnerUserId == me); }
        if (f.OverdueOnly) leads = leads.Where(l => db.LeadClocks.Any(c => c.LeadId == l.Id && c.MetOn == null && c.StoppedOn == null && c.DueOn < today));
        if (f.BigOnly) { var big = Options.BigLeadHundredths; leads = leads.Where(l => l.EstimatedInvestment >= big); }
        return leads;
    }

    private static IQueryable<Lead> Sorted(IQueryable<Lead> leads, LeadFilter f) => (f.Sort, f.Desc) switch
    {
        (LeadSort.Investment, false) => leads.OrderBy(l => l.EstimatedInvestment).ThenBy(l => l.Id),
        (LeadSort.Investment, true) => leads.OrderByDescending(l => l.EstimatedInvestment).ThenByDescending(l => l.Id),
        (LeadSort.Status, false) => leads.OrderBy(l => l.Status).ThenBy(l => l.Id),
        (LeadSort.Status, true) => leads.OrderByDescending(l => l.Status).ThenByDescending(l => l.Id),
        (LeadSort.Name, false) => leads.OrderBy(l => l.Name).ThenBy(l => l.Id),
        (LeadSort.Name, true) => leads.OrderByDescending(l => l.Name).ThenByDescending(l => l.Id),
        (_, false) => leads.OrderBy(l => l.Id),
        _ => leads.OrderByDescending(l => l.Id),
    };

    private IQueryable<LeadRow> Rows(AppDbContext db, IQueryable<Lead> leads)
    {
        var (today, big) = (Today, Options.BigLeadHundredths);
        return leads.Select(l => new LeadRow(l.Id, l.Name, db.Units.Where(u => u.Id == l.UnitId).Select(u => u.Name).First(), l.SourceKind, l.Referrer,
            db.Companies.Where(c => c.Id == l.CompanyId).Select(c => c.Name).First(), l.IndustrySectionCode, Money.ToWan(l.EstimatedInvestment),
            l.OwnerName, l.Status, l.RegisteredOn, l.LastProgressOn, l.ProjectId,
            db.LeadClocks.Count(c => c.LeadId == l.Id && c.MetOn == null && c.StoppedOn == null && c.DueOn < today), l.EstimatedInvestment >= big));
    }

    /// <summary>null when the lead is missing or another unit's.</summary>
    public async Task<LeadDetail?> FindAsync(int id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(Lead));
        await using var db = dbFactory.CreateDbContext();
        var lead = await db.Leads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return null;
        var today = Today;
        var clocks = await db.LeadClocks.AsNoTracking().Where(c => c.LeadId == id).OrderBy(c => c.StartedOn).ThenBy(c => c.Id).ToListAsync(ct);
        var progress = await db.LeadProgress.AsNoTracking().Where(p => p.LeadId == id).OrderByDescending(p => p.OccurredOn).ThenByDescending(p => p.Id)
            .Select(p => new LeadProgressRow(p.Id, p.OccurredOn, p.Note, p.ReferrerAnswered, p.AuthorName)).ToListAsync(ct);
        var names = await db.Leads.AsNoTracking().Where(l => l.Id == id).Select(l => new
        {
            Unit = db.Units.Where(u => u.Id == l.UnitId).Select(u => u.Name).First(),
            Company = db.Companies.Where(c => c.Id == l.CompanyId).Select(c => c.Name).First(),
            Industry = db.Industries.Where(i => i.Id == l.IndustryId).Select(i => i.Name).FirstOrDefault(),
            Section = db.IndustrySections.Where(s => s.Code == l.IndustrySectionCode).Select(s => s.Name).FirstOrDefault(),
            Project = db.Projects.Where(p => p.Id == l.ProjectId).Select(p => p.Code).FirstOrDefault(),
        }).SingleAsync(ct);
        var isProtected = LeadProtection.ActiveOn(today, Options.ProtectionDays).Compile()(lead);
        return new LeadDetail(lead.Id, lead.Name, lead.UnitId, names.Unit, lead.SourceKind, lead.Referrer, lead.CompanyId, names.Company, lead.InvestorCreditCode,
            lead.IndustryId, names.Industry, lead.IndustrySectionCode, names.Section, Money.ToWan(lead.EstimatedInvestment), lead.Description, lead.OwnerUserId,
            lead.OwnerName, lead.Status, lead.StatusReason, lead.ProtectionReleased, isProtected, lead.RegisteredAt, lead.RegisteredOn, lead.LastProgressOn,
            lead.ProjectId, names.Project, lead.OriginActivityId, lead.OriginEventId, lead.AgencyId, lead.WorkstationId,
            lead.EstimatedInvestment >= Options.BigLeadHundredths, lead.Version,
            [.. clocks.Select(c => new ClockRow(c.Id, c.Kind, c.StartedOn, c.DueOn, c.MetOn, c.StoppedOn, LeadClocks.State(c, today)))], progress);
    }

    /// <summary>The lead a project came from, for the project's page (null when none, or not in scope).</summary>
    public async Task<(int Id, string Name, LeadSourceKind Source, string? Referrer)?> OfProjectAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var lead = await db.Leads.AsNoTracking().Where(l => l.ProjectId == projectId).Select(l => new { l.Id, l.Name, l.SourceKind, l.Referrer }).FirstOrDefaultAsync(ct);
        return lead is null ? null : (lead.Id, lead.Name, lead.SourceKind, lead.Referrer);
    }

    /// <summary>Overdue clocks and open big leads (≥ Leads:BigLeadWan) within the user's scope, or one unit's.</summary>
    public async Task<LeadFigures> FiguresAsync(int? unitId = null, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(Lead));
        await using var db = dbFactory.CreateDbContext();
        return await FiguresAsync(db, unitId, Today, Options.BigLeadHundredths, ct);
    }

    /// <summary>The query service behind <see cref="FiguresAsync(int?, CancellationToken)"/>, for the dashboard's own context.</summary>
    public static async Task<LeadFigures> FiguresAsync(AppDbContext db, int? unitId, DateOnly today, long bigLead, CancellationToken ct)
    {
        var clocks = db.LeadClocks.Where(c => c.MetOn == null && c.StoppedOn == null && c.DueOn < today);
        var leads = db.Leads.Where(l => (l.Status == LeadStatus.Registered || l.Status == LeadStatus.Assessing || l.Status == LeadStatus.Pursuing) && l.EstimatedInvestment >= bigLead);
        if (unitId is { } u) { clocks = clocks.Where(c => c.UnitId == u); leads = leads.Where(l => l.UnitId == u); }
        return new LeadFigures(await clocks.CountAsync(ct), await clocks.Select(c => c.LeadId).Distinct().CountAsync(ct), await leads.CountAsync(ct));
    }

    /// <summary>Units in the user's scope, for the register form and filters.</summary>
    public async Task<IReadOnlyList<Choice>> UnitsAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var units = await db.Units.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.SortOrder).ThenBy(u => u.Id).Select(u => new Choice(u.Id, u.Name)).ToListAsync(ct);
        return [.. units.Where(u => actor.UnitScope.Contains(u.Id))];
    }

    /// <summary>The users of a unit in scope, who may own its leads.</summary>
    public async Task<IReadOnlyList<OwnerChoice>> OwnersAsync(int unitId, CancellationToken ct = default)
    {
        if (!actor.UnitScope.Contains(unitId)) return [];
        await using var db = dbFactory.CreateDbContext();
        return await db.Users.AsNoTracking().Where(u => u.UnitId == unitId).OrderBy(u => u.UserName).Select(u => new OwnerChoice(u.Id, u.DisplayName)).ToListAsync(ct);
    }
}

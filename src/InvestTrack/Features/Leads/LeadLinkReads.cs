using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Leads;

/// <summary>
/// The record a lead points at: where it came from (activity, event), who delivered it (agency, workstation), or its
/// investor (company).
/// </summary>
public enum LeadOrigin { Activity, Event, Agency, Workstation, Company }

public sealed record LinkedLead(int Id, string Name, string UnitName, LeadSourceKind SourceKind, LeadStatus Status, DateOnly RegisteredOn, int? ProjectId, string? ProjectCode);

/// <summary>The names of the records a lead points at, each null when missing or outside the user's scope.</summary>
public sealed record LeadOriginNames(string? Activity, string? Event, string? Agency, string? Workstation);

/// <summary>The records a user may pick on the register form: those the unit filter shows, newest first.</summary>
public sealed record LeadPickers(IReadOnlyList<Choice> Activities, IReadOnlyList<Choice> Events, IReadOnlyList<Choice> Agencies, IReadOnlyList<Choice> Workstations);

/// <summary>
/// Reads across the links between leads and activities, events, agencies and workstations. Everything goes through the
/// unit filter: a page lists only the leads of the user's scope, and a picker offers only records of it.
/// </summary>
public sealed class LeadLinkReads(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit)
{
    /// <summary>At most this many choices per picker (the newest); the API takes any id in scope.</summary>
    public const int PickerSize = 300;

    public async Task<IReadOnlyList<LinkedLead>> LeadsOfAsync(LeadOrigin origin, int id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(Lead));
        await using var db = dbFactory.CreateDbContext();
        var leads = db.Leads.AsNoTracking();
        leads = origin switch
        {
            LeadOrigin.Activity => leads.Where(l => l.OriginActivityId == id),
            LeadOrigin.Event => leads.Where(l => l.OriginEventId == id),
            LeadOrigin.Agency => leads.Where(l => l.AgencyId == id),
            LeadOrigin.Workstation => leads.Where(l => l.WorkstationId == id),
            _ => leads.Where(l => l.CompanyId == id),
        };
        return await Rows(db, leads).ToListAsync(ct);
    }

    private static IQueryable<LinkedLead> Rows(AppDbContext db, IQueryable<Lead> leads) =>
        leads.OrderByDescending(l => l.RegisteredOn).ThenByDescending(l => l.Id)
            .Select(l => new LinkedLead(l.Id, l.Name, db.Units.Where(u => u.Id == l.UnitId).Select(u => u.Name).First(), l.SourceKind, l.Status, l.RegisteredOn,
                l.ProjectId, db.Projects.Where(p => p.Id == l.ProjectId).Select(p => p.Code).FirstOrDefault()));

    /// <summary>The names of the lead's linked records that the user may see.</summary>
    public async Task<LeadOriginNames> NamesAsync(int? activity, int? evt, int? agency, int? station, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        return new LeadOriginNames(
            activity is { } a ? await db.Activities.AsNoTracking().Where(x => x.Id == a).Select(x => x.Code).FirstOrDefaultAsync(ct) : null,
            evt is { } e ? await db.NetworkEvents.AsNoTracking().Where(x => x.Id == e).Select(x => x.Name).FirstOrDefaultAsync(ct) : null,
            agency is { } g ? await db.InvestmentAgencies.AsNoTracking().Where(x => x.Id == g).Select(x => x.Name).FirstOrDefaultAsync(ct) : null,
            station is { } w ? await db.TalentWorkstations.AsNoTracking().Where(x => x.Id == w).Select(x => x.Name).FirstOrDefaultAsync(ct) : null);
    }

    public async Task<LeadPickers> PickersAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var activities = await db.Activities.AsNoTracking().OrderByDescending(a => a.StartOn).ThenByDescending(a => a.Id).Take(PickerSize)
            .Select(a => new { a.Id, a.Code, a.StartOn }).ToListAsync(ct);
        var events = await db.NetworkEvents.AsNoTracking().OrderByDescending(e => e.StartsOn).ThenByDescending(e => e.Id).Take(PickerSize)
            .Select(e => new { e.Id, e.Name, e.StartsOn }).ToListAsync(ct);
        var agencies = await db.InvestmentAgencies.AsNoTracking().OrderBy(a => a.Name).ThenBy(a => a.Id).Take(PickerSize).Select(a => new Choice(a.Id, a.Name)).ToListAsync(ct);
        var stations = await db.TalentWorkstations.AsNoTracking().OrderBy(w => w.Name).ThenBy(w => w.Id).Take(PickerSize).Select(w => new Choice(w.Id, w.Name)).ToListAsync(ct);
        return new LeadPickers(
            [.. activities.Select(a => new Choice(a.Id, $"{a.Code} · {DisplayFormat.Date(a.StartOn)}"))],
            [.. events.Select(e => new Choice(e.Id, $"{e.Name} · {DisplayFormat.Date(e.StartsOn)}"))],
            agencies, stations);
    }

    /// <summary>The activity's unit, to prefill the register form opened from the activity's page (null when not in scope).</summary>
    public async Task<int?> ActivityUnitAsync(int activityId, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        return await db.Activities.AsNoTracking().Where(a => a.Id == activityId).Select(a => (int?)a.UnitId).FirstOrDefaultAsync(ct);
    }
}

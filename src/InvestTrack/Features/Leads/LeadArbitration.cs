using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Leads;

/// <summary>
/// The city's arbitration of 招商撞车 (Operation.ArbitrateLeads): assign the lead to one of the two units (to the
/// requesting unit: the lead, its progress and clocks move there, without an owner until the unit names one), share
/// it (the requesting unit may register the investor too), or release it (the lead stays, its protection ends).
/// </summary>
public sealed class LeadArbitration(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<LeadResource> t, TimeProvider clock)
{
    public bool CanArbitrate => actor.Can(Operation.ArbitrateLeads);

    public async Task<IReadOnlyList<ConflictRow>> ListAsync(bool openOnly, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ArbitrateLeads, nameof(LeadConflict));
        await using var db = dbFactory.CreateDbContext();
        var conflicts = db.LeadConflicts.AsNoTracking();
        if (openOnly) conflicts = conflicts.Where(c => c.Resolution == ConflictResolution.Open);
        return await (from c in conflicts
                      join h in db.Units on c.HolderUnitId equals h.Id
                      join r in db.Units on c.RequestingUnitId equals r.Id
                      join l in db.Leads on c.HolderLeadId equals l.Id
                      orderby c.Id descending // not the time: SQLite cannot order DateTimeOffset values, and ids grow with time
                      select new ConflictRow(c.Id, c.HolderLeadId, l.Name, c.HolderUnitId, h.Name, c.RequestingUnitId, r.Name, c.InvestorName, c.InvestorCreditCode,
                          c.IndustrySectionCode, c.AttemptedAt, c.AttemptedBy, c.Resolution, c.AssignedUnitId, c.ResolvedAt, c.ResolvedBy, c.Version))
            .Take(500).ToListAsync(ct);
    }

    public async Task<LeadResult> ResolveAsync(int conflictId, ArbitrationCommand command, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ArbitrateLeads, nameof(LeadConflict), conflictId.ToString(CultureInfo.InvariantCulture));
        await using var db = dbFactory.CreateDbContext();
        var conflict = await db.LeadConflicts.SingleOrDefaultAsync(c => c.Id == conflictId, ct);
        if (conflict is null) return LeadResult.Fail(LeadOutcome.NotFound, "", t["Error.NotFound"]);
        if (conflict.Version != command.Version) return LeadResult.Fail(LeadOutcome.Stale, "", t["Error.Stale"]);
        db.Entry(conflict).Property(c => c.Version).OriginalValue = command.Version;
        if (conflict.Resolution != ConflictResolution.Open) return LeadResult.Fail(LeadOutcome.Invalid, nameof(command.Resolution), t["Arbitration.AlreadyResolved"]);
        var lead = await db.Leads.SingleAsync(l => l.Id == conflict.HolderLeadId, ct);
        switch (command.Resolution)
        {
            case ConflictResolution.Assigned:
                if (command.AssignToUnitId is not { } to || (to != conflict.HolderUnitId && to != conflict.RequestingUnitId))
                    return LeadResult.Fail(LeadOutcome.Invalid, nameof(command.AssignToUnitId), t["Arbitration.AssignUnit"]);
                if (to != lead.UnitId)
                {
                    if (!lead.IsOpen) return LeadResult.Fail(LeadOutcome.Invalid, nameof(command.AssignToUnitId), t["Error.Closed"]);
                    lead.UnitId = to;
                    lead.OwnerUserId = null;
                    lead.OwnerName = null;
                    foreach (var p in await db.LeadProgress.Where(p => p.LeadId == lead.Id).ToListAsync(ct)) p.UnitId = to;
                    foreach (var c in await db.LeadClocks.Where(c => c.LeadId == lead.Id).ToListAsync(ct)) c.UnitId = to;
                }
                conflict.AssignedUnitId = to;
                break;
            case ConflictResolution.Shared:
                break;
            case ConflictResolution.Released:
                lead.ProtectionReleased = true;
                break;
            default:
                return LeadResult.Fail(LeadOutcome.Invalid, nameof(command.Resolution), t["Arbitration.Unknown"]);
        }
        conflict.Resolution = command.Resolution;
        conflict.ResolvedAt = clock.GetUtcNow();
        conflict.ResolvedBy = actor.Principal.FindFirst(AppClaims.DisplayName)?.Value ?? actor.UserName;
        try
        {
            await db.SaveChangesAsync(ct);
            return LeadResult.Success(conflict.Id, conflict.Version);
        }
        catch (DbUpdateConcurrencyException) { return LeadResult.Fail(LeadOutcome.Stale, "", t["Error.Stale"]); }
    }
}

public sealed record ConflictRow(int Id, int HolderLeadId, string LeadName, int HolderUnitId, string HolderUnit, int RequestingUnitId, string RequestingUnit, string InvestorName,
    string? InvestorCreditCode, string IndustrySectionCode, DateTimeOffset AttemptedAt, string? AttemptedBy, ConflictResolution Resolution,
    int? AssignedUnitId, DateTimeOffset? ResolvedAt, string? ResolvedBy, int Version);

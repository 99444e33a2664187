using InvestTrack.Data;
using InvestTrack.Features.Activities;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Companies;

public sealed record CompanyActivity(int Id, string Code, ActivityKind Kind, DateOnly StartOn, string UnitName, bool Counterpart, bool OfProject);

public sealed record CompanyEvent(int Id, string Name, DateOnly StartsOn, string UnitName, int Signings, long Amount);

public sealed record CompanyRecords(IReadOnlyList<CompanyActivity> Activities, IReadOnlyList<CompanyEvent> Events);

/// <summary>
/// The company page's activities and events, within the user's scope (the unit filter applies to every set read here).
/// An activity belongs to the company when one of its counterparts names it (the same normalised name as
/// CompanyNames.Key) or when it is linked to one of the company's projects; an event when one of the company's projects
/// was signed there.
/// </summary>
public sealed class CompanyLinks(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit)
{
    /// <summary>The normalised name's first characters narrow the counterparts in SQL; the key decides in memory.</summary>
    private const int PrefixLength = 4;

    public async Task<CompanyRecords?> FindAsync(int companyId, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(Company));
        await using var db = dbFactory.CreateDbContext();
        var name = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (name is null) return null;
        var key = CompanyNames.Key(name);
        var projects = db.Projects.Where(p => p.CompanyId == companyId).Select(p => p.Id);

        var byName = new HashSet<int>();
        if (key.Length > 0)
        {
            // Counterparts are free text: the key's prefix (lower case, as the key is) finds the candidates, the key matches.
            var prefix = key[..Math.Min(PrefixLength, key.Length)];
            var candidates = await db.ActivityCounterparts.AsNoTracking().Where(c => c.Name.ToLower().Contains(prefix))
                .Select(c => new { c.ActivityId, c.Name }).ToListAsync(ct);
            byName.UnionWith(candidates.Where(c => CompanyNames.Key(c.Name) == key).Select(c => c.ActivityId));
        }
        var byProject = (await db.ActivityProjects.AsNoTracking().Where(l => projects.Contains(l.ProjectId)).Select(l => l.ActivityId).ToListAsync(ct)).ToHashSet();
        var ids = byName.Union(byProject).ToList();
        var activities = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.Id))
            .OrderByDescending(a => a.StartOn).ThenByDescending(a => a.Id)
            .Select(a => new { a.Id, a.Code, a.Kind, a.StartOn, Unit = db.Units.Where(u => u.Id == a.UnitId).Select(u => u.Name).First() })
            .ToListAsync(ct);

        var events = await db.NetworkEvents.AsNoTracking().Where(e => e.Signings.Any(s => s.ProjectId != null && projects.Contains(s.ProjectId.Value)))
            .OrderByDescending(e => e.StartsOn).ThenByDescending(e => e.Id)
            .Select(e => new
            {
                e.Id, e.Name, e.StartsOn, Unit = db.Units.Where(u => u.Id == e.UnitId).Select(u => u.Name).First(),
                Signings = e.Signings.Where(s => s.ProjectId != null && projects.Contains(s.ProjectId.Value)).Select(s => s.Amount).ToList(),
            }).ToListAsync(ct);

        return new CompanyRecords(
            [.. activities.Select(a => new CompanyActivity(a.Id, a.Code, a.Kind, a.StartOn, a.Unit, byName.Contains(a.Id), byProject.Contains(a.Id)))],
            [.. events.Select(e => new CompanyEvent(e.Id, e.Name, e.StartsOn, e.Unit, e.Signings.Count, e.Signings.Sum()))]);
    }
}

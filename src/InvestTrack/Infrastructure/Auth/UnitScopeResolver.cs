using InvestTrack.Data;
using InvestTrack.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>Computes a user's unit scope from the access matrix and the unit tree.</summary>
public static class UnitScopeResolver
{
    public static async Task<UnitScope> ResolveAsync(AppDbContext db, string role, int unitId, CancellationToken ct = default)
    {
        var scope = AccessPolicy.ScopeOf(role, Operation.ViewRecords);
        if (scope == AccessScope.None) return UnitScope.Nothing;
        if (scope == AccessScope.All) return UnitScope.Everything;

        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Kind, u.ParentId }).ToListAsync(ct);
        var own = units.SingleOrDefault(u => u.Id == unitId);
        if (own is null) return UnitScope.Nothing;
        if (scope == AccessScope.OwnUnitOrCity && own.Kind == UnitKind.City) return UnitScope.Everything;

        // A county answers for the zones inside it; the city unit itself (市本级) only for its own records.
        var ids = new List<int> { own.Id };
        if (own.Kind == UnitKind.County)
            ids.AddRange(units.Where(u => u.ParentId == own.Id).Select(u => u.Id));
        return new UnitScope(false, ids);
    }
}

using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Data;

/// <summary>Thrown when a write touches a record outside the user's units; answered as 404 (not found).</summary>
public sealed class OutOfScopeException(string message) : Exception(message);

/// <summary>Refuses to create, change, move or delete a unit-owned record outside the acting user's scope.</summary>
internal static class UnitWriteGuard
{
    public static void Check(AppDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<IUnitOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            var current = entry.Entity.UnitId;
            if (!InScope(db, current))
                throw new OutOfScopeException($"{entry.Metadata.ClrType.Name}: unit {current} is outside the user's scope");
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                var original = (int)entry.OriginalValues[nameof(IUnitOwned.UnitId)]!;
                if (!InScope(db, original))
                    throw new OutOfScopeException($"{entry.Metadata.ClrType.Name}: unit {original} is outside the user's scope");
            }
        }
    }

    private static bool InScope(AppDbContext db, int unitId) => db.ScopeIsAll || db.ScopeUnitIds.Contains(unitId);
}

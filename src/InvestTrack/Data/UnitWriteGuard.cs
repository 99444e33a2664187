using System.Globalization;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace InvestTrack.Data;

/// <summary>Thrown when a write touches a record outside the user's units; answered as 404 (not found).</summary>
public sealed class OutOfScopeException(string message) : Exception(message);

/// <summary>
/// Refuses to create, change, move or delete a unit-owned record outside the acting user's scope, before and
/// after the change. A record of the whole city (<see cref="ICityOrUnitOwned"/> with no unit) needs the all-units scope.
/// </summary>
internal static class UnitWriteGuard
{
    public static void Check(AppDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<IUnitOwned>())
            Check(db, entry, nameof(IUnitOwned.UnitId));
        foreach (var entry in db.ChangeTracker.Entries<ICityOrUnitOwned>())
            Check(db, entry, nameof(ICityOrUnitOwned.UnitId));
        foreach (var entry in db.ChangeTracker.Entries<IUnitOrAssigneeOwned>())
            CheckEither(db, entry);
    }

    /// <summary>Either unit in scope, before and after: an assignee cannot hand the record to a unit outside its own scope.</summary>
    private static void CheckEither(AppDbContext db, EntityEntry entry)
    {
        if (entry.State is EntityState.Unchanged or EntityState.Detached) return;
        var unit = entry.Property(nameof(IUnitOrAssigneeOwned.UnitId));
        var assignee = entry.Property(nameof(IUnitOrAssigneeOwned.AssignedUnitId));
        DemandEither(db, entry.Metadata.ClrType.Name, (int)unit.CurrentValue!, (int?)assignee.CurrentValue);
        if (entry.State is EntityState.Modified or EntityState.Deleted)
            DemandEither(db, entry.Metadata.ClrType.Name, (int)unit.OriginalValue!, (int?)assignee.OriginalValue);
    }

    private static void DemandEither(AppDbContext db, string typeName, int unitId, int? assignedUnitId)
    {
        if (db.ScopeIsAll || db.ScopeUnitIds.Contains(unitId) || (assignedUnitId is { } a && db.ScopeUnitIds.Contains(a))) return;
        throw new OutOfScopeException($"{typeName}: units {unitId.ToString(CultureInfo.InvariantCulture)} and {assignedUnitId?.ToString(CultureInfo.InvariantCulture) ?? "(none)"} are outside the user's scope");
    }

    /// <summary>The same check for a new entity written without the change tracker (BulkInsert.InsertAuditedAsync).</summary>
    public static void CheckNew(AppDbContext db, object entity)
    {
        if (entity is IUnitOwned owned) Demand(db, entity.GetType().Name, owned.UnitId);
        if (entity is ICityOrUnitOwned cityOrUnit) Demand(db, entity.GetType().Name, cityOrUnit.UnitId);
    }

    private static void Check(AppDbContext db, EntityEntry entry, string unitProperty)
    {
        if (entry.State is EntityState.Unchanged or EntityState.Detached) return;
        var unit = entry.Property(unitProperty);
        Demand(db, entry.Metadata.ClrType.Name, (int?)unit.CurrentValue);
        if (entry.State is EntityState.Modified or EntityState.Deleted) Demand(db, entry.Metadata.ClrType.Name, (int?)unit.OriginalValue);
    }

    private static void Demand(AppDbContext db, string typeName, int? unitId)
    {
        var allowed = db.ScopeIsAll || (unitId is { } id && db.ScopeUnitIds.Contains(id));
        if (!allowed)
            throw new OutOfScopeException($"{typeName}: unit {unitId?.ToString(CultureInfo.InvariantCulture) ?? "(city)"} is outside the user's scope");
    }
}

namespace InvestTrack.Kernel;

/// <summary>A record that belongs to one unit: every query sees it only inside the user's unit scope.</summary>
public interface IUnitOwned
{
    int UnitId { get; }
}

/// <summary>
/// A record of one unit or, when <see cref="UnitId"/> is null, of the whole city (an annual target). Every query
/// sees the city's rows (when it sees any unit) and the rows of the units in scope; writing the city's row needs
/// the all-units scope (docs/decisions/0003-unit-scoping.md).
/// </summary>
public interface ICityOrUnitOwned
{
    int? UnitId { get; }
}

/// <summary>Every create, update and delete of this record is written to the audit trail.</summary>
public interface IAudited;

/// <summary>Optimistic concurrency: a save whose version is stale is refused.</summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>
/// A record of one unit that another unit works on (a problem raised by a county, assigned to a department): every
/// query sees it inside the scope of either unit, and a write needs one of them in scope before and after the change
/// (docs/weekly-dispatch.md). What each side may change is the service's rule.
/// </summary>
public interface IUnitOrAssigneeOwned
{
    int UnitId { get; }
    int? AssignedUnitId { get; }
}

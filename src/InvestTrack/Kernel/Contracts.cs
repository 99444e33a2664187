namespace InvestTrack.Kernel;

/// <summary>A record that belongs to one unit: every query sees it only inside the user's unit scope.</summary>
public interface IUnitOwned
{
    int UnitId { get; }
}

/// <summary>Every create, update and delete of this record is written to the audit trail.</summary>
public interface IAudited;

/// <summary>Optimistic concurrency: a save whose version is stale is refused.</summary>
public interface IVersioned
{
    int Version { get; set; }
}

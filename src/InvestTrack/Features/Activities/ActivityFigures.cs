namespace InvestTrack.Features.Activities;

/// <summary>
/// The activity figures of statistics.md for a period, a unit (or all) and a leader level (or all). Every number is a
/// count or sum computed by the database (<see cref="ActivityQueries"/>).
/// </summary>
public sealed record ActivityFigures(
    int Year, int FromMonth, int ToMonth, int? UnitId, string ScopeName, LeaderLevel? LeaderLevel, string CityShortName,
    int Outbound, int Regions, int Cities, int Companies, int Associations, int Universities, int Parks, int Intentions,
    int Inbound, int Visitors, int Meetings)
{
    public bool IsEmpty => Outbound == 0 && Inbound == 0;

    public ActivityPeriod Period => ActivityPeriod.Of(Year, FromMonth, ToMonth)!;
}

namespace InvestTrack.Features.Activities;

/// <summary>Sets an activity's fields and child rows alike for the form, the API and the import.</summary>
public static class ActivityChildren
{
    public static void Apply(Activity a, ActivityKind kind, DateOnly start, DateOnly? end, int unitId, string? leader, LeaderLevel? level,
        int meetings, int intentions, string? notes, IReadOnlyList<ParsedDestination> destinations, IReadOnlyList<ParsedCounterpart> counterparts,
        DateTimeOffset now)
    {
        (a.Kind, a.StartOn, a.EndOn, a.UnitId, a.Leader, a.LeaderLevel, a.Meetings, a.Intentions, a.Notes, a.UpdatedAt) =
            (kind, start, end, unitId, leader, level, meetings, intentions, notes, now);
        var sameDestinations = a.Destinations.OrderBy(d => d.SortOrder).Select(d => new ParsedDestination(d.ProvinceCode, d.CityCode, d.Display)).SequenceEqual(destinations);
        if (!sameDestinations)
        {
            a.Destinations.Clear();
            a.Destinations.AddRange(destinations.Select((d, i) => new ActivityDestination
            {
                SortOrder = i, ProvinceCode = d.ProvinceCode, CityCode = d.CityCode, Display = d.Display, UnitId = unitId,
            }));
        }
        var sameCounterparts = a.Counterparts.OrderBy(c => c.SortOrder).Select(c => new ParsedCounterpart(c.Type, c.Name)).SequenceEqual(counterparts);
        if (!sameCounterparts)
        {
            a.Counterparts.Clear();
            a.Counterparts.AddRange(counterparts.Select((c, i) => new ActivityCounterpart { SortOrder = i, Type = c.Type, Name = c.Name, UnitId = unitId }));
        }
        // The children carry the activity's unit (the unit filter reads it on them too).
        foreach (var d in a.Destinations) d.UnitId = unitId;
        foreach (var c in a.Counterparts) c.UnitId = unitId;
    }
}

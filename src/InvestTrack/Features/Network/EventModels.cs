namespace InvestTrack.Features.Network;

public enum EventSort { StartsOn, Name, Kind, Unit, Participants, SignedAmount }

/// <summary>The list's filter; also the export's, so an export holds exactly the rows the user filtered.</summary>
public sealed record EventFilter(string? Text = null, EventKind? Kind = null, int? UnitId = null, int? Year = null,
    EventSort Sort = EventSort.StartsOn, bool Descending = true, int Page = 1, int PageSize = 50);

/// <summary>A list row. Participants is the recorded count, or the list's length when no count was recorded.</summary>
public sealed record EventRow(int Id, string Name, EventKind Kind, DateOnly StartsOn, DateOnly EndsOn, string Venue, string? Region,
    string UnitName, int Participants, int Signings, long SignedAmount);

public sealed record ParticipantView(int Id, string Name, string? Organisation, int? TalentId, string? TalentName);

/// <summary>A signing: the linked project (when the user may see it) or the name recorded at the event.</summary>
public sealed record SigningView(int Id, int? ProjectId, string? ProjectCode, string Name, decimal AmountWan);

/// <summary>An event as shown; <see cref="Summary"/> is the line computed from its records (共有150人参会，现场签约项目18个，签约金额152.76亿元).</summary>
public sealed record EventDetail(int Id, string Name, EventKind Kind, DateOnly StartsOn, DateOnly EndsOn, string Venue, string? Region,
    int UnitId, string UnitName, int? ParticipantCount, string? Notes, int Version,
    IReadOnlyList<ParticipantView> Participants, IReadOnlyList<SigningView> Signings, long SignedAmount, string Summary);

/// <summary>What a user may set on an event; id, version and the parsed place codes are never bound from it.</summary>
public sealed class EventForm
{
    public string Name { get; set; } = "";
    public EventKind? Kind { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public string Venue { get; set; } = "";
    public string? Region { get; set; }
    /// <summary>The organising unit; the user's own when left out. Must be inside the user's scope.</summary>
    public int? UnitId { get; set; }
    public int? ParticipantCount { get; set; }
    public string? Notes { get; set; }
    public List<ParticipantForm> Participants { get; set; } = [];
    public List<SigningForm> Signings { get; set; } = [];

    public static EventForm Of(EventDetail d) => new()
    {
        Name = d.Name, Kind = d.Kind, StartsOn = d.StartsOn, EndsOn = d.EndsOn, Venue = d.Venue, Region = d.Region, UnitId = d.UnitId,
        ParticipantCount = d.ParticipantCount, Notes = d.Notes,
        Participants = [.. d.Participants.Select(p => new ParticipantForm { Id = p.Id, Name = p.Name, Organisation = p.Organisation, TalentId = p.TalentId })],
        Signings = [.. d.Signings.Select(s => new SigningForm { Id = s.Id, ProjectId = s.ProjectId, ProjectName = s.ProjectId is null ? s.Name : null, AmountWan = s.AmountWan })],
    };
}

public sealed class ParticipantForm
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public string? Organisation { get; set; }
    /// <summary>A talent of the network this person is; must be one the user may see.</summary>
    public int? TalentId { get; set; }
}

public sealed class SigningForm
{
    public int? Id { get; set; }
    /// <summary>A project in the system (of the user's units); or null with <see cref="ProjectName"/>.</summary>
    public int? ProjectId { get; set; }
    public string? ProjectName { get; set; }
    /// <summary>签约金额 in 万元, at most two decimals.</summary>
    public decimal? AmountWan { get; set; }
}


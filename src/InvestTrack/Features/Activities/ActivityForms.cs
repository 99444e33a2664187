using InvestTrack.Features.Projects;

namespace InvestTrack.Features.Activities;

/// <summary>
/// An activity as the form and the API write it, in the words of the 活动 sheet: 类型 走出去/请进来, 领导层级
/// 市级/县级/部门, 目的地 and 对接对象 as lists separated by ；. Version is the one read (0 when creating).
/// </summary>
public sealed record ActivityForm(
    string? Code, string? Kind, DateOnly? StartOn, DateOnly? EndOn, int? UnitId, string? Leader, string? LeaderLevel,
    string? Destinations, string? Counterparts, int? Meetings, int? Intentions, string? Notes, IReadOnlyList<int>? ProjectIds, int Version = 0);

/// <summary>One row of the activity list.</summary>
public sealed record ActivityListRow(int Id, string Code, ActivityKind Kind, DateOnly StartOn, DateOnly? EndOn, int UnitId, string Unit,
    string? Leader, LeaderLevel? LeaderLevel, int Meetings, int Intentions, int Destinations, int Counterparts);

public sealed record ActivityPage(IReadOnlyList<ActivityListRow> Rows, int Total, int Page, int PageSize);

public enum ActivitySort { StartDesc, StartAsc, Code, Unit }

public sealed record ActivityFilter(ActivityKind? Kind = null, int? UnitId = null, int? Year = null, LeaderLevel? LeaderLevel = null,
    string? Search = null, ActivitySort Sort = ActivitySort.StartDesc, int Page = 1, int PageSize = 50);

public sealed record ActivityDestinationView(string ProvinceCode, string? CityCode, string Display);

public sealed record ActivityCounterpartView(CounterpartType Type, string TypeName, string Name);

public sealed record ActivityProjectView(int Id, string Code, string Name);

public sealed record ActivityAttachmentView(long Id, string FileName, string ContentType, long Size, string? UploadedBy, DateTimeOffset UploadedAt);

/// <summary>An activity with its children, as the detail page and GET /api/activities/{id} show it.</summary>
public sealed record ActivityDetail(
    int Id, string Code, ActivityKind Kind, string KindName, DateOnly StartOn, DateOnly? EndOn, int UnitId, string Unit, string? Leader,
    LeaderLevel? LeaderLevel, string? LeaderLevelName, int Meetings, int Intentions, string? Notes,
    IReadOnlyList<ActivityDestinationView> Destinations, IReadOnlyList<ActivityCounterpartView> Counterparts,
    IReadOnlyList<ActivityProjectView> Projects, IReadOnlyList<ActivityAttachmentView> Attachments, int Version)
{
    /// <summary>The form of this activity, to edit it.</summary>
    public ActivityForm ToForm() => new(Code, ActivityText.KindName(Kind), StartOn, EndOn, UnitId, Leader,
        LeaderLevel is { } l ? ActivityText.LevelName(l) : null, string.Join('；', Destinations.Select(d => d.Display)),
        ActivityText.Format(Counterparts.Select(c => new ParsedCounterpart(c.Type, c.Name))), Meetings, Intentions, Notes,
        [.. Projects.Select(p => p.Id)], Version);
}

/// <summary>Field errors in the user's language, or the saved id and version. Uses the projects' outcome words.</summary>
public sealed record ActivityResult(CommandOutcome Outcome, IReadOnlyDictionary<string, string[]> Errors, long? Id = null, int? Version = null)
{
    public bool Ok => Outcome == CommandOutcome.Ok;
    public string? FirstError => Errors.Values.SelectMany(v => v).FirstOrDefault();
    public static ActivityResult Success(long id, int version) => new(CommandOutcome.Ok, new Dictionary<string, string[]>(), id, version);
    public static ActivityResult Fail(CommandOutcome outcome, string field, string message) => new(outcome, new Dictionary<string, string[]> { [field] = [message] });
}

using InvestTrack.Features.Units;

namespace InvestTrack.Features.WeeklyDispatch;

/// <summary>One project's lines; <see cref="Prefilled"/> when they come from the progress log, not yet saved in this dispatch.</summary>
public sealed record WeeklyDispatchItemView(int ProjectId, string ProjectCode, string ProjectName, string? Progress, string? Problems, string? NextStep, bool Prefilled);

/// <summary>
/// A unit's dispatch of one week as stored, or (with no <see cref="Id"/>) the form prefilled for it. <see cref="ReadOnly"/>
/// once submitted. <see cref="Version"/> is 0 before the first save.
/// </summary>
public sealed record WeeklyDispatchView(
    int? Id, int UnitId, string UnitName, string Week, string WeekLabel, DateOnly WeekStart, WeeklyDispatchStatus? Status, bool Late,
    DateTimeOffset? SubmittedAt, string? SubmittedBy, string? ReturnReason, DateTimeOffset Deadline, bool ReadOnly,
    IReadOnlyList<WeeklyDispatchItemView> Items, int Version);

public sealed class WeeklyDispatchItemForm
{
    public int ProjectId { get; set; }
    public string? Progress { get; set; }
    public string? Problems { get; set; }
    public string? NextStep { get; set; }
}

/// <summary>The unit's lines for its active projects; <see cref="Version"/> is the stored dispatch's (0 when none yet).</summary>
public sealed class WeeklyDispatchForm
{
    public List<WeeklyDispatchItemForm> Items { get; set; } = [];
    public int Version { get; set; }
}

public sealed class WeeklyDispatchReturnForm
{
    public string? Reason { get; set; }
    public int Version { get; set; }
}

/// <summary>已报送, 逾期报送 (late, accepted), 已退回 (returned for correction), 未报送.</summary>
public enum WeeklyDispatchUnitState { Submitted = 0, Late = 1, Returned = 2, Missing = 3 }

public sealed record WeeklyDispatchOverviewRow(
    int UnitId, string UnitName, UnitKind Kind, WeeklyDispatchUnitState State, int? DispatchId, DateTimeOffset? SubmittedAt, int Projects, int Problems);

public sealed record WeeklyDispatchOverview(
    string Week, string WeekLabel, string PreviousWeek, string? NextWeek, DateTimeOffset Deadline, bool DeadlinePassed, IReadOnlyList<WeeklyDispatchOverviewRow> Rows);

/// <summary>A unit that has not submitted the week's dispatch (for reminders).</summary>
public sealed record WeeklyDispatchPendingUnit(int UnitId, string UnitName, bool HasDraft);

/// <summary>Dispatch punctuality of one unit over a range: weeks due (deadline passed), on time, late, missing.</summary>
public sealed record WeeklyDispatchPunctualityRow(int UnitId, string UnitName, int WeeksDue, int OnTime, int Late, int Missing);

/// <summary>The deadline rule, the first week kept, and this week with its deadline.</summary>
public sealed record WeeklyDispatchSettings(DayOfWeek DeadlineDay, TimeOnly DeadlineTime, string FirstWeek, string CurrentWeek, string CurrentWeekLabel, DateTimeOffset CurrentDeadline);

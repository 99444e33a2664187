namespace InvestTrack.Features.WeeklyDispatch;

/// <summary>Which problems a list shows: all in scope, those the user's units raised, or those assigned to them.</summary>
public enum CoordinationProblemView { All = 0, Raised = 1, Assigned = 2 }

public enum CoordinationProblemSort { RaisedWeek = 0, DueOn = 1, Status = 2, Unit = 3, Department = 4 }

public sealed record CoordinationProblemFilter(
    string? Q = null, CoordinationProblemStatus? Status = null, int? UnitId = null, int? AssignedUnitId = null, bool OverdueOnly = false,
    CoordinationProblemView View = CoordinationProblemView.All, CoordinationProblemSort Sort = CoordinationProblemSort.RaisedWeek, bool Desc = true,
    int Page = 1, int PageSize = 50);

public sealed record CoordinationProblemRow(
    int Id, int ProjectId, string ProjectCode, string ProjectName, int UnitId, string UnitName, DateOnly RaisedWeek, string RaisedWeekLabel, string Text,
    int? AssignedUnitId, string? AssignedUnitName, DateOnly? DueOn, CoordinationProblemStatus Status, string? Answer, DateTimeOffset? AnsweredAt,
    string? AnsweredBy, DateTimeOffset? ClosedAt, string? ReturnReason, bool Overdue, int DispatchId, int Version);

public sealed record CoordinationProblemList(IReadOnlyList<CoordinationProblemRow> Rows, int Total, int Page, int PageSize);

public sealed class CoordinationProblemAssignForm
{
    public int? AssignedUnitId { get; set; }
    public DateOnly? DueOn { get; set; }
    public int Version { get; set; }
}

public sealed class CoordinationProblemAnswerForm
{
    public string? Answer { get; set; }
    public int Version { get; set; }
}

/// <summary>The city closes an answered problem, or returns it (with a reason) to the department.</summary>
public sealed class CoordinationProblemDecisionForm
{
    public bool Close { get; set; }
    public string? Reason { get; set; }
    public int Version { get; set; }
}

public sealed record DepartmentChoice(int Id, string Name);

using InvestTrack.Features.Supervision;

namespace InvestTrack.Features.NodePlans;

/// <summary>A step's standing today, by the kernel's PlanStepLateRule on today's 旬: 按期, 临期, 逾期, or done.</summary>
public enum StepState { OnTime = 0, Soon = 1, Late = 2, Closed = 3 }

public sealed record PendingAdjustment(int Id, DateOnly ToDueOn, string Reason, string? RequestedBy, int Version);

public sealed record StepView(
    int Id, int Number, string Name, int DurationDays, string? Responsible, IReadOnlyList<int> Follows, StepCloses Closes,
    DateOnly DueOn, DateOnly? ClosedOn, StepState State, PendingAdjustment? Pending, int Version);

/// <summary>A project's plan; <see cref="Steps"/> is empty when it has none yet.</summary>
public sealed record PlanView(int ProjectId, DateOnly? SignedOn, bool Signed, IReadOnlyList<StepView> Steps);

/// <summary>The facts of one project's plan for a warning run.</summary>
public sealed record ProjectPlanFacts(int ProjectId, int UnitId, IReadOnlyList<PlanStepFact> Steps);

public sealed record AdjustmentRow(
    int Id, int ProjectId, string ProjectName, string UnitName, string StepName, DateOnly FromDueOn, DateOnly ToDueOn, string Reason,
    AdjustmentState State, string? RequestedBy, DateTimeOffset RequestedAt, string? DecidedBy, string? DecisionNote, int Version);

/// <summary>The unit asks to move a step's due date; <see cref="Version"/> is the step's.</summary>
public sealed class AdjustmentForm
{
    public DateOnly? DueOn { get; set; }
    public string? Reason { get; set; }
    public int Version { get; set; }
}

/// <summary>City staff approve (or reject with a reason) a pending adjustment; <see cref="Version"/> is the adjustment's.</summary>
public sealed class DecisionForm
{
    public bool Approve { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }
}

/// <summary>The unit closes a step no project date closes; <see cref="Version"/> is the step's.</summary>
public sealed class CloseStepForm
{
    public DateOnly? ClosedOn { get; set; }
    public int Version { get; set; }
}

public sealed record TemplateStepForm(int Number, string? Name, int DurationDays, string? Responsible, IReadOnlyList<int>? Follows);

public sealed record TemplateForm(string? Name, IReadOnlyList<TemplateStepForm>? Steps, int Version);

public sealed record TemplateView(int Id, string ProjectType, string Name, IReadOnlyList<TemplateStepForm> Steps, int Version);

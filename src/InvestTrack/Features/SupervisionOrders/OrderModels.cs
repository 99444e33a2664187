using InvestTrack.Features.Projects;

namespace InvestTrack.Features.SupervisionOrders;

/// <summary>City staff issue an order. Status, number, issuer and times are never taken from the client.</summary>
public sealed class IssueOrderForm
{
    public int? UnitId { get; set; }
    public int? ProjectId { get; set; }
    public string? Problem { get; set; }
    public DateOnly? PlanDueOn { get; set; }
    public DateOnly? FixDueOn { get; set; }
    /// <summary>The warning it comes from (<see cref="Warnings.WarningKey"/>): it must be red or yellow and of the order's unit and project.</summary>
    public string? SourceWarning { get; set; }
    public string? Source { get; set; }
}

/// <summary>The unit's plan or fix report; <see cref="Version"/> is the order's.</summary>
public sealed class SubmitForm
{
    public string? Text { get; set; }
    public int Version { get; set; }
}

/// <summary>The city returns a plan or an answer with a reason; <see cref="Version"/> is the order's.</summary>
public sealed class ReturnForm
{
    public string? Reason { get; set; }
    public int Version { get; set; }
}

public sealed record VersionForm(int Version);

public enum OrderSort { IssuedDesc, IssuedAsc, Number, FixDue, Unit }

public sealed record OrderFilter(int? Year = null, OrderStatus? Status = null, int? UnitId = null, bool OverdueOnly = false,
    OrderSort Sort = OrderSort.IssuedDesc, int Page = 1, int PageSize = 50);

public sealed record OrderListRow(int Id, string Code, int Year, int Number, int UnitId, string Unit, int? ProjectId, string? Project, string Problem,
    DateOnly PlanDueOn, DateOnly FixDueOn, OrderStatus Status, bool Overdue, int DaysOverdue, DateTimeOffset IssuedAt, DateTimeOffset? EscalatedAt,
    DateOnly? ClosedOn);

public sealed record OrderPage(IReadOnlyList<OrderListRow> Rows, int Total, int Page, int PageSize);

public sealed record OrderTransitionView(OrderAction Action, OrderStatus FromStatus, OrderStatus ToStatus, string? Text, string? By, DateTimeOffset At);

public sealed record OrderAttachmentView(long Id, OrderStage Stage, string FileName, string ContentType, long Size, string? UploadedBy, DateTimeOffset UploadedAt);

/// <summary>What the viewer may do with the order now (the server checks again on every action).</summary>
public sealed record OrderActions(bool SubmitPlan, bool SubmitAnswer, bool Accept, bool ReturnPlan, bool ReturnAnswer, OrderStage? UploadStage);

public sealed record OrderDetail(int Id, string Code, int Year, int Number, int UnitId, string Unit, int? ProjectId, string? Project, string Problem,
    string? SourceWarning, string? Source, DateOnly PlanDueOn, DateOnly FixDueOn, OrderStatus Status, string? PlanText, DateTimeOffset? PlanSubmittedAt,
    string? AnswerText, DateTimeOffset? AnsweredAt, string? ReturnReason, DateTimeOffset? AcceptedAt, DateOnly? ClosedOn, bool Overdue, int DaysOverdue,
    DateTimeOffset? EscalatedAt, string? EscalatedTo, string IssuedBy, DateTimeOffset IssuedAt, IReadOnlyList<OrderTransitionView> History,
    IReadOnlyList<OrderAttachmentView> Attachments, OrderActions Actions, int Version);

/// <summary>The form's prefill from a red or yellow warning (/orders/new?warning=KEY); <see cref="Project"/> for a project's warning.</summary>
public sealed record OrderWarningPrefill(string Key, int UnitId, ProjectChoice? Project, string Problem, string Source);

/// <summary>The form's prefill from a project (/orders/new?project=ID).</summary>
public sealed record OrderPrefill(int UnitId, int ProjectId, string ProjectCode, string ProjectName, string? ResponsibleLeader);

public sealed record OrderResult(CommandOutcome Outcome, IReadOnlyDictionary<string, string[]> Errors, int? Id = null, int? Version = null)
{
    public bool Ok => Outcome == CommandOutcome.Ok;

    public static OrderResult Success(int id, int version) => new(CommandOutcome.Ok, new Dictionary<string, string[]>(), id, version);

    public static OrderResult Fail(CommandOutcome outcome, string field, string message) =>
        new(outcome, new Dictionary<string, string[]> { [field] = [message] });

    public string FirstError => Errors.Values.SelectMany(v => v).FirstOrDefault() ?? "";
}

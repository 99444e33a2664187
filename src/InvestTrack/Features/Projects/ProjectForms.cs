using System.ComponentModel.DataAnnotations;
using InvestTrack.Resources;

namespace InvestTrack.Features.Projects;

/// <summary>
/// What a user may set on a project. Stage and status change only through <see cref="StageCommand"/>;
/// id, audit fields and the stored version are never bound from it. <see cref="UnitId"/> picks the unit of a
/// new project; on an existing one, only city staff may change it (moving the project).
/// The attributes drive the form; the service checks every rule again.
/// </summary>
public sealed class ProjectForm
{
    /// <summary>Empty on a new project: the city's next code is given (<see cref="ProjectCodes"/>); required on an existing one.</summary>
    [MaxChars(64)] public string Code { get; set; } = "";
    [Needed][MaxChars(200)] public string Name { get; set; } = "";
    [Needed] public int? CompanyId { get; set; }
    [Needed] public int? UnitId { get; set; }
    public int? IndustryId { get; set; }
    [MaxChars(1)] public string? IndustrySectionCode { get; set; }
    /// <summary>计划总投资, 万元 with at most two decimals.</summary>
    [Needed][NotNegative] public decimal? PlannedInvestmentWan { get; set; }
    /// <summary>合同引资额, 万元.</summary>
    [NotNegative] public decimal? ContractedInvestmentWan { get; set; }
    public SigningKind? SigningKind { get; set; }
    public DateOnly? SignedOn { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? InProductionOn { get; set; }
    [MaxChars(100)] public string? LeadSource { get; set; }
    [MaxChars(100)] public string? ResponsibleLeader { get; set; }
    [MaxChars(100)] public string? ContactPerson { get; set; }
    [MaxChars(24)] public string? NationalProjectCode { get; set; }
    /// <summary>The version the client read (updates only): a stale one is refused.</summary>
    public int Version { get; set; }
}

/// <summary>Moves a project to another stage or status. The dates, when given, replace the project's.</summary>
public sealed class StageCommand
{
    public ProjectStage ToStage { get; set; }
    public ProjectStatus ToStatus { get; set; }
    [MaxChars(500)] public string? Reason { get; set; }
    public SigningKind? SigningKind { get; set; }
    /// <summary>合同引资额 (万元) agreed at signing; when given it replaces the project's. Optional, as in the import contract.</summary>
    public decimal? ContractedInvestmentWan { get; set; }
    public DateOnly? SignedOn { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? InProductionOn { get; set; }
    public int Version { get; set; }
}

/// <summary>The planned and actual dates of one approval milestone; Version is 0 for one not yet saved.</summary>
public sealed class MilestoneForm
{
    public DateOnly? PlannedOn { get; set; }
    public DateOnly? ActualOn { get; set; }
    public int Version { get; set; }
}

/// <summary>One progress note (周调度).</summary>
public sealed class ProgressForm
{
    [Needed] public DateOnly? OccurredOn { get; set; }
    [Needed][MaxChars(2000)] public string WhatHappened { get; set; } = "";
    [MaxChars(2000)] public string? Problems { get; set; }
    [MaxChars(2000)] public string? NextStep { get; set; }
}

public enum CommandOutcome { Ok, Invalid, NotFound, Stale }

/// <summary>
/// The outcome of a project command: field errors (key = form field name, "" for the whole form) in the
/// user's language, or the saved id and version.
/// </summary>
public sealed record CommandResult(CommandOutcome Outcome, IReadOnlyDictionary<string, string[]> Errors, int? Id = null, int? Version = null)
{
    public bool Ok => Outcome == CommandOutcome.Ok;

    public static CommandResult Success(int id, int version) => new(CommandOutcome.Ok, new Dictionary<string, string[]>(), id, version);

    public static CommandResult Fail(CommandOutcome outcome, string field, string message) =>
        new(outcome, new Dictionary<string, string[]> { [field] = [message] });

    public string FirstError => Errors.Values.SelectMany(v => v).FirstOrDefault() ?? "";
}

/// <summary>Required, with the message in the user's language.</summary>
internal sealed class NeededAttribute : RequiredAttribute
{
    public NeededAttribute()
    {
        ErrorMessageResourceType = typeof(ProjectResource);
        ErrorMessageResourceName = nameof(ProjectResource.Required);
    }
}

internal sealed class MaxCharsAttribute : StringLengthAttribute
{
    public MaxCharsAttribute(int length) : base(length)
    {
        ErrorMessageResourceType = typeof(ProjectResource);
        ErrorMessageResourceName = nameof(ProjectResource.TooLong);
    }
}

internal sealed class NotNegativeAttribute : RangeAttribute
{
    public NotNegativeAttribute() : base(typeof(decimal), "0", "79228162514264337593543950335")
    {
        ErrorMessageResourceType = typeof(ProjectResource);
        ErrorMessageResourceName = nameof(ProjectResource.AmountNegative);
    }
}

using InvestTrack.Features.Leads;
using InvestTrack.Features.Projects;

namespace InvestTrack.Features.Supervision;

/// <summary>
/// A project's facts as they stood at the end of the 旬, loaded by the caller. <paramref name="LastProgressOn"/> is the
/// last progress entry on or before the 旬's last day; <paramref name="RegisteredOn"/> (the China date it was entered)
/// stands in for it when there is none. <paramref name="PlanSteps"/> is null when the project has no node plan.
/// </summary>
public sealed record ProjectWarningFacts(
    ProjectStage Stage,
    ProjectStatus Status,
    SigningKind? SigningKind,
    DateOnly? SignedOn,
    DateOnly? StartedOn,
    DateOnly? LastProgressOn,
    DateOnly? RegisteredOn,
    IReadOnlyList<PlanStepFact>? PlanSteps);

/// <summary>A node plan step: due on a date, closed (by a milestone or stage) on a date or still open.</summary>
public sealed record PlanStepFact(string Name, DateOnly DueOn, DateOnly? ClosedOn);

/// <summary>
/// A unit's annual funds target and its actual for months 1 to M (<see cref="SupervisionPace.CompleteMonths"/>) by
/// statistics.md. No target (null or 0): the pace rule is not about the unit.
/// </summary>
public sealed record UnitPaceFacts(decimal? AnnualTarget, decimal Actual);

/// <summary>A lead's response clocks.</summary>
public sealed record LeadWarningFacts(IReadOnlyList<LeadClockFact> Clocks);

public sealed record LeadClockFact(LeadClockKind Kind, DateOnly DueOn, DateOnly? MetOn, DateOnly? StoppedOn);

using InvestTrack.Features.Leads;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Supervision;

namespace InvestTrack.UnitTests.Supervision;

/// <summary>Builders for the rules' facts: a signed, active project with nothing else, unless a test says so.</summary>
internal static class SupervisionFacts
{
    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    public static WarningContext Context(int year, int month, XunPart part, WorkingCalendar? calendar = null) =>
        new(new Xun(year, month, part), calendar ?? WorkingCalendar.WeekendsOnly);

    public static ProjectWarningFacts Project(
        ProjectStage stage = ProjectStage.Signed,
        ProjectStatus status = ProjectStatus.Active,
        SigningKind? signingKind = null,
        DateOnly? signedOn = null,
        DateOnly? startedOn = null,
        DateOnly? lastProgressOn = null,
        DateOnly? registeredOn = null,
        IReadOnlyList<PlanStepFact>? planSteps = null) =>
        new(stage, status, signingKind ?? (signedOn is null ? null : SigningKind.Contract), signedOn, startedOn, lastProgressOn, registeredOn, planSteps);

    public static PlanStepFact Step(string name, DateOnly dueOn, DateOnly? closedOn = null) => new(name, dueOn, closedOn);

    public static LeadClockFact Clock(DateOnly dueOn, LeadClockKind kind = LeadClockKind.Assess, DateOnly? metOn = null, DateOnly? stoppedOn = null) =>
        new(kind, dueOn, metOn, stoppedOn);
}

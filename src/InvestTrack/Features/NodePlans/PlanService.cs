using System.Globalization;
using System.Runtime.CompilerServices;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Leads;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Supervision;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.NodePlans;

/// <summary>
/// Node plans (节点计划) of projects: made from a template when a project signs a 项目合同 (or on demand), adjusted by the unit
/// with city approval, closed from what the project records. Reads go through the unit filter (a foreign project is
/// "not found"); each command saves once, so the unit guard, the audit trail and the version check cover it.
/// </summary>
public sealed class PlanService(
    IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<NodePlanResource> t,
    IConfiguration configuration, TimeProvider clock)
{
    public bool CanEdit => actor.Can(Operation.EditRecords);
    public bool CanManage => actor.Can(Operation.ManagePlans);
    public DateOnly Today => ChinaTime.Today(clock);

    private IReadOnlyList<string> MilestoneKinds => ProjectRules.MilestoneKinds(configuration.GetSection("Projects:MilestoneKinds").Get<string[]>());

    public async Task<PlanView?> ViewAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId)
            .Select(p => new { p.SignedOn, p.SigningKind }).SingleOrDefaultAsync(ct);
        if (project is null) return null;
        var rows = await StepRows(db).Where(r => r.Step.ProjectId == projectId).ToListAsync(ct);
        var pending = await db.PlanAdjustments.AsNoTracking().Where(a => a.ProjectId == projectId && a.State == AdjustmentState.Pending)
            .ToDictionaryAsync(a => a.PlanStepId, ct);
        var context = new WarningContext(Xun.Containing(Today), WorkingCalendar.WeekendsOnly);
        var rule = new PlanStepLateRule(WarningOptions.Default.PlanStepLate);
        var steps = rows.OrderBy(r => r.Step.Number).Select(r =>
        {
            var fact = r.Fact;
            var p = pending.GetValueOrDefault(r.Step.Id);
            return new StepView(r.Step.Id, r.Step.Number, r.Step.Name, r.Step.DurationDays, r.Step.Responsible, PlanSchedule.ParseFollows(r.Step.Follows),
                r.Step.Closes, r.Step.DueOn, fact.ClosedOn, StateOf(fact, rule, context),
                p is null ? null : new PendingAdjustment(p.Id, p.ToDueOn, p.Reason, p.RequestedBy, p.Version), r.Step.Version);
        }).ToList();
        return new PlanView(projectId, project.SignedOn, project.SignedOn is not null && project.SigningKind == SigningKind.Contract, steps);
    }

    /// <summary>按期/临期/逾期 of one step by the kernel's rule on today's 旬; a step closed by today is done.</summary>
    private StepState StateOf(PlanStepFact fact, PlanStepLateRule rule, WarningContext context)
    {
        if (fact.ClosedOn is { } closed && closed <= Today) return StepState.Closed;
        var facts = new ProjectWarningFacts(ProjectStage.Signed, ProjectStatus.Active, SigningKind.Contract, null, null, null, null, [fact with { ClosedOn = null }]);
        return rule.Evaluate(facts, context)?.Colour switch
        {
            WarningColour.Red => StepState.Late,
            WarningColour.Yellow => StepState.Soon,
            _ => StepState.OnTime,
        };
    }

    /// <summary>The steps of one project for the warning kernel.</summary>
    public async Task<IReadOnlyList<PlanStepFact>> FactsAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var rows = await StepRows(db).Where(r => r.Step.ProjectId == projectId).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Step.Number).Select(r => r.Fact)];
    }

    /// <summary>Every plan in the acting user's scope, one project at a time, streamed in project order (a warning run).</summary>
    public async IAsyncEnumerable<ProjectPlanFacts> AllFactsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        List<PlanStepFact> current = [];
        (int ProjectId, int UnitId)? of = null;
        await foreach (var r in StepRows(db).OrderBy(r => r.Step.ProjectId).ThenBy(r => r.Step.Number).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (of is { } o && o.ProjectId != r.Step.ProjectId)
            {
                yield return new ProjectPlanFacts(o.ProjectId, o.UnitId, current);
                current = [];
            }
            of = (r.Step.ProjectId, r.Step.UnitId);
            current.Add(r.Fact);
        }
        if (of is { } last) yield return new ProjectPlanFacts(last.ProjectId, last.UnitId, current);
    }

    private sealed class StepRow
    {
        public required PlanStep Step { get; init; }
        public DateOnly? SignedOn { get; init; }
        public DateOnly? StartedOn { get; init; }
        public DateOnly? InProductionOn { get; init; }
        public DateOnly? MilestoneOn { get; init; }

        /// <summary>Closed from the project's own records: no date is entered twice.</summary>
        public PlanStepFact Fact => new(Step.Name, Step.DueOn, Step.Closes switch
        {
            StepCloses.Signing => SignedOn,
            StepCloses.Start => StartedOn,
            StepCloses.Production => InProductionOn,
            StepCloses.Milestone => MilestoneOn,
            _ => Step.ClosedOn,
        });
    }

    private static IQueryable<StepRow> StepRows(AppDbContext db) =>
        from s in db.PlanSteps.AsNoTracking()
        join p in db.Projects on s.ProjectId equals p.Id
        select new StepRow
        {
            Step = s, SignedOn = p.SignedOn, StartedOn = p.StartedOn, InProductionOn = p.InProductionOn,
            MilestoneOn = db.ProjectMilestones.Where(m => m.ProjectId == s.ProjectId && m.Kind == s.Name).Select(m => m.ActualOn).FirstOrDefault(),
        };

    /// <summary>生成节点计划 for a signed project that has none.</summary>
    public async Task<CommandResult> GenerateAsync(int projectId, CancellationToken ct = default)
    {
        await DemandAsync(Operation.EditRecords, projectId);
        await using var db = dbFactory.CreateDbContext();
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null) return NotFound();
        if (project.SignedOn is null || project.SigningKind != SigningKind.Contract) return Invalid("", t["Plan.Error.NotSigned"]);
        if (await db.PlanSteps.AnyAsync(s => s.ProjectId == projectId, ct)) return Invalid("", t["Plan.Error.Exists"]);
        if (!await AddPlanAsync(db, project, MilestoneKinds, ct)) return Invalid("", t["Plan.Error.NoTemplate"]);
        return await SaveAsync(db, projectId, ct, duplicate: t["Plan.Error.Exists"]);
    }

    /// <summary>
    /// Adds the plan's steps to <paramref name="db"/> (the caller saves, in its own transaction: the stage change that signs
    /// the project). False when the project has a plan already, is not a signed 项目合同, or no template applies.
    /// </summary>
    public static async Task<bool> AddPlanAsync(AppDbContext db, Project project, IReadOnlyList<string> milestoneKinds, CancellationToken ct)
    {
        if (project.SignedOn is not { } signedOn || project.SigningKind != SigningKind.Contract) return false;
        if (project.Id != 0 && await db.PlanSteps.AnyAsync(s => s.ProjectId == project.Id, ct)) return false;
        var type = project.IndustrySectionCode;
        var template = await db.PlanTemplates.AsNoTracking().Where(x => x.ProjectType == type).SingleOrDefaultAsync(ct)
            ?? await db.PlanTemplates.AsNoTracking().Where(x => x.ProjectType == PlanTemplate.DefaultType).SingleOrDefaultAsync(ct);
        if (template is null) return false;
        var steps = await db.PlanTemplateSteps.AsNoTracking().Where(s => s.TemplateId == template.Id).OrderBy(s => s.Number).ToListAsync(ct);
        if (steps.Count == 0) return false;
        var due = PlanSchedule.DueDates(signedOn, steps.Select(s => new ScheduleStep(s.Number, s.DurationDays, PlanSchedule.ParseFollows(s.Follows))));
        db.PlanSteps.AddRange(steps.Select(s => new PlanStep
        {
            ProjectId = project.Id, UnitId = project.UnitId, Number = s.Number, Name = s.Name, DurationDays = s.DurationDays,
            Responsible = s.Responsible, Follows = s.Follows, Closes = PlanSchedule.ClosesFrom(s.Name, milestoneKinds), DueOn = due[s.Number], Version = 1,
        }));
        return true;
    }

    /// <summary>The unit asks for a new due date; pending until city staff decide.</summary>
    /// <summary>The step of the project (tracked) with the project's signing date, which no plan date may precede.</summary>
    private static Task<StepWithSigning?> StepWithSigningAsync(AppDbContext db, int projectId, int stepId, CancellationToken ct) =>
        (from s in db.PlanSteps
         join p in db.Projects on s.ProjectId equals p.Id
         where s.Id == stepId && s.ProjectId == projectId
         select new StepWithSigning(s, p.SignedOn)).SingleOrDefaultAsync(ct);

    private sealed record StepWithSigning(PlanStep Step, DateOnly? SignedOn);

    public async Task<CommandResult> RequestAdjustmentAsync(int projectId, int stepId, AdjustmentForm form, CancellationToken ct = default)
    {
        await DemandAsync(Operation.EditRecords, projectId);
        await using var db = dbFactory.CreateDbContext();
        if (await StepWithSigningAsync(db, projectId, stepId, ct) is not { } found) return NotFound();
        var step = found.Step;
        if (step.Version != form.Version) return Stale();
        var errors = new Dictionary<string, string[]>();
        var reason = ProjectRules.Clean(form.Reason);
        if (form.DueOn is not { } dueOn) errors[nameof(form.DueOn)] = [t["Plan.Error.DueOnRequired"]];
        else if (found.SignedOn is { } signed && dueOn < signed)
            errors[nameof(form.DueOn)] = [t["Plan.Error.BeforeSigning", t["Plan.Field.DueOn"], DisplayFormat.Date(signed)]];
        else if (dueOn > ProjectRules.LatestPlannedDate) errors[nameof(form.DueOn)] = [t["Plan.Error.TooLate", t["Plan.Field.DueOn"], DisplayFormat.Date(ProjectRules.LatestPlannedDate)]];
        else if (dueOn == step.DueOn) errors[nameof(form.DueOn)] = [t["Plan.Error.SameDate"]];
        if (reason is null) errors[nameof(form.Reason)] = [t["Plan.Error.ReasonRequired"]];
        else if (reason.Length > 500) errors[nameof(form.Reason)] = [t["Plan.Error.TooLong", 500]];
        if (errors.Count > 0) return new CommandResult(CommandOutcome.Invalid, errors);
        if (await db.PlanAdjustments.AnyAsync(a => a.PlanStepId == stepId && a.State == AdjustmentState.Pending, ct))
            return Invalid("", t["Plan.Error.PendingExists"]);

        db.PlanAdjustments.Add(new PlanAdjustment
        {
            PlanStepId = step.Id, ProjectId = projectId, UnitId = step.UnitId, FromDueOn = step.DueOn, ToDueOn = form.DueOn!.Value, Reason = reason!,
            State = AdjustmentState.Pending, RequestedBy = actor.UserName, RequestedAt = clock.GetUtcNow(), Version = 1,
        });
        return await SaveAsync(db, projectId, ct);
    }

    /// <summary>City staff approve (the date replaces the step's due date) or reject with a reason.</summary>
    public async Task<CommandResult> DecideAsync(int adjustmentId, DecisionForm form, CancellationToken ct = default)
    {
        await DemandAsync(Operation.ManagePlans, adjustmentId);
        await using var db = dbFactory.CreateDbContext();
        var adjustment = await db.PlanAdjustments.SingleOrDefaultAsync(a => a.Id == adjustmentId, ct);
        if (adjustment is null) return NotFound();
        if (adjustment.Version != form.Version) return Stale();
        db.Entry(adjustment).Property(a => a.Version).OriginalValue = form.Version;
        if (adjustment.State != AdjustmentState.Pending) return Invalid("", t["Plan.Error.Decided"]);
        var note = ProjectRules.Clean(form.Note);
        if (!form.Approve && note is null) return Invalid(nameof(form.Note), t["Plan.Error.RejectReasonRequired"]);
        if (note is { Length: > 500 }) return Invalid(nameof(form.Note), t["Plan.Error.TooLong", 500]);

        adjustment.State = form.Approve ? AdjustmentState.Approved : AdjustmentState.Rejected;
        adjustment.DecidedBy = actor.UserName;
        adjustment.DecidedAt = clock.GetUtcNow();
        adjustment.DecisionNote = note;
        if (form.Approve)
        {
            var step = await db.PlanSteps.SingleAsync(s => s.Id == adjustment.PlanStepId, ct);
            step.DueOn = adjustment.ToDueOn;
        }
        return await SaveAsync(db, adjustment.ProjectId, ct);
    }

    /// <summary>
    /// Closes a step no project date closes: an approval milestone step writes its milestone's actual date (the same record
    /// the milestones section shows), any other step keeps the date on itself. Steps closed by signing, start or production
    /// are refused: they close when the project records those.
    /// </summary>
    public async Task<CommandResult> CloseStepAsync(int projectId, int stepId, CloseStepForm form, CancellationToken ct = default)
    {
        await DemandAsync(Operation.EditRecords, projectId);
        await using var db = dbFactory.CreateDbContext();
        if (await StepWithSigningAsync(db, projectId, stepId, ct) is not { } found) return NotFound();
        var step = found.Step;
        if (step.Version != form.Version) return Stale();
        db.Entry(step).Property(s => s.Version).OriginalValue = form.Version;
        if (step.Closes is StepCloses.Signing or StepCloses.Start or StepCloses.Production) return Invalid("", t["Plan.Error.ClosedByProject"]);
        if (form.ClosedOn is not { } closedOn) return Invalid(nameof(form.ClosedOn), t["Plan.Error.ClosedOnRequired"]);
        if (found.SignedOn is { } signed && closedOn < signed)
            return Invalid(nameof(form.ClosedOn), t["Plan.Error.BeforeSigning", t["Plan.Field.ClosedOn"], DisplayFormat.Date(signed)]);
        if (closedOn > Today) return Invalid(nameof(form.ClosedOn), t["Plan.Error.Future", t["Plan.Field.ClosedOn"], DisplayFormat.Date(Today)]);

        if (step.Closes == StepCloses.Milestone)
        {
            var milestone = await db.ProjectMilestones.SingleOrDefaultAsync(m => m.ProjectId == projectId && m.Kind == step.Name, ct);
            if (milestone is null)
                db.ProjectMilestones.Add(new ProjectMilestone { ProjectId = projectId, UnitId = step.UnitId, Kind = step.Name, ActualOn = closedOn, SortOrder = MilestoneKinds.ToList().IndexOf(step.Name), Version = 1 });
            else milestone.ActualOn = closedOn;
            step.Version++; // the step's state changed: a second close from a stale page is refused
        }
        else step.ClosedOn = closedOn;
        return await SaveAsync(db, projectId, ct);
    }

    public async Task<IReadOnlyList<AdjustmentRow>> AdjustmentsAsync(AdjustmentState? state, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var query = from a in db.PlanAdjustments.AsNoTracking()
                    join s in db.PlanSteps on a.PlanStepId equals s.Id
                    join p in db.Projects on a.ProjectId equals p.Id
                    join u in db.Units on a.UnitId equals u.Id
                    where state == null || a.State == state
                    orderby a.Id // in the order asked (SQLite cannot order a DateTimeOffset)
                    select new AdjustmentRow(a.Id, p.Id, p.Name, u.Name, s.Name, a.FromDueOn, a.ToDueOn, a.Reason, a.State, a.RequestedBy, a.RequestedAt,
                        a.DecidedBy, a.DecisionNote, a.Version);
        return await query.Take(500).ToListAsync(ct);
    }

    private Task DemandAsync(Operation operation, int id) =>
        AdminGuard.DemandAsync(actor, audit, operation, nameof(PlanStep), id.ToString(CultureInfo.InvariantCulture));

    private async Task<CommandResult> SaveAsync(AppDbContext db, int id, CancellationToken ct, string? duplicate = null)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return CommandResult.Success(id, 0);
        }
        catch (DbUpdateConcurrencyException) { return Stale(); }
        catch (OutOfScopeException) { return NotFound(); }
        catch (InvalidTextException e) { return Invalid(e.Field, e.Message); }
        catch (DbUpdateException) when (duplicate is not null) { return Invalid("", duplicate); }
    }

    private static CommandResult Invalid(string field, string message) => CommandResult.Fail(CommandOutcome.Invalid, field, message);

    private CommandResult NotFound() => CommandResult.Fail(CommandOutcome.NotFound, "", t["Plan.Error.NotFound"]);

    private CommandResult Stale() => CommandResult.Fail(CommandOutcome.Stale, "", t["Plan.Error.Stale"]);
}

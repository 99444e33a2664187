using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Units;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.WeeklyDispatch;

/// <summary>
/// The problem list (问题清单): problems raised in dispatches, assigned by the city to a department with a deadline,
/// answered by the department, closed or returned by the city. A problem is read by its raising unit and by the
/// department it is assigned to (the filter of <see cref="IUnitOrAssigneeOwned"/>); a foreign id answers as a missing one.
/// </summary>
public sealed class CoordinationProblemService(
    IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<WeeklyDispatchResource> t,
    WeeklyDispatchService dispatches, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    public bool CanSupervise => actor.Can(Operation.SuperviseDispatch);
    public DateOnly Today => ChinaTime.Today(clock);

    /// <summary>Whether the acting user answers for the department a problem is assigned to.</summary>
    public bool AnswersFor(int? assignedUnitId) => assignedUnitId is { } a && actor.Can(Operation.EditRecords) && actor.UnitScope.Contains(a);

    public async Task<IReadOnlyList<DepartmentChoice>> DepartmentsAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        return await db.Units.AsNoTracking().Where(u => u.IsActive && u.Kind == UnitKind.Department)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Id).Select(u => new DepartmentChoice(u.Id, u.Name)).ToListAsync(ct);
    }

    public async Task<CoordinationProblemList> PageAsync(CoordinationProblemFilter filter, CancellationToken ct = default)
    {
        var size = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var page = Math.Max(filter.Page, 1);
        await using var db = dbFactory.CreateDbContext();
        var query = Rows(db, filter);
        var total = await query.CountAsync(ct);
        var rows = Paging.Skip(page, size) is { } skip ? await Sorted(query, filter).Skip(skip).Take(size).Select(ToRow).ToListAsync(ct) : [];
        return new CoordinationProblemList([.. rows.Select(Finish)], total, page, size);
    }

    /// <summary>The whole filtered list (an export), at most <paramref name="max"/> rows.</summary>
    public async Task<IReadOnlyList<CoordinationProblemRow>> AllAsync(CoordinationProblemFilter filter, int max, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var rows = await Sorted(Rows(db, filter), filter).Take(max).Select(ToRow).ToListAsync(ct);
        return [.. rows.Select(Finish)];
    }

    public async Task<CoordinationProblemRow?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var row = await Rows(db, new CoordinationProblemFilter()).Where(r => r.P.Id == id).Select(ToRow).SingleOrDefaultAsync(ct);
        return row is null ? null : Finish(row);
    }

    private CoordinationProblemRow Finish(CoordinationProblemRow r) =>
        r with { RaisedWeekLabel = WeeklyDispatchWeek.Containing(r.RaisedWeek).Label(), Overdue = IsOverdue(r.Status, r.DueOn) };

    private bool IsOverdue(CoordinationProblemStatus status, DateOnly? dueOn) => status == CoordinationProblemStatus.Open && dueOn is { } d && d < Today;

    /// <summary>A row before its final shape: EF Core filters and sorts on members it initialises, not on a record's constructor.</summary>
    private sealed class Data
    {
        public required CoordinationProblem P { get; init; }
        public required string Code { get; init; }
        public required string Name { get; init; }
        public required string UnitName { get; init; }
        public string? Assigned { get; init; }
    }

    private static readonly System.Linq.Expressions.Expression<Func<Data, CoordinationProblemRow>> ToRow = x => new CoordinationProblemRow(
        x.P.Id, x.P.ProjectId, x.Code, x.Name, x.P.UnitId, x.UnitName, x.P.RaisedWeek, "", x.P.Text, x.P.AssignedUnitId, x.Assigned, x.P.DueOn,
        x.P.Status, x.P.Answer, x.P.AnsweredAt, x.P.AnsweredBy, x.P.ClosedAt, x.P.ReturnReason, false, x.P.DispatchId, x.P.Version);

    private IQueryable<Data> Rows(AppDbContext db, CoordinationProblemFilter f)
    {
        // The project's code and name come from a project the user may not read (a department reads a county's problem), so
        // the query ignores the filters, which EF Core ignores for the whole query: the problems' scope is therefore written
        // out here, the same condition as the filter of IUnitOrAssigneeOwned (an empty scope sees nothing).
        var all = actor.UnitScope.All;
        var ids = actor.UnitScope.UnitIdArray;
        var problems = db.CoordinationProblems.IgnoreQueryFilters().AsNoTracking()
            .Where(p => all || ids.Contains(p.UnitId) || (p.AssignedUnitId != null && ids.Contains(p.AssignedUnitId.Value)));
        if (f.View == CoordinationProblemView.Raised && !actor.UnitScope.All) problems = problems.Where(p => ids.Contains(p.UnitId));
        if (f.View == CoordinationProblemView.Assigned && !actor.UnitScope.All) problems = problems.Where(p => p.AssignedUnitId != null && ids.Contains(p.AssignedUnitId.Value));
        if (f.Status is { } status) problems = problems.Where(p => p.Status == status);
        if (f.UnitId is { } raisedBy) problems = problems.Where(p => p.UnitId == raisedBy);
        if (f.AssignedUnitId is { } assigned) problems = problems.Where(p => p.AssignedUnitId == assigned);
        var today = Today;
        if (f.OverdueOnly) problems = problems.Where(p => p.Status == CoordinationProblemStatus.Open && p.DueOn != null && p.DueOn < today);
        var query = from p in problems
                    join project in db.Projects on p.ProjectId equals project.Id
                    join unit in db.Units on p.UnitId equals unit.Id
                    select new Data
                    {
                        P = p, Code = project.Code, Name = project.Name, UnitName = unit.Name,
                        Assigned = db.Units.Where(u => u.Id == p.AssignedUnitId).Select(u => u.Name).FirstOrDefault(),
                    };
        if (TextInput.Search(f.Q) is { } q)
            query = query.Where(x => x.P.Text.Contains(q) || x.Name.Contains(q) || x.Code.Contains(q) || (x.P.Answer != null && x.P.Answer.Contains(q)));
        return query;
    }

    private static IQueryable<Data> Sorted(IQueryable<Data> q, CoordinationProblemFilter f) => (f.Sort, f.Desc) switch
    {
        (CoordinationProblemSort.DueOn, false) => q.OrderBy(r => r.P.DueOn == null).ThenBy(r => r.P.DueOn).ThenBy(r => r.P.Id),
        (CoordinationProblemSort.DueOn, true) => q.OrderBy(r => r.P.DueOn == null).ThenByDescending(r => r.P.DueOn).ThenByDescending(r => r.P.Id),
        (CoordinationProblemSort.Status, false) => q.OrderBy(r => r.P.Status).ThenBy(r => r.P.Id),
        (CoordinationProblemSort.Status, true) => q.OrderByDescending(r => r.P.Status).ThenByDescending(r => r.P.Id),
        (CoordinationProblemSort.Unit, false) => q.OrderBy(r => r.UnitName).ThenBy(r => r.P.Id),
        (CoordinationProblemSort.Unit, true) => q.OrderByDescending(r => r.UnitName).ThenByDescending(r => r.P.Id),
        (CoordinationProblemSort.Department, false) => q.OrderBy(r => r.Assigned).ThenBy(r => r.P.Id),
        (CoordinationProblemSort.Department, true) => q.OrderByDescending(r => r.Assigned).ThenByDescending(r => r.P.Id),
        (_, false) => q.OrderBy(r => r.P.RaisedWeek).ThenBy(r => r.P.Id),
        _ => q.OrderByDescending(r => r.P.RaisedWeek).ThenByDescending(r => r.P.Id),
    };

    /// <summary>City staff assign (or reassign, while open) a problem to a department with a deadline that is not in the past.</summary>
    public async Task<CommandResult> AssignAsync(int id, CoordinationProblemAssignForm form, CancellationToken ct = default)
    {
        await Demand(Operation.SuperviseDispatch, id);
        return await ChangeAsync(id, form.Version, async (db, p) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (p.Status != CoordinationProblemStatus.Open) errors[""] = [t["Problem.Error.NotOpen"]];
            if (form.AssignedUnitId is not { } unit || !await db.Units.AnyAsync(u => u.Id == unit && u.IsActive && u.Kind == UnitKind.Department, ct))
                errors[nameof(form.AssignedUnitId)] = [t["Problem.Error.Department"]];
            if (form.DueOn is not { } due) errors[nameof(form.DueOn)] = [t["Problem.Error.DueOnRequired"]];
            else if (due < Today) errors[nameof(form.DueOn)] = [t["Problem.Error.DueOnPast", DisplayFormat.Date(due), DisplayFormat.Date(Today)]];
            else if (due > Today.AddYears(2)) errors[nameof(form.DueOn)] = [t["Problem.Error.DueOnFar", DisplayFormat.Date(Today.AddYears(2))]];
            if (errors.Count > 0) return new CommandResult(CommandOutcome.Invalid, errors);
            (p.AssignedUnitId, p.DueOn, p.AssignedAt, p.AssignedBy) = (form.AssignedUnitId, form.DueOn, clock.GetUtcNow(), DisplayName);
            return null;
        }, ct);
    }

    /// <summary>The department it is assigned to answers an open problem.</summary>
    public async Task<CommandResult> AnswerAsync(int id, CoordinationProblemAnswerForm form, CancellationToken ct = default)
    {
        await Demand(Operation.EditRecords, id);
        return await ChangeAsync(id, form.Version, (_, p) =>
        {
            if (!AnswersFor(p.AssignedUnitId)) return Task.FromResult<CommandResult?>(CommandResult.Fail(CommandOutcome.Invalid, "", t["Problem.Error.NotAssignee"]));
            if (p.Status != CoordinationProblemStatus.Open) return Task.FromResult<CommandResult?>(CommandResult.Fail(CommandOutcome.Invalid, "", t["Problem.Error.NotOpen"]));
            var answer = ProjectRules.Clean(form.Answer);
            var problem = answer is null ? t["Problem.Error.AnswerRequired"].Value : dispatches.TextProblem(answer, WeeklyDispatchService.MaxText);
            if (problem is not null) return Task.FromResult<CommandResult?>(CommandResult.Fail(CommandOutcome.Invalid, nameof(form.Answer), problem));
            (p.Answer, p.AnsweredAt, p.AnsweredBy, p.Status) = (answer, clock.GetUtcNow(), DisplayName, CoordinationProblemStatus.Answered);
            return Task.FromResult<CommandResult?>(null);
        }, ct);
    }

    /// <summary>City staff close an answered problem, or return it to the department with a reason (it is open again).</summary>
    public async Task<CommandResult> DecideAsync(int id, CoordinationProblemDecisionForm form, CancellationToken ct = default)
    {
        await Demand(Operation.SuperviseDispatch, id);
        return await ChangeAsync(id, form.Version, (_, p) =>
        {
            if (p.Status != CoordinationProblemStatus.Answered) return Task.FromResult<CommandResult?>(CommandResult.Fail(CommandOutcome.Invalid, "", t["Problem.Error.NotAnswered"]));
            if (form.Close)
            {
                (p.Status, p.ClosedAt, p.ClosedBy, p.ReturnReason) = (CoordinationProblemStatus.Closed, clock.GetUtcNow(), DisplayName, null);
                return Task.FromResult<CommandResult?>(null);
            }
            var reason = ProjectRules.Clean(form.Reason);
            var problem = reason is null ? t["Error.ReasonRequired"].Value : dispatches.TextProblem(reason, 500);
            if (problem is not null) return Task.FromResult<CommandResult?>(CommandResult.Fail(CommandOutcome.Invalid, nameof(form.Reason), problem));
            (p.Status, p.ReturnReason) = (CoordinationProblemStatus.Open, reason);
            return Task.FromResult<CommandResult?>(null);
        }, ct);
    }

    /// <summary>Loads the problem through the filter, checks the version, applies the change (null: go on), saves once.</summary>
    private async Task<CommandResult> ChangeAsync(int id, int version, Func<AppDbContext, CoordinationProblem, Task<CommandResult?>> change, CancellationToken ct)
    {
        await using var db = dbFactory.CreateDbContext();
        var problem = await db.CoordinationProblems.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (problem is null) return CommandResult.Fail(CommandOutcome.NotFound, "", t["Problem.Error.NotFound"]);
        if (problem.Version != version) return Stale();
        db.Entry(problem).Property(p => p.Version).OriginalValue = version;
        if (await change(db, problem) is { } refused) return refused;
        try
        {
            await db.SaveChangesAsync(ct);
            return CommandResult.Success(problem.Id, problem.Version);
        }
        catch (DbUpdateConcurrencyException) { return Stale(); }
        catch (OutOfScopeException) { return CommandResult.Fail(CommandOutcome.NotFound, "", t["Problem.Error.NotFound"]); }
        catch (InvalidTextException e) { return CommandResult.Fail(CommandOutcome.Invalid, e.Field, e.Message); }
    }

    private Task Demand(Operation operation, int id) =>
        AdminGuard.DemandAsync(actor, audit, operation, nameof(CoordinationProblem), id.ToString(CultureInfo.InvariantCulture));

    private string? DisplayName => actor.Principal.FindFirst(AppClaims.DisplayName)?.Value ?? actor.UserName;

    private CommandResult Stale() => CommandResult.Fail(CommandOutcome.Stale, "", t["Error.Stale"]);
}

using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Leads;
using InvestTrack.Features.Notifications;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Supervision;
using InvestTrack.Features.SupervisionOrders;
using InvestTrack.Features.Targets;
using InvestTrack.Features.Warnings;
using InvestTrack.Features.WeeklyDispatch;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Home;

/// <summary>One to-do: how many there are, and the list page that shows exactly those.</summary>
public sealed record WorkbenchTodo(string Key, int Count, string Link);

/// <summary>An annual-target indicator of the user's unit (the city for city-wide users), as /targets shows it.</summary>
public sealed record WorkbenchFigure(TargetIndicator Indicator, long Actual, long? Target, decimal? Completion, decimal Pace);

/// <summary>A project of the user's scope changed lately.</summary>
public sealed record WorkbenchChange(int ProjectId, string Code, string Name, string Unit, ProjectStage Stage, DateTimeOffset UpdatedAt);

/// <summary>An action of the user's role, as a link.</summary>
public sealed record WorkbenchShortcut(string Key, string Link);

/// <summary>The sign-in before this session's: when and from which address.</summary>
public sealed record PreviousSignIn(DateTimeOffset At, string? Address);

/// <summary>
/// The home page (工作台) and GET /api/workbench: the user's to-dos, the figures of the last complete month of the
/// user's unit against its targets, the projects changed lately, the role's shortcuts and the previous sign-in.
/// </summary>
public sealed record Workbench(string ScopeName, IReadOnlyList<WorkbenchTodo> Todos, int Year, int Month, IReadOnlyList<WorkbenchFigure> Figures,
    IReadOnlyList<WorkbenchChange> Changes, IReadOnlyList<WorkbenchShortcut> Shortcuts, PreviousSignIn? PreviousSignIn);

/// <summary>
/// Gathers the workbench from the services that own each list, so that every count is the total of the list it opens
/// (the same query, the same unit scope). Only what the user's role may see is asked: nothing is refused and audited.
/// </summary>
public sealed class WorkbenchService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser user, TimeProvider clock, FundsQueries funds, OrderService orders,
    WarningReads warnings, LeadReads leads, CoordinationProblemService problems, WeeklyDispatchService dispatches, WeeklyDispatchOverviewQuery overview,
    InboxService inbox, TargetService targets)
{
    public const int ChangesShown = 8;

    public async Task<Workbench> LoadAsync(CancellationToken ct = default)
    {
        var (year, month) = LastCompleteMonth(ChinaTime.Today(clock));
        var records = user.Can(Operation.ViewRecords);
        var scopeName = user.UnitScope.All ? "全市" : user.Principal.FindFirst(AppClaims.UnitName)?.Value ?? "";
        return new Workbench(scopeName, await TodosAsync(ct), year, month,
            records ? await FiguresAsync(year, month, ct) : [], records ? await ChangesAsync(ct) : [], Shortcuts(), await PreviousSignInAsync(ct));
    }

    /// <summary>As the dispatch report: the month before the current one (December of last year in January).</summary>
    public static (int Year, int Month) LastCompleteMonth(DateOnly today) => Statistics.Period.LastCompleteMonth(today);

    private async Task<List<WorkbenchTodo>> TodosAsync(CancellationToken ct)
    {
        var todos = new List<WorkbenchTodo>();
        void Add(string key, int count, string link) => todos.Add(new WorkbenchTodo(key, count, link));
        if (user.Can(Operation.AuditFunds)) Add("FundsToReview", (await funds.QueueAsync(1, 1, ct)).Total, "/funds/audit");
        if (user.Can(Operation.EditRecords))
            Add("FundsReturned", (await funds.ListAsync(new FundsFilter(Status: FundsAuditStatus.Returned, PageSize: 1), ct)).Total, "/funds?status=Returned");
        if (user.Can(Operation.IssueOrders))
            Add("OrdersToAccept", await OrdersAsync(new OrderFilter(Status: OrderStatus.Answered), ct), "/orders?status=Answered");
        else if (user.Can(Operation.EditRecords))
        {
            Add("OrdersToPlan", await OrdersAsync(new OrderFilter(Status: OrderStatus.Issued), ct), "/orders?status=Issued");
            Add("OrdersToFix", await OrdersAsync(new OrderFilter(Status: OrderStatus.PlanSubmitted), ct), "/orders?status=PlanSubmitted");
        }
        if (user.Can(Operation.ViewRecords))
        {
            Add("OrdersOverdue", await OrdersAsync(new OrderFilter(OverdueOnly: true), ct), "/orders?overdue=true");
            Add("RedWarnings", (await warnings.PageAsync(new WarningFilter(Colour: WarningColour.Red, State: HandlingState.Open, PageSize: 1), ct)).Total,
                "/warnings?colour=Red&state=Open");
            Add("NoProgress", (await warnings.PageAsync(new WarningFilter(Rule: NoProgressRule.RuleId, Kind: WarningKind.Project, State: HandlingState.Open, PageSize: 1), ct)).Total,
                $"/warnings?rule={NoProgressRule.RuleId}&kind=Project&state=Open");
            Add("LeadsOverdue", (await leads.PageAsync(new LeadFilter(OverdueOnly: true, PageSize: 1), ct)).Total, "/leads?overdue=true");
        }
        if (user.Can(Operation.EditRecords) || user.Can(Operation.SuperviseDispatch))
        {
            var week = dispatches.CurrentWeek;
            var rows = (await overview.ForWeekAsync(week, ct)).Rows;
            Add("DispatchMissing", rows.Count(r => r.State is WeeklyDispatchUnitState.Missing or WeeklyDispatchUnitState.Returned), $"/weekly-dispatch?week={week}");
        }
        if (user.Can(Operation.EditRecords))
            Add("ProblemsAssigned", (await problems.PageAsync(new CoordinationProblemFilter(Status: CoordinationProblemStatus.Open, View: CoordinationProblemView.Assigned, PageSize: 1), ct)).Total,
                "/problems?view=Assigned&status=Open");
        Add("InboxUnread", await inbox.UnreadAsync(ct), "/inbox");
        return todos;
    }

    private async Task<int> OrdersAsync(OrderFilter filter, CancellationToken ct) => (await orders.ListAsync(filter with { PageSize = 1 }, ct)).Total;

    private async Task<List<WorkbenchFigure>> FiguresAsync(int year, int month, CancellationToken ct)
    {
        var rows = await targets.ProgressAsync(year, month, ct);
        var mine = user.UnitScope.All ? rows.FirstOrDefault(r => r.UnitId is null) : rows.FirstOrDefault(r => r.UnitId == user.UnitId);
        return mine is null ? [] : [.. mine.Items.Select(i => new WorkbenchFigure(i.Indicator, i.Actual, i.Target, i.Completion, i.Pace))];
    }

    private async Task<List<WorkbenchChange>> ChangesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scoped = db.Projects.AsNoTracking();
        // EF Core's SQLite provider cannot order by DateTimeOffset: there (a small city's database) the moments are sorted here.
        var ids = db.Database.IsSqlite()
            ? (await scoped.Select(p => new { p.Id, p.UpdatedAt }).ToListAsync(ct)).OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id).Take(ChangesShown).Select(p => p.Id).ToList()
            : await scoped.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id).Take(ChangesShown).Select(p => p.Id).ToListAsync(ct);
        var rows = await scoped.Where(p => ids.Contains(p.Id))
            .Join(db.Units, p => p.UnitId, u => u.Id, (p, u) => new WorkbenchChange(p.Id, p.Code, p.Name, u.Name, p.Stage, p.UpdatedAt)).ToListAsync(ct);
        return [.. rows.OrderBy(r => ids.IndexOf(r.ProjectId))];
    }

    private List<WorkbenchShortcut> Shortcuts()
    {
        var list = new List<WorkbenchShortcut>();
        void Add(Operation operation, string key, string link)
        {
            if (user.Can(operation)) list.Add(new WorkbenchShortcut(key, link));
        }
        Add(Operation.EditRecords, "NewProject", "/projects/new");
        Add(Operation.EditRecords, "ReportFunds", "/funds");
        Add(Operation.EditRecords, "NewLead", "/leads/new");
        Add(Operation.EditRecords, "WeeklyDispatch", "/weekly-dispatch");
        Add(Operation.EditRecords, "Import", "/import");
        Add(Operation.AuditFunds, "ReviewFunds", "/funds/audit");
        Add(Operation.IssueOrders, "IssueOrder", "/orders/new");
        Add(Operation.ViewRecords, "Dashboard", "/dashboard");
        Add(Operation.ViewRecords, "Bulletins", "/bulletins");
        Add(Operation.ManageUsers, "Users", "/admin/users");
        Add(Operation.ReadAuditTrail, "Audit", "/audit");
        return list;
    }

    /// <summary>The user's sign-in before the latest one (the latest is this session's).</summary>
    private async Task<PreviousSignIn?> PreviousSignInAsync(CancellationToken ct)
    {
        if (user.UserId is not { } id) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var previous = await db.AuditEntries.AsNoTracking().Where(e => e.Action == "SignIn" && e.ObjectType == "AppUser" && e.ObjectId == id && e.Result == "Success")
            .OrderByDescending(e => e.Id).Skip(1).Select(e => new { e.OccurredAt, e.Address }).FirstOrDefaultAsync(ct);
        return previous is null ? null : new PreviousSignIn(previous.OccurredAt, previous.Address);
    }
}

using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Jobs;
using InvestTrack.Features.Units;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.SupervisionOrders;

/// <summary>An escalated order with the people it goes to, for whoever notifies them (the notifications branch).</summary>
public sealed record EscalatedOrder(int Id, string Code, int UnitId, string Unit, string Problem, DateOnly PlanDueOn, DateOnly FixDueOn, OrderStatus Status,
    DateTimeOffset EscalatedAt, string? ProjectLeader, IReadOnlyList<string> LeaderUserIds, string EscalatedTo);

/// <summary>
/// 超期升级: an overdue order (OrderRules) is escalated once to the leaders in charge (包保领导) — the project's responsible
/// leader when it has a project, and the users with role Leader in the city unit: EscalatedAt and EscalatedTo are set,
/// a history row written and the change audited, in one transaction per order. An order already escalated is left as it
/// is, so a second run the same day (or a retried run) escalates nothing twice.
/// </summary>
public sealed class OrderEscalation(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, TimeProvider clock)
{
    public async Task<IReadOnlyList<EscalatedOrder>> EscalateAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var today = ChinaTime.Today(clock);
        var due = await OrderQueries.Overdue(db.SupervisionOrders, today).Where(o => o.EscalatedAt == null).OrderBy(o => o.Id).ToListAsync(ct);
        if (due.Count == 0) return [];
        var leaders = await CityLeadersAsync(db, ct);
        var projectIds = due.Where(o => o.ProjectId is not null).Select(o => o.ProjectId!.Value).Distinct().ToList();
        var projectLeaders = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.ResponsibleLeader, ct);
        var done = new List<int>();
        foreach (var o in due)
        {
            var now = clock.GetUtcNow();
            var projectLeader = o.ProjectId is { } pid ? projectLeaders.GetValueOrDefault(pid) : null;
            o.EscalatedAt = now;
            o.EscalatedTo = Truncate(string.Join("；", new[] { projectLeader }.Concat(leaders.Select(l => l.Name)).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct()), 1000);
            o.UpdatedAt = now;
            var days = OrderRules.DaysOverdue(o.Status, o.PlanDueOn, o.FixDueOn, today);
            var history = new OrderTransition
            {
                OrderId = o.Id, UnitId = o.UnitId, Action = OrderAction.Escalated, FromStatus = o.Status, ToStatus = o.Status,
                Text = $"超期{days}天，升级至：{o.EscalatedTo}", By = actor.UserName, At = now,
            };
            db.OrderTransitions.Add(history);
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                await AdminGuard.AuditAsync(db, "OrderEscalated", nameof(SupervisionOrder), o.Id.ToString(CultureInfo.InvariantCulture),
                    new { code = o.Code, daysOverdue = days, escalatedTo = o.EscalatedTo }, ct);
                await tx.CommitAsync(ct);
                done.Add(o.Id);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed by someone at this moment (an answer, an acceptance): tomorrow's run looks again. Only this
                // order leaves the context; the others are still to be saved.
                db.Entry(o).State = EntityState.Detached;
                db.Entry(history).State = EntityState.Detached;
            }
        }
        return done.Count == 0 ? [] : await EscalatedAsync(db, o => done.Contains(o.Id), leaders, ct);
    }

    /// <summary>The orders escalated since a moment (in the caller's scope), with the people to notify.</summary>
    public async Task<IReadOnlyList<EscalatedOrder>> EscalatedSinceAsync(DateTimeOffset since, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        // Compared here: EF Core's SQLite provider cannot compare DateTimeOffset (escalations are few).
        var ids = (await db.SupervisionOrders.AsNoTracking().Where(o => o.EscalatedAt != null).Select(o => new { o.Id, o.EscalatedAt }).ToListAsync(ct))
            .Where(o => o.EscalatedAt >= since).Select(o => o.Id).ToList();
        return await EscalatedAsync(db, o => ids.Contains(o.Id), await CityLeadersAsync(db, ct), ct);
    }

    private static async Task<IReadOnlyList<EscalatedOrder>> EscalatedAsync(AppDbContext db, System.Linq.Expressions.Expression<Func<SupervisionOrder, bool>> which,
        List<(string Id, string Name)> leaders, CancellationToken ct)
    {
        var rows = await (from o in db.SupervisionOrders.AsNoTracking().Where(which)
                          join u in db.Units on o.UnitId equals u.Id
                          from p in db.Projects.Where(p => p.Id == o.ProjectId).DefaultIfEmpty()
                          orderby o.Id
                          select new { o, Unit = u.Name, Leader = p == null ? null : p.ResponsibleLeader }).ToListAsync(ct);
        return [.. rows.Select(r => new EscalatedOrder(r.o.Id, r.o.Code, r.o.UnitId, r.Unit, r.o.Problem, r.o.PlanDueOn, r.o.FixDueOn, r.o.Status,
            r.o.EscalatedAt!.Value, r.Leader, [.. leaders.Select(l => l.Id)], r.o.EscalatedTo ?? ""))];
    }

    /// <summary>The enabled users with role Leader whose unit is the city itself (市本级).</summary>
    private static async Task<List<(string Id, string Name)>> CityLeadersAsync(AppDbContext db, CancellationToken ct)
    {
        var list = await (from u in db.Users
                          join unit in db.Units on u.UnitId equals unit.Id
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where unit.Kind == UnitKind.City && r.Name == Roles.Leader && !u.IsDisabled
                          orderby u.UserName
                          select new { u.Id, u.DisplayName }).AsNoTracking().ToListAsync(ct);
        return [.. list.Select(l => (l.Id, l.DisplayName))];
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>The daily escalation run (08:30 China time): "2 张督办单超期升级".</summary>
public sealed class OrderEscalationJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OrderEscalationJob> logger) : ScheduledJob(scopes, clock, logger)
{
    public const string Key = "order-escalation";

    protected override Task<string> RunAsync(IServiceProvider services, CancellationToken ct) => RunOnceAsync(services, ct);

    /// <summary>The job's work in a scope acting as the system; the tests run it on a fixed clock.</summary>
    public static async Task<string> RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var escalated = await services.GetRequiredService<OrderEscalation>().EscalateAsync(ct);
        return Summary(escalated.Count);
    }

    public static string Summary(int count) => $"{count.ToString(CultureInfo.InvariantCulture)} 张督办单超期升级";
}

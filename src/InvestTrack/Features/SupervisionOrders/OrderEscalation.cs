using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Jobs;
using InvestTrack.Features.Notifications;
using InvestTrack.Features.Units;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.SupervisionOrders;

/// <summary>An escalated order and the users told of it.</summary>
public sealed record EscalatedOrder(int Id, string Code, int UnitId, string Unit, string Problem, DateOnly PlanDueOn, DateOnly FixDueOn, OrderStatus Status,
    DateTimeOffset EscalatedAt, string EscalatedTo, IReadOnlyList<string> NotifiedUserIds);

/// <summary>
/// 超期升级: an overdue order (OrderRules) is escalated once to the leaders in charge (包保领导) — the project's responsible
/// leader when it has a project, and the users with role Leader in the city unit: EscalatedAt and EscalatedTo are set,
/// a history row written and the change audited, in one transaction per order. An order already escalated is left as it
/// is, so a second run the same day (or a retried run) escalates nothing twice. In the same transaction a notice goes
/// (inbox, e-mail, the robot groups) to the city's leaders, the leaders and staff of the order's unit, and the city staff
/// (CityAdmin) who issue orders; the project's leader is a name on the project, not a user, so the notice names them.
/// </summary>
public sealed class OrderEscalation(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, TimeProvider clock, INotificationSender notices)
{
    public async Task<IReadOnlyList<EscalatedOrder>> EscalateAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var today = ChinaTime.Today(clock);
        var due = await OrderQueries.Overdue(db.SupervisionOrders, today).Where(o => o.EscalatedAt == null).OrderBy(o => o.Id).ToListAsync(ct);
        if (due.Count == 0) return [];
        var leaders = await CityLeadersAsync(db, ct);
        var staff = await StaffRecipients.InRolesAsync(db, [Roles.Leader, Roles.UnitUser, Roles.CityAdmin], ct);
        var unitIds = due.Select(o => o.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var projectIds = due.Where(o => o.ProjectId is not null).Select(o => o.ProjectId!.Value).Distinct().ToList();
        var projectLeaders = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.ResponsibleLeader, ct);
        var done = new List<EscalatedOrder>();
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
            var unit = units.GetValueOrDefault(o.UnitId) ?? "";
            var told = leaders.Select(l => l.Id)
                .Concat(staff.Where(s => s.Role == Roles.CityAdmin || (s.UnitId == o.UnitId && s.Role is Roles.Leader or Roles.UnitUser)).Select(s => s.UserId))
                .Distinct().ToList();
            await notices.AddAsync(db, new Recipients(told, Robots: true), $"督办单超期升级：{o.Code}",
                $"{unit}{o.Code}「{o.Problem}」超期{days}天（整改方案时限{DisplayFormat.Date(o.PlanDueOn, China)}，整改完成时限{DisplayFormat.Date(o.FixDueOn, China)}，"
                + $"当前状态：{StatusText(o.Status)}），已升级至：{o.EscalatedTo}。", $"/orders/{o.Id}", ct);
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                await AdminGuard.AuditAsync(db, "OrderEscalated", nameof(SupervisionOrder), o.Id.ToString(CultureInfo.InvariantCulture),
                    new { code = o.Code, daysOverdue = days, escalatedTo = o.EscalatedTo, notified = told.Count }, ct);
                await tx.CommitAsync(ct);
                done.Add(new EscalatedOrder(o.Id, o.Code, o.UnitId, unit, o.Problem, o.PlanDueOn, o.FixDueOn, o.Status, now, o.EscalatedTo, told));
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed by someone at this moment (an answer, an acceptance): tomorrow's run looks again. This order,
                // its history row and its notices leave the context; the other orders are still to be saved.
                db.Entry(o).State = EntityState.Detached;
                foreach (var added in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList()) added.State = EntityState.Detached;
            }
        }
        return done;
    }

    private static readonly CultureInfo China = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>The notice is in Chinese, as the orders' own wording (督办单 are Chinese documents).</summary>
    private static string StatusText(OrderStatus status) => status switch
    {
        OrderStatus.Issued => "已下发，整改方案未报",
        OrderStatus.PlanSubmitted => "整改方案已报，整改未完成",
        OrderStatus.Answered => "整改已报，待验收",
        _ => "已办结",
    };

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

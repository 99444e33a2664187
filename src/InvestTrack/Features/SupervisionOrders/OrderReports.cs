using InvestTrack.Data;
using InvestTrack.Features.Assessment;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.SupervisionOrders;

/// <summary>One order as the monthly bulletin lists it.</summary>
public sealed record BulletinOrder(int Id, string Code, int UnitId, string Unit, string Problem, DateOnly PlanDueOn, DateOnly FixDueOn, OrderStatus Status,
    DateOnly? ClosedOn, bool? ClosedOnTime, int DaysOverdue);

/// <summary>The month's orders for the bulletin: those overdue at the month's end, and those closed (accepted) in it.</summary>
public sealed record BulletinOrders(int Year, int Month, DateOnly AsOf, IReadOnlyList<BulletinOrder> Overdue, IReadOnlyList<BulletinOrder> Closed);

/// <summary>
/// For the monthly bulletin (Features/Bulletins, another branch) as plain records, through the caller's unit filter.
/// "Overdue at the month's end" is judged on the day after the month (or today while the month runs): a plan deadline
/// before that day with no plan submitted before it, or a fix deadline before it with no acceptance before it; the
/// submission is the latest one (a plan returned and submitted again after the month counts as not submitted then).
/// </summary>
public sealed class OrderReports(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<BulletinOrders> MonthAsync(int year, int month, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var today = ChinaTime.Today(clock);
        var asOf = last.AddDays(1) < today ? last.AddDays(1) : today;
        var asOfMoment = OrderQueries.StartOf(asOf);
        await using var db = dbFactory.CreateDbContext();
        // The dates narrow in SQL; the moments are compared here (EF Core's SQLite provider cannot compare DateTimeOffset).
        var candidates = (await db.SupervisionOrders.AsNoTracking()
                .Where(o => (o.PlanDueOn < asOf || o.FixDueOn < asOf) && (o.ClosedOn == null || o.ClosedOn >= asOf))
                .Select(o => new { o.Id, o.IssuedAt, o.PlanDueOn, o.PlanSubmittedAt, o.FixDueOn, o.ClosedOn }).ToListAsync(ct))
            .Where(o => o.IssuedAt < asOfMoment
                && ((o.PlanDueOn < asOf && (o.PlanSubmittedAt is null || o.PlanSubmittedAt >= asOfMoment))
                    || (o.FixDueOn < asOf && (o.ClosedOn is null || o.ClosedOn >= asOf))))
            .Select(o => o.Id).ToList();
        var overdue = await RowsAsync(db, db.SupervisionOrders.AsNoTracking().Where(o => candidates.Contains(o.Id)), ct);
        var closed = await RowsAsync(db, db.SupervisionOrders.AsNoTracking().Where(o => o.ClosedOn >= first && o.ClosedOn <= last), ct);
        return new BulletinOrders(year, month, asOf,
            [.. overdue.Select(o => o with { DaysOverdue = DaysAt(o, asOf) }).OrderByDescending(o => o.DaysOverdue).ThenBy(o => o.Id)],
            [.. closed.OrderBy(o => o.ClosedOn).ThenBy(o => o.Id)]);
    }

    /// <summary>Days from the first deadline missed as of the day, by the deadlines alone (the status may have moved since).</summary>
    private static int DaysAt(BulletinOrder o, DateOnly asOf) => asOf.DayNumber - (o.PlanDueOn < asOf ? o.PlanDueOn : o.FixDueOn).DayNumber;

    private static async Task<List<BulletinOrder>> RowsAsync(AppDbContext db, IQueryable<SupervisionOrder> q, CancellationToken ct)
    {
        var rows = await (from o in q
                          join u in db.Units on o.UnitId equals u.Id
                          select new { o.Id, o.Year, o.Number, o.UnitId, Unit = u.Name, o.Problem, o.PlanDueOn, o.FixDueOn, o.Status, o.ClosedOn }).ToListAsync(ct);
        return [.. rows.Select(r => new BulletinOrder(r.Id, OrderNumber.Format(r.Year, r.Number), r.UnitId, r.Unit, r.Problem, r.PlanDueOn, r.FixDueOn, r.Status,
            r.ClosedOn, r.ClosedOn is null ? null : OrderRules.ClosedOnTime(r.ClosedOn, r.FixDueOn), 0))];
    }
}

/// <summary>
/// 督办按期办结率 (orders-on-time), per unit for year Y, months 1 to M, in per cent: of the unit's orders whose fix
/// deadline (整改完成时限) falls between 1 January and the last day of month M, the share accepted (办结) on or before that
/// deadline, rounded to two decimals. A unit with no order due in the period has nothing to answer for and scores 100.
/// Orders due later in a month that has not ended yet count as not (yet) closed on time: a ranking is published only
/// after its month, when every deadline in the period has passed.
/// </summary>
public sealed class OrdersOnTimeSource : IAssessmentIndicatorSource
{
    public string Code => AssessmentIndicators.OrdersOnTime;

    public async Task<IReadOnlyDictionary<int, decimal>> ActualsAsync(IndicatorQuery query, CancellationToken ct)
    {
        var first = new DateOnly(query.Year, 1, 1);
        var last = new DateOnly(query.Year, query.Month, 1).AddMonths(1).AddDays(-1);
        var due = await query.Db.SupervisionOrders.AsNoTracking().Where(o => o.FixDueOn >= first && o.FixDueOn <= last)
            .GroupBy(o => o.UnitId)
            .Select(g => new { g.Key, Due = g.Count(), OnTime = g.Count(o => o.ClosedOn != null && o.ClosedOn <= o.FixDueOn) })
            .ToListAsync(ct);
        var units = await query.Db.Units.AsNoTracking().Where(u => u.IsActive).Select(u => u.Id).ToListAsync(ct);
        var rates = units.ToDictionary(id => id, _ => 100m);
        foreach (var g in due) rates[g.Key] = Rate(g.OnTime, g.Due);
        return rates;
    }

    /// <summary>Exact, as the contract wants percentages: rounded only when shown.</summary>
    public static decimal Rate(int onTime, int due) => due == 0 ? 100m : 100m * onTime / due;
}

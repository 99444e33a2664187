using InvestTrack.Data;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.SupervisionOrders;

/// <summary>One overdue order as the big screen lists it.</summary>
public sealed record ScreenOrder(int Id, string Code, string Unit, string Problem, int DaysOverdue, bool Escalated);

/// <summary>The overdue orders in the viewer's scope, most overdue first, and how many there are in all.</summary>
public sealed record ScreenOrders(IReadOnlyList<ScreenOrder> Rows, int Total);

/// <summary>Queries over orders shared by the list, the big screen, the escalation job and the bulletin. All go through the unit filter.</summary>
public static class OrderQueries
{
    /// <summary>OrderRules.IsOverdue as a query.</summary>
    public static IQueryable<SupervisionOrder> Overdue(IQueryable<SupervisionOrder> q, DateOnly today) =>
        q.Where(o => (o.Status == OrderStatus.Issued && o.PlanDueOn < today) || (o.Status != OrderStatus.Accepted && o.FixDueOn < today));

    public static async Task<ScreenOrders> ScreenAsync(AppDbContext db, DateOnly today, int take, CancellationToken ct)
    {
        var q = Overdue(db.SupervisionOrders.AsNoTracking(), today);
        var total = await q.CountAsync(ct);
        var rows = await (from o in q
                          join u in db.Units on o.UnitId equals u.Id
                          select new { o.Id, o.Year, o.Number, Unit = u.ShortName ?? u.Name, o.Problem, o.Status, o.PlanDueOn, o.FixDueOn, o.EscalatedAt })
            .ToListAsync(ct);
        return new ScreenOrders([.. rows
            .Select(r => new ScreenOrder(r.Id, OrderNumber.Format(r.Year, r.Number), r.Unit, Shorten(r.Problem, 24),
                OrderRules.DaysOverdue(r.Status, r.PlanDueOn, r.FixDueOn, today), r.EscalatedAt is not null))
            .OrderByDescending(r => r.DaysOverdue).ThenBy(r => r.Code, StringComparer.Ordinal).Take(take)], total);
    }

    /// <summary>The first <paramref name="max"/> characters (text elements, so that no character is cut in half) and "…".</summary>
    public static string Shorten(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ");
        var info = new System.Globalization.StringInfo(line);
        return info.LengthInTextElements <= max ? line : info.SubstringByTextElements(0, max) + "…";
    }

    /// <summary>China midnight starting <paramref name="date"/>, as the UTC moment stored times compare with.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
}

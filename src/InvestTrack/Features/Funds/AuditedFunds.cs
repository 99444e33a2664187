using InvestTrack.Data;
using InvestTrack.Features.ReferenceData;
using System.Linq.Expressions;

namespace InvestTrack.Features.Funds;

/// <summary>Audited funds of one project from one source over some months of one year (hundredths of a 万元).</summary>
public sealed class ProjectFunds
{
    public int ProjectId { get; init; }
    public int UnitId { get; init; }
    public OriginClass Source { get; init; }
    public long Amount { get; init; }
    /// <summary>The part of Amount in the last month of the span (本期 of a period 1..M).</summary>
    public long LastMonth { get; init; }
}

/// <summary>
/// 到位资金 as every figure counts it: audited records, read from the running year totals (FundsYearTotal), of the
/// whole city or exactly one unit's projects. The dispatch report, the dashboard, its drill-downs and the targets
/// start from this one query, so a figure and the list behind it always agree.
/// </summary>
public static class AuditedFunds
{
    /// <summary>Months <paramref name="firstMonth"/>..<paramref name="lastMonth"/> of the year; rows with funds only.</summary>
    public static IQueryable<ProjectFunds> In(AppDbContext db, int year, int firstMonth, int lastMonth, int? unitId)
    {
        if (firstMonth < 1 || firstMonth > lastMonth || lastMonth > 12) throw new ArgumentOutOfRangeException(nameof(firstMonth), $"{firstMonth}–{lastMonth}");
        var totals = db.FundsYearTotals.Where(t => t.Year == year);
        if (unitId is { } u) totals = totals.Where(t => t.UnitId == u);
        return totals.Select(Projection(firstMonth, lastMonth)).Where(f => f.Amount != 0);
    }

    /// <summary>t => new ProjectFunds { …, Amount = t.Through{last} − t.Through{first−1}, LastMonth = t.Through{last} − t.Through{last−1} }.</summary>
    private static Expression<Func<FundsYearTotal, ProjectFunds>> Projection(int firstMonth, int lastMonth)
    {
        var t = Expression.Parameter(typeof(FundsYearTotal), "t");
        Expression Column(int month) => Expression.Property(t, FundsYearTotal.Through(month));
        Expression Span(int first, int last) => first == 1 ? Column(last) : Expression.Subtract(Column(last), Column(first - 1));
        MemberAssignment Bind(string member, Expression value) => Expression.Bind(typeof(ProjectFunds).GetProperty(member)!, value);
        return Expression.Lambda<Func<FundsYearTotal, ProjectFunds>>(Expression.MemberInit(Expression.New(typeof(ProjectFunds)),
            Bind(nameof(ProjectFunds.ProjectId), Expression.Property(t, nameof(FundsYearTotal.ProjectId))),
            Bind(nameof(ProjectFunds.UnitId), Expression.Property(t, nameof(FundsYearTotal.UnitId))),
            Bind(nameof(ProjectFunds.Source), Expression.Property(t, nameof(FundsYearTotal.Source))),
            Bind(nameof(ProjectFunds.Amount), Span(firstMonth, lastMonth)),
            Bind(nameof(ProjectFunds.LastMonth), Span(lastMonth, lastMonth))), t);
    }

    /// <summary>Months 1..<paramref name="month"/> of the year ("1月至M月").</summary>
    public static IQueryable<ProjectFunds> ToMonth(AppDbContext db, int year, int month, int? unitId) => In(db, year, 1, month, unitId);
}

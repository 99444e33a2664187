using InvestTrack.Data;
using InvestTrack.Features.ReferenceData;
using Microsoft.EntityFrameworkCore;

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
        // A span k..M is Through{M} − Through{k−1}; from January on there is nothing to subtract.
        var through = FundsYearTotal.Through(lastMonth);
        var (fromJanuary, beforeFirst) = (firstMonth == 1, FundsYearTotal.Through(Math.Max(firstMonth - 1, 1)));
        var (lastIsJanuary, beforeLast) = (lastMonth == 1, FundsYearTotal.Through(Math.Max(lastMonth - 1, 1)));
        return totals.Select(t => new ProjectFunds
        {
            ProjectId = t.ProjectId,
            UnitId = t.UnitId,
            Source = t.Source,
            Amount = EF.Property<long>(t, through) - (fromJanuary ? 0 : EF.Property<long>(t, beforeFirst)),
            LastMonth = EF.Property<long>(t, through) - (lastIsJanuary ? 0 : EF.Property<long>(t, beforeLast)),
        }).Where(f => f.Amount != 0);
    }

    /// <summary>Months 1..<paramref name="month"/> of the year ("1月至M月").</summary>
    public static IQueryable<ProjectFunds> ToMonth(AppDbContext db, int year, int month, int? unitId) => In(db, year, 1, month, unitId);
}

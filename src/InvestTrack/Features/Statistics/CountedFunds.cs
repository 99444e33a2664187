using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;

namespace InvestTrack.Features.Statistics;

/// <summary>One project's audited funds of the counted source over months 1..M, with the project they belong to.</summary>
public sealed class CountedRow
{
    public required ProjectFunds Funds { get; init; }
    public required Project Project { get; init; }
    /// <summary>续建: started before 1 January of Y; every other project in scope is 新开工.</summary>
    public bool Continuing { get; init; }
}

/// <summary>
/// 省调度's counted funds (statistics.md): audited funds whose source is the counted one (省外), in months 1..M of
/// the year, of projects whose planned total investment is at least the threshold (1000万元), and which of them
/// continue (续建). The one place these rules are written: the dispatch figures, their lists and export, last year's
/// figure for the growth, the dashboard and its drill-down all start from this query and add only filters on its
/// members, joins, groupings or sums. One row per project: the totals are per year, source and project, and a
/// record's unit is always its project's.
/// </summary>
public static class CountedFunds
{
    /// <summary>Rows of <paramref name="projects"/> (the whole city within the user's scope, or one unit's) with counted funds.</summary>
    public static IQueryable<CountedRow> Of(AppDbContext db, IQueryable<Project> projects, Period period, StatisticsOptions options)
    {
        var (source, threshold, yearStart) = (options.CountedSource, options.DispatchThreshold, period.YearStart);
        // "!= null &&" keeps the flag true or false in SQL (never NULL), so that !Continuing means 新开工 there too.
        return from f in AuditedFunds.ToMonth(db, period.Year, period.Month, null)
               where f.Source == source
               join p in projects on f.ProjectId equals p.Id
               where p.PlannedInvestment >= threshold
               select new CountedRow { Funds = f, Project = p, Continuing = p.StartedOn != null && p.StartedOn < yearStart };
    }
}

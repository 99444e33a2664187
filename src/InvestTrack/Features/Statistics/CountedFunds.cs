using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;

namespace InvestTrack.Features.Statistics;

/// <summary>One project's audited funds of the counted source over months 1..M, with the project they belong to.</summary>
public sealed class CountedRow
{
    public required ProjectFunds Funds { get; init; }
    public required Project Project { get; init; }
}

/// <summary>
/// 省调度's counted funds (statistics.md): audited funds whose source is the counted one (省外), in months 1..M of
/// the year, of projects whose planned total investment is at least the threshold (1000万元). The one place this
/// rule is written: the dispatch figures, their list and export, last year's figure for the growth, the dashboard
/// and its drill-down all start from this query and add only joins, groupings or sums.
/// </summary>
public static class CountedFunds
{
    /// <summary>Rows of <paramref name="projects"/> (the whole city within the user's scope, or one unit's) with counted funds.</summary>
    public static IQueryable<CountedRow> Of(AppDbContext db, IQueryable<Project> projects, Period period, StatisticsOptions options)
    {
        var (source, threshold) = (options.CountedSource, options.DispatchThreshold);
        return from f in AuditedFunds.ToMonth(db, period.Year, period.Month, null)
               where f.Source == source
               join p in projects on f.ProjectId equals p.Id
               where p.PlannedInvestment >= threshold
               select new CountedRow { Funds = f, Project = p };
    }
}

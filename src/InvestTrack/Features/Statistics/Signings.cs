using InvestTrack.Features.Projects;

namespace InvestTrack.Features.Statistics;

/// <summary>A project signed in the period, with what the signing figures count of it.</summary>
public sealed class Signing
{
    public required Project Project { get; init; }
    public SigningKind Kind { get; init; }
    /// <summary>合同引资额 in hundredths of a 万元; 0 when none was given.</summary>
    public long Contracted { get; init; }
    /// <summary>亿元以上签约项目: a 项目合同 of at least the configured contracted investment.</summary>
    public bool Yi { get; init; }
}

/// <summary>
/// 签约 (statistics.md): projects whose signing date lies from 1 January of Y to the end of month M and that have a
/// signing kind (a date without a kind, which the rules forbid, is not counted), and among them the 亿元以上. The one
/// place these rules are written: the dispatch figures and rates, the dashboard, the targets' actuals and every
/// list behind them start from this query and add only filters on its members, groupings and sums.
/// </summary>
public static class Signings
{
    public static IQueryable<Signing> Of(IQueryable<Project> projects, Period period, StatisticsOptions options)
    {
        var (from, to, yi) = (period.YearStart, period.End, options.YiSigningThreshold);
        // "!= null &&" keeps each flag true or false in SQL (never NULL), so that its negation means what C# means.
        return projects.Where(p => p.SignedOn >= from && p.SignedOn <= to && p.SigningKind != null)
            .Select(p => new Signing
            {
                Project = p,
                Kind = p.SigningKind!.Value,
                Contracted = p.ContractedInvestment ?? 0,
                Yi = p.SigningKind == SigningKind.Contract && p.ContractedInvestment != null && p.ContractedInvestment >= yi,
            });
    }
}

using InvestTrack.Data;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.Statistics;

/// <summary>The dispatch report of a period: its figures, its paragraph and the projects behind each number.</summary>
public sealed record DispatchReportResult(DispatchFigures Figures, string Paragraph, IReadOnlyList<DispatchProjectRow> Projects);

/// <summary>One project behind a figure, in the province's list layout. Amounts are hundredths of a 万元.</summary>
public sealed record DispatchProjectRow(
    int Id, string Code, string Name, string Investor, string InvestorOrigin, string Unit, string? Industry,
    long PlannedInvestment, long PeriodFunds, long YearFunds, bool Continuing);

public enum DispatchReportError { None, Forbidden, BadPeriod, UnitNotFound }

/// <summary>
/// The one entry to the dispatch statistics for pages, the API, the export and the command line: checks the
/// right to view records server-side, resolves the unit within the user's scope (a foreign unit is "not
/// found"), and computes on a context of its own.
/// </summary>
public sealed class DispatchReport(IDbContextFactory<AppDbContext> contexts, CurrentUser user, IOptions<StatisticsOptions> options)
{
    public StatisticsOptions Options => options.Value;

    public async Task<(DispatchReportResult? Report, DispatchReportError Error)> ComputeAsync(int year, int month, int? unitId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (scope, error) = await ReportScope.ResolveAsync(db, user, year, month, unitId, ct);
        if (scope is not { Period: var period, UnitId: var unit, Name: var scopeName }) return (null, error);
        var (rows, counted) = await ProjectRowsAsync(db, unit, period, Options, ct);
        var figures = await DispatchQueries.ComputeAsync(db, period, unit, scopeName, Options, ct, counted);
        var template = await DispatchTemplates.EffectiveAsync(db, Options, ct);
        return (new DispatchReportResult(figures, DispatchText.Paragraph(figures, Options, template), rows), DispatchReportError.None);
    }

    /// <summary>A unit given by its code or its name (command line); null when there is none.</summary>
    public async Task<int?> FindUnitAsync(string codeOrName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var text = codeOrName.Trim();
        return await db.Units.Where(u => u.Code == text || u.Name == text || u.ShortName == text).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The in-scope projects with their counted funds (audited, counted source, the same rule as
    /// DispatchQueries.CountedFundsAsync): 本期 = month M alone, 本年 = months 1 to M, whose sum over the rows is
    /// the paragraph's 到位资金. One grouped query joined to the details, so that tens of thousands of projects
    /// never travel as a list of ids.
    /// </summary>
    private static async Task<(List<DispatchProjectRow> Rows, List<DispatchQueries.FundsRow> Counted)> ProjectRowsAsync(
        AppDbContext db, int? unitId, Period period, StatisticsOptions options, CancellationToken ct)
    {
        var (first, last, source, threshold) = (period.FirstMonth, period.LastMonth, options.CountedSource, options.DispatchThreshold);
        var projects = unitId is { } u ? db.Projects.Where(p => p.UnitId == u) : db.Projects;
        // Joined first and grouped by the project's columns, as the plain SQL of bench/ does: PostgreSQL hashes the
        // joined rows once instead of aggregating in every parallel worker and spilling to disk.
        var rows = await (from x in db.FundsRecords
                          where x.Status == Funds.FundsAuditStatus.Audited && x.Source == source && x.Period >= first && x.Period <= last
                          join p in projects on x.ProjectId equals p.Id
                          where p.PlannedInvestment >= threshold
                          join c in db.Companies on p.CompanyId equals c.Id
                          join un in db.Units on p.UnitId equals un.Id
                          join i in db.Industries on p.IndustryId equals i.Id into industries
                          from i in industries.DefaultIfEmpty()
                          group new { x.Amount, x.Period } by new { p.Id, p.Code, p.Name, Company = c.Name, c.Origin, Unit = un.Name, Industry = i == null ? null : i.Name, p.PlannedInvestment, p.StartedOn } into g
                          where g.Sum(x => x.Amount) > 0
                          orderby g.Key.Code
                          select new
                          {
                              g.Key.Id, g.Key.Code, g.Key.Name, g.Key.Company, g.Key.Origin, g.Key.Unit, g.Key.Industry, g.Key.PlannedInvestment, g.Key.StartedOn,
                              Month = g.Sum(x => x.Period == last ? x.Amount : 0L), Year = g.Sum(x => x.Amount),
                          }).ToListAsync(ct);
        return ([.. rows.Select(r => new DispatchProjectRow(r.Id, r.Code, r.Name, r.Company, r.Origin, r.Unit, r.Industry, r.PlannedInvestment,
                    r.Month, r.Year, r.StartedOn is { } started && started < period.YearStart))],
                [.. rows.Select(r => new DispatchQueries.FundsRow(r.Id, r.StartedOn, r.Year))]);
    }
}

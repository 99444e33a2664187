using InvestTrack.Data;
using InvestTrack.Features.Funds;
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
/// found"), and computes on contexts of its own.
/// </summary>
public sealed class DispatchReport(IDbContextFactory<AppDbContext> contexts, CurrentUser user, IOptions<StatisticsOptions> options)
{
    public StatisticsOptions Options => options.Value;

    /// <summary>The figures, the paragraph and the province's list of projects (the API and the .xlsx export).</summary>
    public Task<(DispatchReportResult? Report, DispatchReportError Error)> ComputeAsync(int year, int month, int? unitId, CancellationToken ct = default) =>
        ComputeAsync(year, month, unitId, withProjects: true, ct);

    /// <summary>
    /// The same figures and paragraph without the list (the page and the command line): the list is the report's
    /// largest query, and its tens of thousands of rows would sit in an open page's memory unused.
    /// </summary>
    public Task<(DispatchReportResult? Report, DispatchReportError Error)> FiguresAsync(int year, int month, int? unitId, CancellationToken ct = default) =>
        ComputeAsync(year, month, unitId, withProjects: false, ct);

    private async Task<(DispatchReportResult? Report, DispatchReportError Error)> ComputeAsync(int year, int month, int? unitId, bool withProjects, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (scope, error) = await ReportScope.ResolveAsync(db, user, year, month, unitId, ct);
        if (scope is not { Period: var period, UnitId: var unit, Name: var scopeName }) return (null, error);
        // The project list, the largest query, runs on a second connection while the other figures are read.
        await using var listDb = withProjects ? await contexts.CreateDbContextAsync(ct) : null;
        var list = listDb is null ? null : ProjectRowsAsync(listDb, unit, period, Options, ct);
        try
        {
            var figures = await DispatchQueries.ComputeAsync(db, period, unit, scopeName, Options, ct, list is null ? null : CountedOf(list));
            var template = await DispatchTemplates.EffectiveAsync(db, Options, ct);
            return (new DispatchReportResult(figures, DispatchText.Paragraph(figures, Options, template), list is null ? [] : (await list).Rows), DispatchReportError.None);
        }
        finally
        {
            if (list is not null) await Task.WhenAny(list); // never dispose its context under a running query
        }

        static async Task<List<DispatchQueries.FundsRow>> CountedOf(Task<(List<DispatchProjectRow> Rows, List<DispatchQueries.FundsRow> Counted)> list) =>
            (await list).Counted;
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
    /// the paragraph's 到位资金. One query of the running totals joined to the details, so that tens of thousands
    /// of projects never travel as a list of ids.
    /// </summary>
    private static async Task<(List<DispatchProjectRow> Rows, List<DispatchQueries.FundsRow> Counted)> ProjectRowsAsync(
        AppDbContext db, int? unitId, Period period, StatisticsOptions options, CancellationToken ct)
    {
        var (source, threshold) = (options.CountedSource, options.DispatchThreshold);
        var projects = ReportScope.ProjectsOf(db, unitId);
        var rows = await (from f in AuditedFunds.ToMonth(db, period.Year, period.Month, null)
                          where f.Source == source
                          join p in projects on f.ProjectId equals p.Id
                          where p.PlannedInvestment >= threshold
                          join c in db.Companies on p.CompanyId equals c.Id
                          join un in db.Units on p.UnitId equals un.Id
                          join i in db.Industries on p.IndustryId equals i.Id into industries
                          from i in industries.DefaultIfEmpty()
                          orderby p.Code
                          select new
                          {
                              p.Id, p.Code, p.Name, Company = c.Name, c.Origin, Unit = un.Name, Industry = i == null ? null : i.Name, p.PlannedInvestment, p.StartedOn,
                              f.Amount, f.LastMonth,
                          }).ToListAsync(ct);
        // Summed per project here rather than grouped in SQL (a third of the time): a project has more than one row
        // only while its records disagree on its unit.
        var list = rows.GroupBy(r => r.Id).Select(g => (Row: g.First(), Year: g.Sum(r => r.Amount), Month: g.Sum(r => r.LastMonth)))
            .Where(x => x.Year > 0).ToList();
        return ([.. list.Select(x => new DispatchProjectRow(x.Row.Id, x.Row.Code, x.Row.Name, x.Row.Company, x.Row.Origin, x.Row.Unit, x.Row.Industry,
                    x.Row.PlannedInvestment, x.Month, x.Year, x.Row.StartedOn is { } started && started < period.YearStart))],
                [.. list.Select(x => new DispatchQueries.FundsRow(x.Row.Id, x.Row.StartedOn, x.Year))]);
    }
}

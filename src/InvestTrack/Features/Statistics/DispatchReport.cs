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
public sealed class DispatchReport(IDbContextFactory<AppDbContext> contexts, CurrentUser user, IOptions<StatisticsOptions> options, FiguresCache? cache = null)
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
        if (scope is null) return (null, error);
        // Rights and unit are checked above for each request; the answer is the same for everyone of this unit scope.
        var key = FiguresKey.Of(withProjects ? FiguresKind.DispatchReport : FiguresKind.DispatchFigures, scope, user.UnitScope, Options);
        return (await (cache ?? FiguresCache.Off).GetOrComputeAsync(db, key, user, c => ComputeAsync(db, scope, withProjects, c), ct), DispatchReportError.None);
    }

    private async Task<DispatchReportResult> ComputeAsync(AppDbContext db, ReportScope scope, bool withProjects, CancellationToken ct)
    {
        var (period, unit, scopeName) = (scope.Period, scope.UnitId, scope.Name);
        // The project list, the largest query, runs on a second connection while the other figures are read.
        await using var listDb = withProjects ? await contexts.CreateDbContextAsync(ct) : null;
        var list = listDb is null ? null : ProjectRowsAsync(listDb, unit, period, Options, ct);
        try
        {
            var figures = await DispatchQueries.ComputeAsync(db, period, unit, scopeName, Options, ct, list is null ? null : CountedOf(list));
            var template = await DispatchTemplates.EffectiveAsync(db, Options, ct);
            return new DispatchReportResult(figures, DispatchText.Paragraph(figures, Options, template), list is null ? [] : (await list).Rows);
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
    /// The in-scope projects with their counted funds (<see cref="CountedFunds"/>): 本期 = month M alone, 本年 = months
    /// 1 to M, whose sum over the rows is the paragraph's 到位资金. One query of the running totals joined to the details, so that tens of thousands
    /// of projects never travel as a list of ids.
    /// </summary>
    private static async Task<(List<DispatchProjectRow> Rows, List<DispatchQueries.FundsRow> Counted)> ProjectRowsAsync(
        AppDbContext db, int? unitId, Period period, StatisticsOptions options, CancellationToken ct)
    {
        var rows = await (from c in CountedFunds.Of(db, ReportScope.ProjectsOf(db, unitId), period, options)
                          join co in db.Companies on c.Project.CompanyId equals co.Id
                          join un in db.Units on c.Project.UnitId equals un.Id
                          join i in db.Industries on c.Project.IndustryId equals i.Id into industries
                          from i in industries.DefaultIfEmpty()
                          orderby c.Project.Code
                          select new
                          {
                              c.Project.Id, c.Project.Code, c.Project.Name, Company = co.Name, co.Origin, Unit = un.Name, Industry = i == null ? null : i.Name,
                              c.Project.PlannedInvestment, c.Project.StartedOn, c.Funds.Amount, c.Funds.LastMonth,
                          }).ToListAsync(ct);
        // One row per project: the totals are per year, source and project, and a record's unit is always its project's.
        return ([.. rows.Select(r => new DispatchProjectRow(r.Id, r.Code, r.Name, r.Company, r.Origin, r.Unit, r.Industry,
                    r.PlannedInvestment, r.LastMonth, r.Amount, r.StartedOn is { } started && started < period.YearStart))],
                [.. rows.Select(r => new DispatchQueries.FundsRow(r.Id, r.StartedOn, r.Amount)).OrderBy(r => r.ProjectId)]);
    }
}

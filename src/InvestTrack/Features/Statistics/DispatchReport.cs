using System.Runtime.CompilerServices;
using InvestTrack.Data;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.Statistics;

/// <summary>The dispatch report of a period: its figures and its paragraph. The projects behind a figure are paged apart.</summary>
public sealed record DispatchReportResult(DispatchFigures Figures, string Paragraph);

/// <summary>One in-scope project in the province's list layout (the export). Amounts are hundredths of a 万元.</summary>
public sealed record DispatchProjectRow(
    int Id, string Code, string Name, string Investor, string InvestorOrigin, string Unit, string? Industry,
    long PlannedInvestment, long PeriodFunds, long YearFunds, bool Continuing);

public enum DispatchReportError { None, Forbidden, BadPeriod, UnitNotFound }

/// <summary>
/// The one entry to the dispatch statistics for pages, the API, the export and the command line: checks the
/// right to view records server-side, resolves the unit within the user's scope (a foreign unit is "not
/// found"), and computes on contexts of its own.
/// </summary>
public sealed class DispatchReport(IReadDbContextFactory contexts, CurrentUser user, IOptions<StatisticsOptions> options, FiguresCache? cache = null)
{
    public StatisticsOptions Options => options.Value;

    /// <summary>The figures and the paragraph of a period: the page, the API, the .xlsx export's second sheet and the command line.</summary>
    public async Task<(DispatchReportResult? Report, DispatchReportError Error)> ComputeAsync(int year, int month, int? unitId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (scope, error) = await ReportScope.ResolveAsync(db, user, year, month, unitId, ct);
        if (scope is null) return (null, error);
        // Rights and unit are checked above for each request; the answer is the same for everyone of this unit scope.
        // The data version is read on the context that computes, so a replica's answer is keyed by the replica's version.
        var key = FiguresKey.Of(FiguresKind.DispatchFigures, scope, user.UnitScope, Options);
        return (await (cache ?? FiguresCache.Off).GetOrComputeAsync(db, key, user, c => ComputeAsync(db, scope, c), ct), DispatchReportError.None);
    }

    private async Task<DispatchReportResult> ComputeAsync(AppDbContext db, ReportScope scope, CancellationToken ct)
    {
        var figures = await DispatchQueries.ComputeAsync(db, scope.Period, scope.UnitId, scope.Name, Options, ct);
        var template = await DispatchTemplates.EffectiveAsync(db, Options, ct);
        return new DispatchReportResult(figures, DispatchText.Paragraph(figures, Options, template));
    }

    /// <summary>
    /// A page of the projects behind one figure, sorted by project, with the figure's count and amount: one query of
    /// the figure's own rows (<see cref="DispatchQueries.RowsOf"/>), so that the list's total is always the figure.
    /// </summary>
    public async Task<(DispatchProjectsPage? Page, DispatchReportError Error)> ProjectsAsync(int year, int month, int? unitId, DispatchFigure figure,
        int page = 1, int pageSize = FigureList.DefaultPageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (scope, error) = await ReportScope.ResolveAsync(db, user, year, month, unitId, ct);
        if (scope is null) return (null, error);
        var rows = DispatchQueries.RowsOf(db, ReportScope.ProjectsOf(db, scope.UnitId), scope.Period, Options, figure);
        var total = await FigureList.TotalAsync(rows, ct);
        var list = total.Count == 0 ? [] : await FigureList.PageAsync(db, rows, FigureOrder.ByProject, page, pageSize, ct);
        return (new DispatchProjectsPage(figure, total.Count, total.Amount, page, pageSize, list), DispatchReportError.None);
    }

    /// <summary>
    /// The in-scope projects in the province's list layout, sorted by code, streamed from the database as the export
    /// writes them (never a list in memory): 本期 = month M alone, 本年 = months 1 to M, whose sum is the paragraph's
    /// 到位资金. Nothing when the period or the unit is refused; callers check with <see cref="ComputeAsync"/> first.
    /// </summary>
    public async IAsyncEnumerable<DispatchProjectRow> ListAsync(int year, int month, int? unitId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (scope, _) = await ReportScope.ResolveAsync(db, user, year, month, unitId, ct);
        if (scope is not { Period: var period }) yield break;
        var rows = from c in CountedFunds.Of(db, ReportScope.ProjectsOf(db, scope.UnitId), period, Options)
                   join co in db.Companies on c.Project.CompanyId equals co.Id
                   join un in db.Units on c.Project.UnitId equals un.Id
                   join i in db.Industries on c.Project.IndustryId equals i.Id into industries
                   from i in industries.DefaultIfEmpty()
                   orderby c.Project.Code
                   select new DispatchProjectRow(c.Project.Id, c.Project.Code, c.Project.Name, co.Name, co.Origin, un.Name, i == null ? null : i.Name,
                       c.Project.PlannedInvestment, c.Funds.LastMonth, c.Funds.Amount, c.Continuing);
        await foreach (var row in rows.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct)) yield return row;
    }

    /// <summary>A unit given by its code or its name (command line); null when there is none.</summary>
    public async Task<int?> FindUnitAsync(string codeOrName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var text = codeOrName.Trim();
        return await db.Units.Where(u => u.Code == text || u.Name == text || u.ShortName == text).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
    }
}

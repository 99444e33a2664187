using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Statistics;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Dashboard;

/// <summary>Which figure's records to list. The funds kinds list projects with their audited funds in the slice.</summary>
public enum DrillKind { Funds, DispatchFunds, Signings, YiSignings, Starts, Production, Month, Unit, Industry, Origin }

/// <summary>
/// The records behind one figure of months 1..M of Year (Month: the single month given by Key, 1–12; Unit,
/// Industry, Origin: the slice key of the chart, e.g. U:3, I:12, P:110000).
/// </summary>
public sealed record DrillRequest(DrillKind Kind, int Year, int Month, int? UnitId = null, string? Key = null)
{
    public int? MonthKey => Kind == DrillKind.Month && int.TryParse(Key, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12 ? m : null;

    public bool HasValidKey => Kind switch
    {
        DrillKind.Month => MonthKey is not null,
        DrillKind.Unit => SliceKey.IntOf(Key, 'U') is not null,
        DrillKind.Industry => SliceKey.IndustryNameOf(Key) is not null,
        DrillKind.Origin => Key is SliceKey.UnknownOrigin || Key is { Length: > 2 and <= 12 } && Key[1] == ':' && Key[0] is 'P' or 'C',
        _ => true,
    };
}

/// <summary>
/// A page of the records behind a figure: Count and Total are the whole figure's (the number that was clicked), Rows
/// the page's projects, largest share first.
/// </summary>
public sealed record DrillResult(DrillRequest Request, string ScopeName, string PeriodLabel, int Count, long Total, int Page, int PageSize, IReadOnlyList<FigureProject> Rows)
{
    /// <summary>The unit's or the origin's name, as the chart showed it.</summary>
    public string? SliceName { get; init; }
}

/// <summary>
/// The records behind a figure: the figure's own query (AuditedFunds, CountedFunds, Signings, Starts,
/// DispatchQueries.InProduction) per project, counted, summed and paged in SQL, so that the list's total is the
/// number that was clicked and only the page shown is read.
/// </summary>
public static class DashboardDrill
{
    public static async Task<DrillResult> PageAsync(AppDbContext db, DrillRequest request, Period period, string scopeName, SliceNames names, StatisticsOptions options,
        int page, int pageSize, CancellationToken ct)
    {
        var rows = RowsOf(db, request, period, options);
        var total = await FigureList.TotalAsync(rows, ct);
        var list = total.Count == 0 ? [] : await FigureList.PageAsync(db, rows, FigureOrder.LargestFirst, page, pageSize, ct);
        var label = request.MonthKey is { } m ? string.Create(CultureInfo.InvariantCulture, $"{period.Year}年{m}月") : period.ToString();
        return new DrillResult(request, scopeName, label, total.Count, total.Amount, page, pageSize, list) { SliceName = await SliceNameAsync(db, request, names, ct) };
    }

    /// <summary>Each project behind the figure with its share of it; the funds kinds sum a project's sources.</summary>
    public static IQueryable<ProjectAmount> RowsOf(AppDbContext db, DrillRequest request, Period period, StatisticsOptions options)
    {
        var unitId = request.UnitId;
        var projects = ReportScope.ProjectsOf(db, unitId);
        var toMonth = AuditedFunds.ToMonth(db, period.Year, period.Month, unitId);
        return request.Kind switch
        {
            DrillKind.Funds => ByProject(toMonth),
            DrillKind.Month => ByProject(AuditedFunds.In(db, period.Year, request.MonthKey!.Value, request.MonthKey!.Value, unitId)),
            DrillKind.Unit => ByProject(toMonth.Where(f => f.UnitId == SliceKey.IntOf(request.Key, 'U'))),
            DrillKind.Industry => ByProject(InIndustry(db, toMonth, SliceKey.IndustryNameOf(request.Key)!)),
            DrillKind.Origin => ByProject(FromOrigin(db, toMonth, request.Key!)),
            DrillKind.DispatchFunds => DispatchQueries.RowsOf(db, projects, period, options, DispatchFigure.InScope),
            DrillKind.Signings => DispatchQueries.ContractedAmounts(Signings.Of(projects, period, options)),
            DrillKind.YiSignings => DispatchQueries.RowsOf(db, projects, period, options, DispatchFigure.YiSignings),
            DrillKind.Starts => DispatchQueries.RowsOf(db, projects, period, options, DispatchFigure.Starts),
            DrillKind.Production => DispatchQueries.RowsOf(db, projects, period, options, DispatchFigure.InProduction),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Kind, null),
        };
    }

    private static async Task<string?> SliceNameAsync(AppDbContext db, DrillRequest request, SliceNames names, CancellationToken ct)
    {
        var key = request.Key ?? "";
        var code = key.Length > 2 ? key[2..] : "";
        return request.Kind switch
        {
            DrillKind.Unit => await db.Units.Where(u => u.Id == SliceKey.IntOf(key, 'U'))
                .Select(u => u.Kind == Units.UnitKind.City ? names.CityLevel : u.Name).SingleOrDefaultAsync(ct),
            DrillKind.Origin when key.StartsWith("P:", StringComparison.Ordinal) => await db.Provinces.Where(p => p.Code == code).Select(p => p.Name).SingleOrDefaultAsync(ct) ?? code,
            DrillKind.Origin when key.StartsWith("C:", StringComparison.Ordinal) => await db.Countries.Where(c => c.Code == code).Select(c => c.Name).SingleOrDefaultAsync(ct) ?? code,
            DrillKind.Origin => names.UnknownOrigin,
            _ => null,
        };
    }

    /// <summary>A project's funds of every source in the slice, projects with none left out.</summary>
    private static IQueryable<ProjectAmount> ByProject(IQueryable<ProjectFunds> funds) =>
        funds.GroupBy(f => f.ProjectId).Select(g => new ProjectAmount { ProjectId = g.Key, Amount = g.Sum(f => f.Amount) }).Where(r => r.Amount != 0);

    /// <summary>Funds of projects in industries of that name (any year's catalog), or of projects without one ("").</summary>
    private static IQueryable<ProjectFunds> InIndustry(AppDbContext db, IQueryable<ProjectFunds> funds, string name) => name.Length == 0
        ? from f in funds join p in db.Projects on f.ProjectId equals p.Id where p.IndustryId == null select f
        : from f in funds join p in db.Projects on f.ProjectId equals p.Id join i in db.Industries on p.IndustryId equals i.Id where i.Name == name select f;

    private static IQueryable<ProjectFunds> FromOrigin(AppDbContext db, IQueryable<ProjectFunds> funds, string key)
    {
        var code = key.Length > 2 ? key[2..] : "";
        var withInvestor = from f in funds join p in db.Projects on f.ProjectId equals p.Id join c in db.Companies on p.CompanyId equals c.Id select new { f, c };
        var noProvince = withInvestor.Where(x => x.c.OriginProvinceCode == null || x.c.OriginProvinceCode == "");
        return (key[0] switch
        {
            'P' => withInvestor.Where(x => x.c.OriginProvinceCode == code),
            'C' => noProvince.Where(x => x.c.OriginCountryCode == code),
            _ => noProvince.Where(x => x.c.OriginCountryCode == null || x.c.OriginCountryCode == ""),
        }).Select(x => x.f);
    }
}

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

/// <summary>A project behind a figure and its share of it (funds, contracted or planned investment, hundredths of a 万元).</summary>
public sealed record DrillAmount(int ProjectId, long Amount);

/// <summary>The whole list behind a figure: Total is the figure itself; Rows are sorted by amount, largest first.</summary>
public sealed record DrillResult(DrillRequest Request, string ScopeName, string PeriodLabel, int Count, long Total, IReadOnlyList<DrillAmount> Rows)
{
    /// <summary>The unit's or the origin's name, as the chart showed it.</summary>
    public string? SliceName { get; init; }
}

public sealed record DrillProject(int Id, string Code, string Name, string Investor, string UnitName, ProjectStage Stage, ProjectStatus Status, long PlannedInvestment);

/// <summary>
/// Recomputes a figure's records with the same queries as the figure (AuditedFunds, DispatchQueries), so that
/// the list's total is the number that was clicked.
/// </summary>
public static class DashboardDrill
{
    public static async Task<DrillResult> RowsAsync(AppDbContext db, DrillRequest request, Period period, string scopeName, SliceNames names, StatisticsOptions options, CancellationToken ct)
    {
        var unitId = request.UnitId;
        var projects = ReportScope.ProjectsOf(db, unitId);
        List<DrillAmount> rows = request.Kind switch
        {
            DrillKind.Funds => await SumByProjectAsync(AuditedFunds.ToMonth(db, period.Year, period.Month, unitId), ct),
            DrillKind.Month => await SumByProjectAsync(AuditedFunds.In(db, period.Year, request.MonthKey!.Value, request.MonthKey!.Value, unitId), ct),
            DrillKind.Unit => await SumByProjectAsync(AuditedFunds.ToMonth(db, period.Year, period.Month, unitId).Where(f => f.UnitId == SliceKey.IntOf(request.Key, 'U')), ct),
            DrillKind.Industry => await SumByProjectAsync(InIndustry(db, AuditedFunds.ToMonth(db, period.Year, period.Month, unitId), SliceKey.IndustryNameOf(request.Key)!), ct),
            DrillKind.Origin => await SumByProjectAsync(FromOrigin(db, AuditedFunds.ToMonth(db, period.Year, period.Month, unitId), request.Key!), ct),
            DrillKind.DispatchFunds => [.. (await DispatchQueries.CountedFundsAsync(db, projects, period, options, ct)).Select(r => new DrillAmount(r.ProjectId, r.Amount))],
            DrillKind.Signings => [.. (await DispatchQueries.SignedAsync(projects, period, ct)).Select(s => new DrillAmount(s.Id, s.Contracted ?? 0))],
            DrillKind.YiSignings => [.. (await DispatchQueries.SignedAsync(projects, period, ct))
                .Where(s => s.Kind == SigningKind.Contract && s.Contracted >= options.YiSigningThreshold).Select(s => new DrillAmount(s.Id, s.Contracted ?? 0))],
            DrillKind.Starts => await PlannedOfAsync(projects, await Starts.FigureAsync(db, projects, period, options, ct), ct),
            DrillKind.Production => await PlannedOfAsync(projects, await DispatchQueries.InProductionAsync(projects, period, ct), ct),
            _ => [],
        };
        rows = [.. rows.OrderByDescending(r => r.Amount).ThenBy(r => r.ProjectId)];
        var label = request.MonthKey is { } m ? string.Create(CultureInfo.InvariantCulture, $"{period.Year}年{m}月") : period.ToString();
        return new DrillResult(request, scopeName, label, rows.Count, rows.Sum(r => r.Amount), rows) { SliceName = await SliceNameAsync(db, request, names, ct) };
    }

    private static async Task<string?> SliceNameAsync(AppDbContext db, DrillRequest request, SliceNames names, CancellationToken ct)
    {
        var key = request.Key ?? "";
        var code = key.Length > 2 ? key[2..] : "";
        return request.Kind switch
        {
            DrillKind.Unit => await db.Units.Where(u => u.Id == SliceKey.IntOf(key, 'U')).Select(u => u.Name).SingleOrDefaultAsync(ct),
            DrillKind.Origin when key.StartsWith("P:", StringComparison.Ordinal) => await db.Provinces.Where(p => p.Code == code).Select(p => p.Name).SingleOrDefaultAsync(ct) ?? code,
            DrillKind.Origin when key.StartsWith("C:", StringComparison.Ordinal) => await db.Countries.Where(c => c.Code == code).Select(c => c.Name).SingleOrDefaultAsync(ct) ?? code,
            DrillKind.Origin => names.UnknownOrigin,
            _ => null,
        };
    }

    /// <summary>Details of a page of the list, in the order of the ids given.</summary>
    public static async Task<List<DrillProject>> ProjectsAsync(AppDbContext db, IReadOnlyList<int> ids, CancellationToken ct)
    {
        var list = ids.ToList();
        var rows = await (from p in db.Projects.Where(p => list.Contains(p.Id))
                          join c in db.Companies on p.CompanyId equals c.Id
                          join u in db.Units on p.UnitId equals u.Id
                          select new DrillProject(p.Id, p.Code, p.Name, c.Name, u.Name, p.Stage, p.Status, p.PlannedInvestment)).ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.Id);
        return [.. list.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    private static async Task<List<DrillAmount>> SumByProjectAsync(IQueryable<ProjectFunds> funds, CancellationToken ct) =>
        [.. (await funds.GroupBy(f => f.ProjectId).Select(g => new { g.Key, Amount = g.Sum(f => f.Amount) }).ToListAsync(ct))
            .Where(r => r.Amount != 0).Select(r => new DrillAmount(r.Key, r.Amount))];

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

    private static async Task<List<DrillAmount>> PlannedOfAsync(IQueryable<Project> projects, Figure figure, CancellationToken ct)
    {
        var ids = figure.ProjectIds.ToList();
        var planned = await projects.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.PlannedInvestment }).ToListAsync(ct);
        return [.. planned.Select(p => new DrillAmount(p.Id, p.PlannedInvestment))];
    }
}

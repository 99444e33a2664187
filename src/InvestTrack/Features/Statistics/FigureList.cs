using InvestTrack.Data;
using InvestTrack.Features.Projects;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Statistics;

/// <summary>
/// One project behind a figure and its share of it: counted or audited funds, contracted or planned investment
/// (hundredths of a 万元). A class with settable members, not a positional record, so that EF Core can sort, filter
/// and sum what a figure's query selects into it.
/// </summary>
public sealed class ProjectAmount
{
    public int ProjectId { get; init; }
    public long Amount { get; init; }
}

/// <summary>A project behind a figure as a list shows it; Amount is its share of the figure.</summary>
public sealed record FigureProject(int Id, string Code, string Name, string Investor, string UnitName, ProjectStage Stage, ProjectStatus Status,
    long PlannedInvestment, long Amount);

/// <summary>How a figure's list is sorted: by project (the dispatch's lists), or largest share first (the dashboard's).</summary>
public enum FigureOrder { ByProject, LargestFirst }

/// <summary>
/// The list behind a figure, a page at a time: the figure's own query (the rows it counts and sums) is counted,
/// summed and paged in SQL, and only the page's projects are read with their details. So the list's count and
/// total are the figure's, and a province's figure of 80 000 projects never travels whole.
/// </summary>
public static class FigureList
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>Count and sum of the rows, in one statement.</summary>
    public static async Task<Figure> TotalAsync(IQueryable<ProjectAmount> rows, CancellationToken ct) =>
        await rows.GroupBy(r => 1).Select(g => new Figure(g.Count(), g.Sum(r => r.Amount))).SingleOrDefaultAsync(ct) ?? Figure.Empty;

    /// <summary>Page <paramref name="page"/> (from 1) of <paramref name="pageSize"/> rows; a page past the end is empty.</summary>
    public static async Task<List<FigureProject>> PageAsync(AppDbContext db, IQueryable<ProjectAmount> rows, FigureOrder order, int page, int pageSize, CancellationToken ct)
    {
        if (pageSize <= 0 || Paging.Skip(page, pageSize) is not { } skip) return [];
        var list = await Details(db, Sorted(rows, order).Skip(skip).Take(pageSize)).ToListAsync(ct);
        // The joins to the details may reorder the page's rows: sort them again, as the page was cut.
        return order == FigureOrder.LargestFirst ? [.. list.OrderByDescending(p => p.Amount).ThenBy(p => p.Id)] : [.. list.OrderBy(p => p.Id)];
    }

    /// <summary>Every row with its details, sorted, for an export that streams them (AsAsyncEnumerable).</summary>
    public static IQueryable<FigureProject> All(AppDbContext db, IQueryable<ProjectAmount> rows, FigureOrder order)
    {
        var joined = Joined(db, rows);
        var sorted = order == FigureOrder.LargestFirst ? joined.OrderByDescending(x => x.Row.Amount).ThenBy(x => x.Project.Id) : joined.OrderBy(x => x.Project.Id);
        return sorted.Select(Shown);
    }

    private static IOrderedQueryable<ProjectAmount> Sorted(IQueryable<ProjectAmount> rows, FigureOrder order) =>
        order == FigureOrder.LargestFirst ? rows.OrderByDescending(r => r.Amount).ThenBy(r => r.ProjectId) : rows.OrderBy(r => r.ProjectId);

    private static IQueryable<FigureProject> Details(AppDbContext db, IQueryable<ProjectAmount> rows) => Joined(db, rows).Select(Shown);

    /// <summary>Each row's project, investor and unit; the unit filter of the user applies to the projects as to every read.</summary>
    private static IQueryable<Joint> Joined(AppDbContext db, IQueryable<ProjectAmount> rows) =>
        from r in rows
        join p in db.Projects on r.ProjectId equals p.Id
        join c in db.Companies on p.CompanyId equals c.Id
        join u in db.Units on p.UnitId equals u.Id
        select new Joint { Row = r, Project = p, Investor = c.Name, UnitName = u.Name };

    private static readonly System.Linq.Expressions.Expression<Func<Joint, FigureProject>> Shown = x =>
        new FigureProject(x.Project.Id, x.Project.Code, x.Project.Name, x.Investor, x.UnitName, x.Project.Stage, x.Project.Status, x.Project.PlannedInvestment, x.Row.Amount);

    private sealed class Joint
    {
        public required ProjectAmount Row { get; init; }
        public required Project Project { get; init; }
        public required string Investor { get; init; }
        public required string UnitName { get; init; }
    }
}

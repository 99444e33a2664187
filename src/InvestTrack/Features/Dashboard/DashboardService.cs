using System.Runtime.CompilerServices;
using InvestTrack.Data;
using InvestTrack.Features.Statistics;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.Dashboard;

public enum DashboardError { None, Forbidden, BadPeriod, UnitNotFound }

/// <summary>
/// The one entry to the dashboard's figures and the records behind them, for the pages and the API: checks the
/// right to view records server-side and resolves the unit within the user's scope exactly as the dispatch
/// report does (a unit user without a chosen unit gets the own unit; a foreign unit is "not found").
/// </summary>
public sealed class DashboardService(IReadDbContextFactory contexts, CurrentUser user, IOptions<StatisticsOptions> options, TimeProvider clock,
    Microsoft.Extensions.Localization.IStringLocalizer<Resources.DashboardResource> t, FiguresCache? cache = null,
    IOptions<Leads.LeadOptions>? leadOptions = null)
{
    /// <summary>In the language of the request or circuit that asks.</summary>
    private SliceNames Names => new(t["Slice.NoIndustry"], t["Slice.UnknownOrigin"], t["Dashboard.CityLevel"]);

    /// <summary>What a page says for an error; null when there is none.</summary>
    public static string? Describe(DashboardError error, Microsoft.Extensions.Localization.IStringLocalizer<Resources.DashboardResource> t) => error switch
    {
        DashboardError.None => null,
        DashboardError.BadPeriod => t["Dashboard.BadPeriod"].Value,
        DashboardError.Forbidden => t["Dashboard.Forbidden"].Value,
        _ => t["Dashboard.NotFound"].Value,
    };

    /// <summary>The dashboard's and the big screen's default period: the last complete month in the city (UTC+8), as the dispatch report's.</summary>
    public (int Year, int Month) DefaultPeriod() => Period.LastCompleteMonth(Today);

    public async Task<(DashboardFigures? Figures, DashboardError Error)> ComputeAsync(int year, int month, int? unitId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (scope, error) = await ResolveAsync(db, year, month, unitId, ct);
        if (scope is null) return (null, error);
        // Checked above for each request; the figures are the same for everyone of this unit scope and language (slice names).
        // The lead row's overdue clocks depend on today and its big leads on the configured size: both are in the key.
        var (today, bigLead) = (Today, BigLead);
        var key = FiguresKey.Of(FiguresKind.Dashboard, scope, user.UnitScope, options.Value, System.Globalization.CultureInfo.CurrentUICulture.Name);
        key = key with { Settings = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{key.Settings}|{today:yyyy-MM-dd}|{bigLead}") };
        var figures = await (cache ?? FiguresCache.Off).GetOrComputeAsync(db, key, user, async c =>
            await DashboardQueries.ComputeAsync(db, contexts, scope.Period, scope.UnitId, scope.Name, Names, options.Value, clock, c) with
            {
                Outreach = await DashboardOutreach.ComputeAsync(db, scope.Period, scope.UnitId, today, bigLead, c),
            }, ct);
        return (figures, DashboardError.None);
    }

    private DateOnly Today => Kernel.ChinaTime.Today(clock);

    private long BigLead => (leadOptions?.Value ?? new Leads.LeadOptions()).BigLeadHundredths;

    /// <summary>A page of the leads behind a lead figure (page from 1; a page size of 0 gives the count alone), in the dashboard's scope.</summary>
    public async Task<(OutreachLeadPage? Result, DashboardError Error)> LeadsAsync(LeadDrillKind kind, int year, int month, int? unitId, int page = 1,
        int pageSize = FigureList.DefaultPageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (scope, error) = await ResolveAsync(db, year, month, unitId, ct);
        if (scope is null) return (null, error);
        if (!Enum.IsDefined(kind)) return (null, DashboardError.UnitNotFound);
        var today = Today;
        var (count, rows) = await DashboardOutreach.PageAsync(db, DashboardOutreach.LeadsOf(db, kind, scope.Period, scope.UnitId, today, BigLead), today, page, pageSize, ct);
        return (new OutreachLeadPage(kind, year, month, scope.UnitId, scope.Name, count, page, pageSize, rows), DashboardError.None);
    }

    /// <summary>
    /// A page of the records behind a figure (page from 1; a page size of 0 gives the figure's count and total alone), read
    /// with the figure's own query so that the list's total is the number that was clicked.
    /// </summary>
    public async Task<(DrillResult? Result, DashboardError Error)> DrillAsync(DrillRequest request, int page = 1, int pageSize = FigureList.DefaultPageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (scope, error) = await ResolveDrillAsync(db, request, ct);
        if (scope is null) return (null, error);
        return (await DashboardDrill.PageAsync(db, request with { UnitId = scope.UnitId }, scope.Period, scope.Name, Names, options.Value, page, pageSize, ct), DashboardError.None);
    }

    /// <summary>
    /// Every record behind a figure, largest first, streamed from the database as an export writes them (never a list in
    /// memory). Nothing when the request is refused; callers check it with <see cref="DrillAsync"/> first.
    /// </summary>
    public async IAsyncEnumerable<FigureProject> RowsAsync(DrillRequest request, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (scope, _) = await ResolveDrillAsync(db, request, ct);
        if (scope is null) yield break;
        var rows = DashboardDrill.RowsOf(db, request with { UnitId = scope.UnitId }, scope.Period, options.Value);
        await foreach (var row in FigureList.All(db, rows, FigureOrder.LargestFirst).AsAsyncEnumerable().WithCancellation(ct)) yield return row;
    }

    private async Task<(ReportScope? Scope, DashboardError Error)> ResolveDrillAsync(AppDbContext db, DrillRequest request, CancellationToken ct)
    {
        var (scope, error) = await ResolveAsync(db, request.Year, request.Month, request.UnitId, ct);
        if (scope is null) return (null, error);
        // A key with characters no stored name has (NUL, controls) is no slice, and never reaches SQL.
        if (!request.HasValidKey || request.Key is { } key && Kernel.TextInput.Search(key) != key) return (null, DashboardError.UnitNotFound);
        return (scope, DashboardError.None);
    }

    /// <summary>
    /// The unit chooser's choices, in the city's order: 全市 (no unit) first for those who see the whole city, then the
    /// visible units, the city's own level named 市本级. A county's user is offered its own units only, never 全市: the
    /// figures of no chosen unit are the own unit's (ReportScope).
    /// </summary>
    public async Task<List<(int? Id, string Name)>> UnitChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var units = await db.Units.OrderBy(u => u.SortOrder).ThenBy(u => u.Id).Select(u => new { u.Id, u.Name, u.Kind }).ToListAsync(ct);
        var visible = units.Where(u => user.UnitScope.Contains(u.Id)).Select(u => ((int?)u.Id, u.Kind == Units.UnitKind.City ? Names.CityLevel : u.Name));
        return user.UnitScope.All ? [(null, t["Dashboard.WholeCity"].Value), .. visible] : [.. visible];
    }

    /// <summary>The same checks and unit resolution as the dispatch report (ReportScope).</summary>
    private async Task<(ReportScope? Scope, DashboardError Error)> ResolveAsync(AppDbContext db, int year, int month, int? unitId, CancellationToken ct)
    {
        var (scope, error) = await ReportScope.ResolveAsync(db, user, year, month, unitId, ct);
        return (scope, error switch
        {
            DispatchReportError.None => DashboardError.None,
            DispatchReportError.Forbidden => DashboardError.Forbidden,
            DispatchReportError.BadPeriod => DashboardError.BadPeriod,
            _ => DashboardError.UnitNotFound,
        });
    }
}

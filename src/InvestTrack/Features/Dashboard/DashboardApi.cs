using System.Globalization;
using System.Text.Json;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Statistics;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.Dashboard;

/// <summary>
/// GET /api/dashboard (the figures), GET /api/dashboard/records (the records behind one figure, paged) and its
/// export, GET /api/dashboard/leads (the leads behind a lead figure, paged). The same service as the pages: unit scope, rights and period checks are server-side.
/// </summary>
public static class DashboardApi
{
    public const int MaxPageSize = FigureList.MaxPageSize;

    public static void MapDashboardApi(this RouteGroupBuilder api)
    {
        api.MapGet("/dashboard", async Task<Results<Ok<DashboardFigures>, NotFound, ValidationProblem, ForbidHttpResult>> (
                int? year, int? month, int? unitId, DashboardService dashboard, CancellationToken ct) =>
            {
                var (y, m) = dashboard.DefaultPeriod();
                var (figures, error) = await dashboard.ComputeAsync(year ?? y, month ?? m, unitId, ct);
                return figures is null ? Failure<DashboardFigures>(error) : TypedResults.Ok(figures);
            })
            .WithTags("Dashboard").WithName("Dashboard").RequireAuthorization(nameof(Operation.ViewRecords));

        api.MapGet("/dashboard/records", async Task<Results<Ok<DrillResult>, NotFound, ValidationProblem, ForbidHttpResult>> (
                DrillKind kind, int year, int month, int? unitId, string? key, int? page, int? pageSize, DashboardService dashboard, CancellationToken ct) =>
            {
                var size = Math.Clamp(pageSize ?? FigureList.DefaultPageSize, 1, MaxPageSize);
                var (result, error) = await dashboard.DrillAsync(new DrillRequest(kind, year, month, unitId, key), Math.Max(page ?? 1, 1), size, ct);
                return result is null ? Failure<DrillResult>(error) : TypedResults.Ok(result);
            })
            .WithTags("Dashboard").WithName("DashboardRecords").RequireAuthorization(nameof(Operation.ViewRecords));

        api.MapGet("/dashboard/leads", async Task<Results<Ok<OutreachLeadPage>, NotFound, ValidationProblem, ForbidHttpResult>> (
                LeadDrillKind kind, int year, int month, int? unitId, int? page, int? pageSize, DashboardService dashboard, CancellationToken ct) =>
            {
                var size = Math.Clamp(pageSize ?? FigureList.DefaultPageSize, 1, MaxPageSize);
                var (result, error) = await dashboard.LeadsAsync(kind, year, month, unitId, Math.Max(page ?? 1, 1), size, ct);
                return result is null ? Failure<OutreachLeadPage>(error) : TypedResults.Ok(result);
            })
            .WithTags("Dashboard").WithName("DashboardLeads").RequireAuthorization(nameof(Operation.ViewRecords));

        // The page's download link: a plain GET that writes nothing but the audit entry of the export.
        api.MapGet("/dashboard/records/export.{format}", async (string format, DrillKind kind, int year, int month, int? unitId, string? key,
            DashboardService dashboard, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
        {
            if (format is not ("xlsx" or "csv")) return Results.NotFound();
            // The figure's count and total first (no rows): the audit entry names the rows the file will hold.
            var (result, error) = await dashboard.DrillAsync(new DrillRequest(kind, year, month, unitId, key), 1, 0, ct);
            if (result is null) return error == DashboardError.BadPeriod ? Results.BadRequest() : Results.NotFound();
            await audit.WriteAsync("Export", "DashboardRecords", details: JsonSerializer.Serialize(new { kind = kind.ToString(), year, month, unitId = result.Request.UnitId, key, rows = result.Count }), ct: ct);
            var stamp = ExportFile.Stamp(clock);
            var period = string.Create(CultureInfo.InvariantCulture, $"{year}{month:00}");
            return ExportFile.Of(ExportSheet.Of("数据明细", dashboard.RowsAsync(result.Request), ExportColumns), format == "csv", $"看板数据明细-{period}-{stamp}", $"dashboard-{kind}-{period}-{stamp}");
        }).WithTags("Dashboard").RequireAuthorization(nameof(Operation.ExportRecords));
    }

    /// <summary>金额 is the figure's own amount for each record: the column sums to the figure's total.</summary>
    public static readonly IReadOnlyList<ExportColumn<FigureProject>> ExportColumns =
    [
        ExportColumn<FigureProject>.Text("项目编号", r => r.Code),
        ExportColumn<FigureProject>.Text("项目名称", r => r.Name),
        ExportColumn<FigureProject>.Text("投资方", r => r.Investor),
        ExportColumn<FigureProject>.Text("所属单位", r => r.UnitName),
        ExportColumn<FigureProject>.Text("阶段", r => ProjectExport.StageNames[r.Stage]),
        ExportColumn<FigureProject>.Text("状态", r => ProjectExport.StatusNames[r.Status]),
        ExportColumn<FigureProject>.Wan("计划总投资(万元)", r => r.PlannedInvestment),
        ExportColumn<FigureProject>.Wan("金额(万元)", r => r.Amount),
    ];

    public static IEnumerable<string> ExportHeaders => ExportColumns.Select(c => c.Header);

    private static Results<Ok<T>, NotFound, ValidationProblem, ForbidHttpResult> Failure<T>(DashboardError error) => error switch
    {
        DashboardError.BadPeriod => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["年份或月份无效 (invalid year or month)"] }),
        DashboardError.Forbidden => TypedResults.Forbid(),
        _ => TypedResults.NotFound(),
    };
}

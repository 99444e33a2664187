using System.Globalization;
using System.Text.Json;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.Dashboard;

/// <summary>
/// GET /api/dashboard (the figures), GET /api/dashboard/records (the records behind one figure, paged) and its
/// export. The same service as the pages: unit scope, rights and period checks are server-side.
/// </summary>
public static class DashboardApi
{
    public const int MaxPageSize = 500;

    public sealed record DrillPage(DrillRequest Request, string ScopeName, string PeriodLabel, int Count, long Total, int Page, int PageSize, IReadOnlyList<DrillPageRow> Rows);

    public sealed record DrillPageRow(int Id, string Code, string Name, string Investor, string UnitName, ProjectStage Stage, ProjectStatus Status, long PlannedInvestment, long Amount);

    public static readonly string[] ExportHeaders = ["项目编号", "项目名称", "投资方", "所属单位", "阶段", "状态", "计划总投资(万元)", "金额(万元)"];

    public static void MapDashboardApi(this RouteGroupBuilder api)
    {
        api.MapGet("/dashboard", async Task<Results<Ok<DashboardFigures>, NotFound, ValidationProblem, ForbidHttpResult>> (
                int? year, int? month, int? unitId, DashboardService dashboard, CancellationToken ct) =>
            {
                var (y, m) = dashboard.CurrentMonth();
                var (figures, error) = await dashboard.ComputeAsync(year ?? y, month ?? m, unitId, ct);
                return figures is null ? Failure<DashboardFigures>(error) : TypedResults.Ok(figures);
            })
            .WithTags("Dashboard").WithName("Dashboard").RequireAuthorization(nameof(Operation.ViewRecords));

        api.MapGet("/dashboard/records", async Task<Results<Ok<DrillPage>, NotFound, ValidationProblem, ForbidHttpResult>> (
                DrillKind kind, int year, int month, int? unitId, string? key, int? page, int? pageSize, DashboardService dashboard, CancellationToken ct) =>
            {
                var size = Math.Clamp(pageSize ?? 50, 1, MaxPageSize);
                var number = Math.Max(page ?? 1, 1);
                var (result, error) = await dashboard.DrillAsync(new DrillRequest(kind, year, month, unitId, key), ct);
                if (result is null) return Failure<DrillPage>(error);
                var slice = Paging.Skip(number, size) is { } skip ? result.Rows.Skip(skip).Take(size).ToList() : [];
                var rows = await dashboard.DetailsAsync(slice, ct);
                return TypedResults.Ok(new DrillPage(result.Request, result.ScopeName, result.PeriodLabel, result.Count, result.Total, number, size, rows));
            })
            .WithTags("Dashboard").WithName("DashboardRecords").RequireAuthorization(nameof(Operation.ViewRecords));

        // The page's download link: a plain GET that writes nothing but the audit entry of the export.
        api.MapGet("/dashboard/records/export.{format}", async (string format, DrillKind kind, int year, int month, int? unitId, string? key,
            DashboardService dashboard, AuditLog audit, CancellationToken ct) =>
        {
            if (format is not ("xlsx" or "csv")) return Results.NotFound();
            var (result, error) = await dashboard.DrillAsync(new DrillRequest(kind, year, month, unitId, key), ct);
            if (result is null) return error == DashboardError.BadPeriod ? Results.BadRequest() : Results.NotFound();
            var rows = await dashboard.DetailsAsync(result.Rows, ct);
            await audit.WriteAsync("Export", "DashboardRecords", details: JsonSerializer.Serialize(new { kind = kind.ToString(), year, month, unitId = result.Request.UnitId, key, rows = rows.Count }), ct: ct);
            var cells = rows.Select(r => new string?[] { r.Code, r.Name, r.Investor, r.UnitName, ProjectExport.StageNames[r.Stage], ProjectExport.StatusNames[r.Status], Wan(r.PlannedInvestment), Wan(r.Amount) });
            var name = string.Create(CultureInfo.InvariantCulture, $"dashboard-{kind}-{year}{month:00}-{DateTime.UtcNow.AddHours(8):yyyyMMdd-HHmm}.{format}");
            return format == "csv"
                ? Results.File(SpreadsheetSafe.Csv(ExportHeaders, cells), "text/csv; charset=utf-8", name)
                : Results.File(SpreadsheetSafe.Xlsx(ExportHeaders, cells, "数据明细"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
        }).WithTags("Dashboard").RequireAuthorization(nameof(Operation.ExportRecords));
    }

    private static Results<Ok<T>, NotFound, ValidationProblem, ForbidHttpResult> Failure<T>(DashboardError error) => error switch
    {
        DashboardError.BadPeriod => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["年份或月份无效 (invalid year or month)"] }),
        DashboardError.Forbidden => TypedResults.Forbid(),
        _ => TypedResults.NotFound(),
    };

    private static string Wan(long hundredths) => Money.ToWan(hundredths).ToString("0.00", CultureInfo.InvariantCulture);
}

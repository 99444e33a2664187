using System.Text.Json;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.Statistics;

/// <summary>
/// GET /api/reports/dispatch (figures and paragraph), GET /api/reports/dispatch/projects (the projects behind one
/// figure, a page at a time) and the .xlsx list in the province's layout, streamed.
/// </summary>
public static class DispatchApi
{
    public static readonly string[] ExportHeaders =
    [
        "项目编号", "项目名称", "投资方", "投资方所在地", "所属单位", "产业", "计划总投资(万元)", "本期到位资金(万元)", "本年到位资金(万元)", "续建/新开工",
    ];

    public static void MapDispatchApi(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/dispatch", async Task<Results<Ok<DispatchReportResult>, NotFound, ValidationProblem, ForbidHttpResult>> (
                int year, int month, int? unitId, DispatchReport reports, CancellationToken ct) =>
            await reports.ComputeAsync(year, month, unitId, ct) switch
            {
                ({ } report, _) => TypedResults.Ok(report),
                (_, DispatchReportError.BadPeriod) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["年份或月份无效 (invalid year or month)"] }),
                (_, DispatchReportError.Forbidden) => TypedResults.Forbid(),
                _ => TypedResults.NotFound(),
            })
            .WithTags("Reports").WithName("DispatchReport").RequireAuthorization(nameof(Operation.ViewRecords));

        // The list behind one figure: its count and amount (the figure's) and one page of its projects, by project.
        api.MapGet("/reports/dispatch/projects", async Task<Results<Ok<DispatchProjectsPage>, NotFound, ValidationProblem, ForbidHttpResult>> (
                int year, int month, int? unitId, DispatchFigure figure, int? page, int? pageSize, DispatchReport reports, CancellationToken ct) =>
            await reports.ProjectsAsync(year, month, unitId, figure, Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? FigureList.DefaultPageSize, 1, FigureList.MaxPageSize), ct) switch
            {
                ({ } list, _) => TypedResults.Ok(list),
                (_, DispatchReportError.BadPeriod) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["年份或月份无效 (invalid year or month)"] }),
                (_, DispatchReportError.Forbidden) => TypedResults.Forbid(),
                _ => TypedResults.NotFound(),
            })
            .WithTags("Reports").WithName("DispatchReportProjects").RequireAuthorization(nameof(Operation.ViewRecords));
        api.MapDispatchTemplateApi();

        // The page's download link: a plain GET that writes nothing but the audit entry of the export.
        api.MapGet("/reports/dispatch/export.xlsx", async (int year, int month, int? unitId, DispatchReport reports, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
        {
            var (report, error) = await reports.ComputeAsync(year, month, unitId, ct);
            if (report is null) return error == DispatchReportError.BadPeriod ? Results.BadRequest() : Results.NotFound();
            // The list is the in-scope figure's projects: its count is the rows the file will hold.
            await audit.WriteAsync("Export", "DispatchReport", details: JsonSerializer.Serialize(new { year, month, unitId = report.Figures.UnitId, rows = report.Figures.InScope.Count }), ct: ct);
            var stamp = ExportFile.Stamp(clock);
            return ExportFile.Xlsx($"省调度项目-{year}年{month}月-{stamp}", $"dispatch-{year}{month:00}-{stamp}",
                Sheets(report, reports.ListAsync(year, month, report.Figures.UnitId)));
        }).WithTags("Reports").RequireAuthorization(nameof(Operation.ExportRecords));
    }

    /// <summary>
    /// The province's list on the first sheet, one row a project (amounts as number cells: 本年到位资金 sums to the
    /// paragraph's 到位资金), streamed from the database as the file is written; the paragraph in the wording in force
    /// on a second sheet "调度文稿", so the list keeps the province's layout.
    /// </summary>
    public static ExportSheet[] Sheets(DispatchReportResult report, IAsyncEnumerable<DispatchProjectRow> projects) =>
    [
        ExportSheet.Of("省调度项目", projects, ListColumns),
        ExportSheet.Of("调度文稿", [report.Paragraph], ExportColumn<string>.Text("调度文稿", p => p, width: 100, wrap: true)),
    ];

    private static readonly IReadOnlyList<ExportColumn<DispatchProjectRow>> ListColumns =
    [
        ExportColumn<DispatchProjectRow>.Text(ExportHeaders[0], p => p.Code),
        ExportColumn<DispatchProjectRow>.Text(ExportHeaders[1], p => p.Name),
        ExportColumn<DispatchProjectRow>.Text(ExportHeaders[2], p => p.Investor),
        ExportColumn<DispatchProjectRow>.Text(ExportHeaders[3], p => p.InvestorOrigin),
        ExportColumn<DispatchProjectRow>.Text(ExportHeaders[4], p => p.Unit),
        ExportColumn<DispatchProjectRow>.Text(ExportHeaders[5], p => p.Industry),
        ExportColumn<DispatchProjectRow>.Wan(ExportHeaders[6], p => p.PlannedInvestment),
        ExportColumn<DispatchProjectRow>.Wan(ExportHeaders[7], p => p.PeriodFunds),
        ExportColumn<DispatchProjectRow>.Wan(ExportHeaders[8], p => p.YearFunds),
        ExportColumn<DispatchProjectRow>.Text(ExportHeaders[9], p => p.Continuing ? "续建" : "新开工"),
    ];
}

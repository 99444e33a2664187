using System.Globalization;
using System.Text.Json;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;

namespace InvestTrack.Features.Statistics;

/// <summary>GET /api/reports/dispatch (figures, paragraph, projects) and its .xlsx list in the province's layout.</summary>
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
        api.MapDispatchTemplateApi();

        // The page's download link: a plain GET that writes nothing but the audit entry of the export.
        api.MapGet("/reports/dispatch/export.xlsx", async (int year, int month, int? unitId, DispatchReport reports, AuditLog audit, CancellationToken ct) =>
        {
            var (report, error) = await reports.ComputeAsync(year, month, unitId, ct);
            if (report is null) return error == DispatchReportError.BadPeriod ? Results.BadRequest() : Results.NotFound();
            await audit.WriteAsync("Export", "DispatchReport", details: JsonSerializer.Serialize(new { year, month, unitId = report.Figures.UnitId, rows = report.Projects.Count }), ct: ct);
            var name = $"dispatch-{year}{month:00}-{DateTime.UtcNow.AddHours(8):yyyyMMdd-HHmm}.xlsx";
            return Results.File(Xlsx(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
        }).WithTags("Reports").RequireAuthorization(nameof(Operation.ExportRecords));
    }

    private static string Wan(long hundredths) => Money.ToWan(hundredths).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// The province's list on the first sheet, one row a project; the paragraph in the wording in force on a
    /// second sheet "调度文稿", so the list keeps the province's layout. Every cell is neutralised.
    /// </summary>
    public static byte[] Xlsx(DispatchReportResult report)
    {
        var list = Table(ExportHeaders, report.Projects.Select(p => new string?[]
        {
            p.Code, p.Name, p.Investor, p.InvestorOrigin, p.Unit, p.Industry, Wan(p.PlannedInvestment),
            Wan(p.PeriodFunds), Wan(p.YearFunds), p.Continuing ? "续建" : "新开工",
        }));
        var paragraph = Table(["调度文稿"], [[report.Paragraph]]);
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new Dictionary<string, object> { ["省调度项目"] = list, ["调度文稿"] = paragraph });
        return stream.ToArray();
    }

    private static System.Data.DataTable Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var table = new System.Data.DataTable();
        foreach (var header in headers) table.Columns.Add(header, typeof(string));
        foreach (var row in rows) table.Rows.Add([.. row.Select(SpreadsheetSafe.Cell)]);
        return table;
    }
}

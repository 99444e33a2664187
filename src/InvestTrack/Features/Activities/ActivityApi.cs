using System.Text.Json;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Statistics;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.Activities;

/// <summary>
/// /api/activities (list, detail, create, edit, delete, attachments, export in the 活动 sheet's columns) and
/// /api/reports/activities (figures, sentence, records behind each figure; the wording). Invalid input answers 400 with
/// field errors, a missing or foreign record 404, a stale version 409; writes need the X-Requested-With header.
/// </summary>
public static class ActivityApi
{
    public static void MapActivityApi(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/activities").WithTags("Activities").RequireAuthorization(nameof(Operation.ViewRecords));
        read.MapGet("/", (ActivityService service, ActivityKind? kind, int? unitId, int? year, LeaderLevel? leaderLevel, string? q, ActivitySort? sort,
                int? page, int? pageSize, CancellationToken ct) =>
            service.ListAsync(new ActivityFilter(kind, unitId, year, leaderLevel, q, sort ?? ActivitySort.StartDesc, page ?? 1, pageSize ?? 50), ct))
            .WithName("ListActivities");
        read.MapGet("/{id:int}", async Task<Results<Ok<ActivityDetail>, NotFound>> (int id, ActivityService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound()).WithName("GetActivity");
        read.MapGet("/{id:int}/attachments/{attachmentId:long}", async Task<Results<FileContentHttpResult, NotFound>> (
            int id, long attachmentId, ActivityService service, HttpContext http, CancellationToken ct) =>
            EvidenceDownload.Answer(await service.DownloadAsync(id, attachmentId, ct), http)).WithName("DownloadActivityAttachment");

        api.MapGet("/activities/export.{format}", async (string format, ActivityService service, AuditLog audit, TimeProvider clock,
            ActivityKind? kind, int? unitId, int? year, LeaderLevel? leaderLevel, string? q, CancellationToken ct) =>
        {
            if (format is not ("csv" or "xlsx")) return Results.NotFound();
            var filter = new ActivityFilter(kind, unitId, year, leaderLevel, q);
            await audit.WriteAsync("Export", nameof(Activity), details: JsonSerializer.Serialize(new { format, kind, unitId, year, leaderLevel, q }), ct: ct);
            var stamp = ExportFile.Stamp(clock);
            return ExportFile.Of(ExportSheet.Of("活动", service.ExportAsync(filter, ct), ActivityExport.Columns), format == "csv", $"活动-{stamp}", $"activities-{stamp}");
        }).WithTags("Activities").RequireAuthorization(nameof(Operation.ExportRecords));

        var write = api.MapGroup("/activities").WithTags("Activities").RequireAuthorization(nameof(Operation.EditRecords));
        write.MapPost("/", async (ActivityForm form, ActivityService service, CancellationToken ct) => Answer(await service.CreateAsync(form, ct), created: true))
            .WithName("CreateActivity");
        write.MapPut("/{id:int}", async (int id, ActivityForm form, ActivityService service, CancellationToken ct) => Answer(await service.UpdateAsync(id, form, ct)))
            .WithName("UpdateActivity");
        write.MapDelete("/{id:int}", async (int id, int version, ActivityService service, CancellationToken ct) => Answer(await service.DeleteAsync(id, version, ct)))
            .WithName("DeleteActivity");
        write.MapPost("/{id:int}/attachments", async (int id, IFormFile file, ActivityService service, CancellationToken ct) =>
        {
            await using var stream = file.OpenReadStream();
            return Answer(await service.UploadAsync(id, file.FileName, stream, ct), created: true);
        }).DisableAntiforgery().WithName("UploadActivityAttachment");
        write.MapDelete("/{id:int}/attachments/{attachmentId:long}", async (int id, long attachmentId, ActivityService service, CancellationToken ct) =>
            Answer(await service.DeleteAttachmentAsync(id, attachmentId, ct))).WithName("DeleteActivityAttachment");

        api.MapGet("/reports/activities", async Task<Results<Ok<ActivityReportResult>, NotFound, ValidationProblem, ForbidHttpResult>> (
                int year, int? from, int to, int? unit, string? leaderLevel, ActivityReport reports, CancellationToken ct) =>
            {
                LeaderLevel? level = null;
                if (!string.IsNullOrWhiteSpace(leaderLevel))
                {
                    if (!ActivityText.Levels.TryGetValue(leaderLevel.Trim(), out var l) && !Enum.TryParse(leaderLevel, out l))
                        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["leaderLevel"] = ["领导层级应为 市级、县级 或 部门 (leader level must be 市级, 县级 or 部门)"] });
                    level = l;
                }
                return await reports.ComputeAsync(year, from ?? 1, to, unit, level, ct: ct) switch
                {
                    ({ } report, _) => TypedResults.Ok(report),
                    (_, ActivityReportError.BadPeriod) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["年份或月份无效 (invalid year or months: 1 ≤ from ≤ to ≤ 12)"] }),
                    (_, ActivityReportError.Forbidden) => TypedResults.Forbid(),
                    _ => TypedResults.NotFound(),
                };
            })
            .WithTags("Reports").WithName("ActivityReport").RequireAuthorization(nameof(Operation.ViewRecords));

        api.MapGet("/reports/activities/template", async (ActivityTemplates templates, CancellationToken ct) => TypedResults.Ok(await templates.GetAsync(ct)))
            .WithTags("Reports").WithName("ActivityTemplate").RequireAuthorization(nameof(Operation.ViewRecords));
        var template = api.MapGroup("/reports/activities/template").WithTags("Reports")
            .RequireAuthorization(nameof(Operation.EditRecords));
        template.MapPut("/", async (DispatchTemplateForm form, ActivityTemplates templates, CancellationToken ct) =>
            await Guarded(() => templates.SaveAsync(form, ct), templates, ct)).WithName("SaveActivityTemplate");
        template.MapDelete("/", async (int? version, ActivityTemplates templates, CancellationToken ct) =>
            await Guarded(() => templates.ResetAsync(version, ct), templates, ct)).WithName("ResetActivityTemplate");
    }

    private static async Task<IResult> Guarded(Func<Task<TemplateSaveResult>> write, ActivityTemplates templates, CancellationToken ct)
    {
        TemplateSaveResult result;
        try
        {
            result = await write();
        }
        catch (UnauthorizedAccessException)
        {
            return TypedResults.Forbid();
        }
        return result switch
        {
            { Ok: true } => TypedResults.Ok(await templates.GetAsync(ct)),
            { Stale: true } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.Problems[0]),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [.. result.Problems] }, detail: result.Problems[0]),
        };
    }

    private static IResult Answer(ActivityResult result, bool created = false) => result.Outcome switch
    {
        CommandOutcome.Ok when created => TypedResults.Created($"/api/activities/{result.Id}", new { id = result.Id, version = result.Version }),
        CommandOutcome.Ok => TypedResults.Ok(new { id = result.Id, version = result.Version }),
        CommandOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: result.FirstError),
        CommandOutcome.Stale => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.FirstError),
        _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value), detail: result.FirstError),
    };
}

/// <summary>The export in the 活动 sheet's columns, so that an exported file imports back unchanged.</summary>
public static class ActivityExport
{
    public static readonly IReadOnlyList<ExportColumn<ActivityDetail>> Columns =
    [
        ExportColumn<ActivityDetail>.Text("活动编号", a => a.Code),
        ExportColumn<ActivityDetail>.Text("类型", a => a.KindName),
        ExportColumn<ActivityDetail>.Text("开始日期", a => a.StartOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        ExportColumn<ActivityDetail>.Text("结束日期", a => a.EndOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        ExportColumn<ActivityDetail>.Text("组织单位", a => a.Unit),
        ExportColumn<ActivityDetail>.Text("带队领导", a => a.Leader),
        ExportColumn<ActivityDetail>.Text("领导层级", a => a.LeaderLevelName),
        ExportColumn<ActivityDetail>.Text("目的地", a => string.Join('；', a.Destinations.Select(d => d.Display))),
        ExportColumn<ActivityDetail>.Text("对接对象", a => string.Join('；', a.Counterparts.Select(c => $"{c.TypeName}:{c.Name}"))),
        ExportColumn<ActivityDetail>.Count("座谈会(场)", a => a.Meetings),
        ExportColumn<ActivityDetail>.Count("达成合作意向(个)", a => a.Intentions),
    ];
}

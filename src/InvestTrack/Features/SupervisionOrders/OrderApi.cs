using System.Text.Json;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.SupervisionOrders;

/// <summary>
/// /api/orders: list, detail, export, issue (city), plan and fix report (the unit), accept and return (city), attachments.
/// Invalid input answers 400 with field errors, a missing or foreign order 404, a stale version 409; writes need the
/// X-Requested-With header (docs/decisions/0005-api-csrf.md).
/// </summary>
public static class OrderApi
{
    public static void MapOrderApi(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/orders").WithTags("SupervisionOrders").RequireAuthorization(nameof(Operation.ViewRecords));
        read.MapGet("/", (OrderService orders, int? year, OrderStatus? status, int? unitId, bool? overdue, OrderSort? sort, int? page, int? pageSize,
                CancellationToken ct) =>
            orders.ListAsync(new OrderFilter(year, status, unitId, overdue ?? false, sort ?? OrderSort.IssuedDesc, page ?? 1, pageSize ?? 50), ct))
            .WithName("ListOrders");
        read.MapGet("/{id:int}", async Task<Results<Ok<OrderDetail>, NotFound>> (int id, OrderService orders, CancellationToken ct) =>
            await orders.GetAsync(id, ct) is { } o ? TypedResults.Ok(o) : TypedResults.NotFound()).WithName("GetOrder");
        read.MapGet("/{id:int}/attachments/{attachmentId:long}", async Task<Results<FileContentHttpResult, NotFound>> (
            int id, long attachmentId, OrderService orders, HttpContext http, CancellationToken ct) =>
            EvidenceDownload.Answer(await orders.DownloadAsync(id, attachmentId, ct), http)).WithName("DownloadOrderAttachment");

        api.MapGet("/orders/export.xlsx", async (OrderService orders, AuditLog audit, TimeProvider clock, int? year, OrderStatus? status, int? unitId, bool? overdue,
            OrderSort? sort, CancellationToken ct) =>
        {
            var filter = new OrderFilter(year, status, unitId, overdue ?? false, sort ?? OrderSort.IssuedDesc);
            var rows = await orders.ExportAsync(filter, ct);
            await audit.WriteAsync("Export", nameof(SupervisionOrder), details: JsonSerializer.Serialize(new { format = "xlsx", year, status, unitId, overdue }), ct: ct);
            var stamp = ExportFile.Stamp(clock);
            return ExportFile.Of(ExportSheet.Of("督办单", rows, OrderExport.Columns), false, $"督办单-{stamp}", $"orders-{stamp}");
        }).WithTags("SupervisionOrders").WithName("ExportOrders").RequireAuthorization(nameof(Operation.ExportRecords));

        var city = api.MapGroup("/orders").WithTags("SupervisionOrders").RequireAuthorization(nameof(Operation.IssueOrders));
        city.MapGet("/next-number", async (int? year, OrderService orders, CancellationToken ct) =>
            TypedResults.Ok(new { number = await orders.NextNumberAsync(year, ct) })).WithName("NextOrderNumber");
        var cityWrite = city.MapGroup("/");
        cityWrite.MapPost("/", async (IssueOrderForm form, OrderService orders, CancellationToken ct) => Answer(await orders.IssueAsync(form, ct), created: true))
            .WithName("IssueOrder");
        cityWrite.MapPost("/{id:int}/accept", async (int id, VersionForm form, OrderService orders, CancellationToken ct) =>
            Answer(await orders.AcceptAsync(id, form.Version, ct))).WithName("AcceptOrder");
        cityWrite.MapPost("/{id:int}/return", async (int id, ReturnForm form, OrderService orders, CancellationToken ct) =>
            Answer(await orders.ReturnAsync(id, form, ct))).WithName("ReturnOrder");

        var unit = api.MapGroup("/orders").WithTags("SupervisionOrders").RequireAuthorization(nameof(Operation.EditRecords));
        unit.MapPost("/{id:int}/plan", async (int id, SubmitForm form, OrderService orders, CancellationToken ct) =>
            Answer(await orders.SubmitPlanAsync(id, form, ct))).WithName("SubmitOrderPlan");
        unit.MapPost("/{id:int}/answer", async (int id, SubmitForm form, OrderService orders, CancellationToken ct) =>
            Answer(await orders.SubmitAnswerAsync(id, form, ct))).WithName("SubmitOrderAnswer");
        unit.MapPost("/{id:int}/attachments", async (int id, IFormFile file, OrderService orders, CancellationToken ct) =>
        {
            await using var stream = file.OpenReadStream();
            return Answer(await orders.UploadAsync(id, file.FileName, stream, ct), created: true, location: $"/api/orders/{id}/attachments/");
        }).DisableAntiforgery().WithName("UploadOrderAttachment");
        unit.MapDelete("/{id:int}/attachments/{attachmentId:long}", async (int id, long attachmentId, OrderService orders, CancellationToken ct) =>
            Answer(await orders.DeleteAttachmentAsync(id, attachmentId, ct))).WithName("DeleteOrderAttachment");
    }

    private static IResult Answer(OrderResult result, bool created = false, string location = "/api/orders/") => result.Outcome switch
    {
        CommandOutcome.Ok when created => TypedResults.Created($"{location}{result.Id}", new { id = result.Id, version = result.Version }),
        CommandOutcome.Ok => TypedResults.Ok(new { id = result.Id, version = result.Version }),
        CommandOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: result.FirstError),
        CommandOutcome.Stale => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.FirstError),
        _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value), detail: result.FirstError),
    };
}

/// <summary>The list's columns as a sheet.</summary>
public static class OrderExport
{
    public static readonly IReadOnlyList<ExportColumn<OrderListRow>> Columns =
    [
        ExportColumn<OrderListRow>.Text("编号", o => o.Code),
        ExportColumn<OrderListRow>.Text("责任单位", o => o.Unit),
        ExportColumn<OrderListRow>.Text("项目", o => o.Project),
        ExportColumn<OrderListRow>.Text("问题", o => o.Problem, width: 60, wrap: true),
        ExportColumn<OrderListRow>.Date("方案时限", o => o.PlanDueOn),
        ExportColumn<OrderListRow>.Date("整改时限", o => o.FixDueOn),
        ExportColumn<OrderListRow>.Text("状态", o => OrderText.StatusName(o.Status)),
        ExportColumn<OrderListRow>.Count("超期天数", o => o.DaysOverdue),
        ExportColumn<OrderListRow>.Text("已升级", o => o.EscalatedAt is null ? "" : "是"),
        ExportColumn<OrderListRow>.Date("办结日期", o => o.ClosedOn),
    ];
}

/// <summary>Chinese names of the states, for exports (the pages use the resources).</summary>
public static class OrderText
{
    public static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.Issued => "已下发",
        OrderStatus.PlanSubmitted => "方案已报",
        OrderStatus.Answered => "整改已报",
        _ => "已办结",
    };
}

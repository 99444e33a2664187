using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.Funds;

/// <summary>
/// The funds ledger over HTTP, on the same services as the pages. Invalid input answers 400 with field errors,
/// a missing or foreign record 404, a stale version 409; writes need the X-Requested-With header
/// (docs/decisions/0005-api-csrf.md).
/// </summary>
public static class FundsApi
{
    public static void MapFundsApi(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/funds").WithTags("Funds").RequireAuthorization(nameof(Operation.ViewRecords));
        // from and to are months (yyyy-mm), both included; reporterId is the id of the user who reported.
        read.MapGet("/", async Task<Results<Ok<FundsPage>, ValidationProblem>> (FundsQueries queries, int? year, int? month, int? unitId, OriginClass? source,
                FundsAuditStatus? status, int? projectId, string? from, string? to, string? reporterId, int? page, int? pageSize, CancellationToken ct) =>
            Filter(year, month, unitId, source, status, projectId, from, to, reporterId, page, pageSize) is ({ } filter, null)
                ? TypedResults.Ok(await queries.ListAsync(filter, ct)) : TypedResults.ValidationProblem(MonthErrors(from, to)))
            .WithName("ListFunds");
        api.MapGroup("/funds").WithTags("Funds").RequireAuthorization(nameof(Operation.ExportRecords))
            .MapGet("/export", async Task<Results<ExportFile, ValidationProblem>> (FundsExport export, int? year, int? month, int? unitId, OriginClass? source,
                FundsAuditStatus? status, int? projectId, string? from, string? to, string? reporterId, CancellationToken ct) =>
            Filter(year, month, unitId, source, status, projectId, from, to, reporterId, 1, FundsExport.MaxRows) is ({ } filter, null)
                ? await export.ExportAsync(filter, ct) : TypedResults.ValidationProblem(MonthErrors(from, to)))
            .WithName("ExportFunds");
        read.MapGet("/{id}/evidence", async Task<Results<Ok<IReadOnlyList<EvidenceItem>>, NotFound>> (long id, FundsEvidenceService evidence, CancellationToken ct) =>
                await evidence.ListAsync(id, ct) is { } items ? TypedResults.Ok(items) : TypedResults.NotFound())
            .WithName("ListFundsEvidence");
        read.MapGet("/{id}/evidence/{evidenceId}", async Task<Results<FileContentHttpResult, NotFound>> (
            long id, long evidenceId, FundsEvidenceService evidence, HttpContext http, CancellationToken ct) =>
            EvidenceDownload.Answer(await evidence.DownloadAsync(id, evidenceId, ct), http)).WithName("DownloadFundsEvidence");

        api.MapGroup("/funds").WithTags("Funds").RequireAuthorization(nameof(Operation.AuditFunds))
            .MapGet("/queue", async Task<Results<Ok<FundsPage>, ValidationProblem>> (FundsQueries queries, int? unitId, OriginClass? source, int? projectId,
                string? from, string? to, string? reporterId, int? page, int? pageSize, CancellationToken ct) =>
            Filter(null, null, unitId, source, null, projectId, from, to, reporterId, page, pageSize) is ({ } filter, null)
                ? TypedResults.Ok(await queries.QueueAsync(filter, ct)) : TypedResults.ValidationProblem(MonthErrors(from, to)))
            .WithName("FundsAuditQueue");
        api.MapGroup("/funds").WithTags("Funds").RequireAuthorization(nameof(Operation.LockMonths))
            .MapGet("/locks", (FundsQueries queries, CancellationToken ct) => queries.LocksAsync(ct))
            .WithName("ListMonthLocks");

        var write = api.MapGroup("/funds").WithTags("Funds").RequireAuthorization(nameof(Operation.EditRecords));
        write.MapPost("/", async (FundsForm form, FundsService service, CancellationToken ct) => Answer(await service.ReportAsync(form, ct), created: true))
            .WithName("ReportFunds");
        write.MapPut("/{id}", async (long id, FundsForm form, FundsService service, CancellationToken ct) => Answer(await service.UpdateAsync(id, form, ct)))
            .WithName("UpdateFunds");
        write.MapDelete("/{id}", async (long id, int version, FundsService service, CancellationToken ct) => Answer(await service.DeleteAsync(id, version, ct)))
            .WithName("DeleteFunds");
        // The header guard stands in for antiforgery here, as for every JSON write (decision 0005).
        write.MapPost("/{id}/evidence", async (long id, IFormFile file, FundsEvidenceService evidence, CancellationToken ct) =>
        {
            await using var stream = file.OpenReadStream();
            return Answer(await evidence.UploadAsync(id, file.FileName, stream, ct), created: true);
        }).DisableAntiforgery().WithName("UploadFundsEvidence");
        write.MapDelete("/{id}/evidence/{evidenceId}", async (long id, long evidenceId, FundsEvidenceService evidence, CancellationToken ct) =>
            Answer(await evidence.DeleteAsync(id, evidenceId, ct))).WithName("DeleteFundsEvidence");

        var audit = api.MapGroup("/funds").WithTags("Funds").RequireAuthorization(nameof(Operation.AuditFunds));
        audit.MapPost("/{id}/audit", async (long id, FundsDecision decision, FundsService service, CancellationToken ct) =>
            Answer(await service.AuditAsync(id, decision.Version, ct))).WithName("AuditFunds");
        // Batch approval: 200 with each record's outcome (refusals named per record), 404 with nothing written when one id is
        // not the auditor's to see, 400 when empty or too long.
        audit.MapPost("/audit", async (FundsBatchAudit batch, FundsService service, CancellationToken ct) =>
        {
            var result = await service.AuditManyAsync(batch.Items ?? [], ct);
            return result.Outcome switch
            {
                CommandOutcome.Ok => Results.Ok(new { approved = result.ApprovedCount, refused = result.RefusedCount, items = result.Items }),
                CommandOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: result.Error),
                _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Items"] = [result.Error ?? ""] }, detail: result.Error),
            };
        }).WithName("AuditFundsBatch");
        audit.MapPost("/{id}/return", async (long id, FundsDecision decision, FundsService service, CancellationToken ct) =>
            Answer(await service.ReturnAsync(id, decision, ct))).WithName("ReturnFunds");

        var locks = api.MapGroup("/funds/locks").WithTags("Funds").RequireAuthorization(nameof(Operation.LockMonths));
        locks.MapPost("/{period}/lock", (string period, MonthLockCommand command, FundsService service, CancellationToken ct) =>
            SetLockAsync(period, true, command, service, ct)).WithName("LockMonth");
        locks.MapPost("/{period}/unlock", (string period, MonthLockCommand command, FundsService service, CancellationToken ct) =>
            SetLockAsync(period, false, command, service, ct)).WithName("UnlockMonth");
    }

    /// <summary>The ledger's filter from the query string; the months (yyyy-mm) must be months, else the error names them.</summary>
    private static (FundsFilter? Filter, string? Error) Filter(int? year, int? month, int? unitId, OriginClass? source, FundsAuditStatus? status,
        int? projectId, string? from, string? to, string? reporterId, int? page, int? pageSize)
    {
        int? first = null, last = null;
        if (!string.IsNullOrWhiteSpace(from)) { if (FundsRules.TryParsePeriod(from, out var f)) first = f; else return (null, nameof(from)); }
        if (!string.IsNullOrWhiteSpace(to)) { if (FundsRules.TryParsePeriod(to, out var t)) last = t; else return (null, nameof(to)); }
        return (new FundsFilter(year, month, unitId, source, status, projectId, page ?? 1, pageSize ?? 50, first, last,
            string.IsNullOrWhiteSpace(reporterId) ? null : reporterId), null);
    }

    private static Dictionary<string, string[]> MonthErrors(string? from, string? to) => new()
    {
        [FundsRules.TryParsePeriod(from, out _) || string.IsNullOrWhiteSpace(from) ? "to" : "from"] = ["yyyy-mm"],
    };

    /// <summary>The period as yyyy-mm or yyyymm.</summary>
    private static async Task<IResult> SetLockAsync(string period, bool locked, MonthLockCommand command, FundsService service, CancellationToken ct)
    {
        if (!FundsRules.TryParsePeriod(period, out var p) && !(int.TryParse(period, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out p) && FundsRules.IsValidPeriod(p)))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Period"] = ["yyyy-mm"] });
        return Answer(await service.SetLockAsync(p, locked, command, ct));
    }

    /// <summary>200 (201) with the id and version; 400 with the field errors, 404 or 409.</summary>
    private static IResult Answer(FundsResult result, bool created = false) => result.Outcome switch
    {
        CommandOutcome.Ok when created => TypedResults.Created($"/api/funds/{result.Id}", new { id = result.Id, version = result.Version }),
        CommandOutcome.Ok => TypedResults.Ok(new { id = result.Id, version = result.Version }),
        CommandOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: result.FirstError),
        CommandOutcome.Stale => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.FirstError),
        _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value), detail: result.FirstError),
    };
}

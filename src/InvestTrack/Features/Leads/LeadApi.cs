using InvestTrack.Features.Companies;
using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.Leads;

/// <summary>
/// Leads over HTTP, the same services as the pages. Invalid input answers 400 with field errors, a registration
/// refused by the protection 409 naming the holder unit (holderUnit), a missing or foreign lead 404, a stale version
/// 409; writes need the X-Requested-With header (docs/decisions/0005-api-csrf.md).
/// </summary>
public static class LeadApi
{
    public static void MapLeadApi(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/leads").WithTags("Leads").RequireAuthorization(nameof(Operation.ViewRecords));
        read.MapGet("/", async (LeadReads reads, string? q, LeadStatus? status, LeadSourceKind? source, int? unitId, bool? mine, bool? overdue, bool? big,
                LeadSort? sort, bool? desc, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await reads.PageAsync(new LeadFilter(q, status, source, unitId, mine ?? false, overdue ?? false, big ?? false,
                sort ?? LeadSort.Registered, desc ?? true, page ?? 1, pageSize ?? 50), ct)))
            .WithName("ListLeads");
        read.MapGet("/{id:int}", async Task<Results<Ok<LeadDetail>, NotFound>> (int id, LeadReads reads, CancellationToken ct) =>
            await reads.FindAsync(id, ct) is { } lead ? TypedResults.Ok(lead) : TypedResults.NotFound())
            .WithName("GetLead");
        read.MapGet("/figures", async (LeadReads reads, int? unitId, CancellationToken ct) => TypedResults.Ok(await reads.FiguresAsync(unitId, ct)))
            .WithName("LeadFigures");
        read.MapGet("/yield", async (SourceYield yield, YieldBy? by, int? unitId, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await yield.RankAsync(by ?? YieldBy.Source, unitId, page ?? 1, pageSize ?? 50, ct)))
            .WithName("LeadSourceYield");
        read.MapGet("/yield/export", async (SourceYield yield, YieldBy? by, string? format, CancellationToken ct) =>
            await yield.ExportAsync(by ?? YieldBy.Source, Format(format), ct))
            .RequireAuthorization(nameof(Operation.ExportRecords)).WithName("ExportLeadSourceYield");
        read.MapGet("/export", async (LeadExport export, string? q, LeadStatus? status, LeadSourceKind? source, int? unitId, bool? mine, bool? overdue, bool? big,
                LeadSort? sort, bool? desc, string? format, CancellationToken ct) =>
            await export.ExportAsync(new LeadFilter(q, status, source, unitId, mine ?? false, overdue ?? false, big ?? false, sort ?? LeadSort.Registered, desc ?? true),
                Format(format), ct))
            .RequireAuthorization(nameof(Operation.ExportRecords)).WithName("ExportLeads");
        read.MapGet("/holidays", async (HolidayCalendar calendar, int year, CancellationToken ct) => TypedResults.Ok(await calendar.YearAsync(year, ct)))
            .WithName("ListHolidays");
        read.MapGet("/clock-rules", (IOptions<LeadOptions> options) => TypedResults.Ok(options.Value)).WithName("LeadClockRules");

        var write = api.MapGroup("/leads").WithTags("Leads").RequireAuthorization(nameof(Operation.EditRecords));
        write.MapPost("/", async Task<Results<Created<LeadDetail>, ValidationProblem, ProblemHttpResult>> (LeadForm form, LeadService service, LeadReads reads, CancellationToken ct) =>
        {
            var result = await service.RegisterAsync(form, ct);
            if (!result.Ok) return Refusal<Created<LeadDetail>>(result);
            return TypedResults.Created($"/api/leads/{result.Id}", await reads.FindAsync(result.Id!.Value, ct));
        }).WithName("RegisterLead");
        write.MapPost("/{id:int}/status", async Task<Results<Ok<LeadDetail>, ValidationProblem, ProblemHttpResult>> (
            int id, LeadStatusCommand command, LeadService service, LeadReads reads, CancellationToken ct) =>
            await DetailOrRefusal(await service.ChangeStatusAsync(id, command, ct), id, reads, ct)).WithName("ChangeLeadStatus");
        write.MapPost("/{id:int}/progress", async Task<Results<Ok<LeadDetail>, ValidationProblem, ProblemHttpResult>> (
            int id, LeadProgressForm form, LeadService service, LeadReads reads, CancellationToken ct) =>
            await DetailOrRefusal(await service.AddProgressAsync(id, form, ct), id, reads, ct)).WithName("AddLeadProgress");
        write.MapPost("/{id:int}/convert", async Task<Results<Ok<LeadDetail>, ValidationProblem, ProblemHttpResult>> (
            int id, LeadConvertCommand command, LeadService service, LeadReads reads, CancellationToken ct) =>
            await DetailOrRefusal(await service.ConvertAsync(id, command, ct), id, reads, ct)).WithName("ConvertLead");

        var city = api.MapGroup("/leads/conflicts").WithTags("Leads").RequireAuthorization(nameof(Operation.ArbitrateLeads));
        city.MapGet("/", async (LeadArbitration arbitration, bool? open, CancellationToken ct) => TypedResults.Ok(await arbitration.ListAsync(open ?? false, ct)))
            .WithName("ListLeadConflicts");
        city.MapPost("/{id:int}", async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> (int id, ArbitrationCommand command, LeadArbitration arbitration, CancellationToken ct) =>
            await arbitration.ResolveAsync(id, command, ct) is { Ok: false } refused ? Refusal<Ok>(refused) : TypedResults.Ok())
            .WithName("ArbitrateLeadConflict");

        var calendar = api.MapGroup("/leads/holidays").WithTags("Leads").RequireAuthorization(nameof(Operation.ManageCalendar));
        calendar.MapPut("/", async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> (HolidayForm form, HolidayCalendar holidays, CancellationToken ct) =>
            await holidays.SetAsync(form, ct) is { Ok: false } refused ? Refusal<Ok>(refused) : TypedResults.Ok()).WithName("SetHoliday");
        calendar.MapDelete("/{date}", async Task<Results<NoContent, NotFound>> (DateOnly date, HolidayCalendar holidays, CancellationToken ct) =>
            await holidays.RemoveAsync(date, ct) ? TypedResults.NoContent() : TypedResults.NotFound()).WithName("RemoveHoliday");
    }

    private static ExportFormat Format(string? format) =>
        string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase) ? ExportFormat.Xlsx : ExportFormat.Csv;

    private static async Task<Results<Ok<LeadDetail>, ValidationProblem, ProblemHttpResult>> DetailOrRefusal(LeadResult result, int id, LeadReads reads, CancellationToken ct) =>
        result.Ok ? TypedResults.Ok((await reads.FindAsync(id, ct))!) : Refusal<Ok<LeadDetail>>(result);

    /// <summary>400 with the field errors, 404, 409 (stale, or refused by the protection with the holder unit's name).</summary>
    private static Results<TOk, ValidationProblem, ProblemHttpResult> Refusal<TOk>(LeadResult result) where TOk : IResult => result.Outcome switch
    {
        LeadOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: result.FirstError),
        LeadOutcome.Stale => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.FirstError),
        LeadOutcome.Refused => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.FirstError,
            extensions: new Dictionary<string, object?> { ["holderUnit"] = result.HolderUnit }),
        _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value), detail: result.FirstError),
    };
}

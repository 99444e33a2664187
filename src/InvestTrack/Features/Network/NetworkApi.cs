using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.Network;

/// <summary>
/// Events and the talent network over HTTP, on the same services as the pages. Field errors answer 400 ValidationProblem,
/// a missing or another unit's id 404, a stale version 409; writes need the X-Requested-With header (decision 0005).
/// </summary>
public static class NetworkApi
{
    public static void MapNetworkApi(this RouteGroupBuilder api)
    {
        var events = Group(api, "/events", "Events");
        events.MapGet("/", (EventService s, string? q, EventKind? kind, int? unitId, int? year, EventSort? sort, bool? desc, int? page, int? pageSize, CancellationToken ct) =>
            s.ListAsync(new EventFilter(q, kind, unitId, year, sort ?? EventSort.StartsOn, desc ?? true, page ?? 1, pageSize ?? 50), ct)).WithName("ListEvents");
        events.MapGet("/export", (EventService s, string? q, EventKind? kind, int? unitId, int? year, EventSort? sort, bool? desc, string? format, CancellationToken ct) =>
            s.ExportAsync(new EventFilter(q, kind, unitId, year, sort ?? EventSort.StartsOn, desc ?? true), Format(format), ct))
            .RequireAuthorization(nameof(Operation.ExportRecords)).WithName("ExportEvents");
        events.MapGet("/{id}", async Task<Results<Ok<EventDetail>, NotFound>> (int id, EventService s, CancellationToken ct) =>
            await s.FindAsync(id, ct) is { } e ? TypedResults.Ok(e) : TypedResults.NotFound()).WithName("GetEvent");
        events.MapPost("/", async (EventForm form, EventService s, CancellationToken ct) =>
            await Answer(await s.CreateAsync(form, ct), id => s.FindAsync(id, ct), "/api/events", created: true)).Write().WithName("CreateEvent");
        events.MapPut("/{id}", async (int id, int version, EventForm form, EventService s, CancellationToken ct) =>
            await Answer(await s.UpdateAsync(id, form, version, ct), i => s.FindAsync(i, ct), "/api/events")).Write().WithName("UpdateEvent");
        events.MapDelete("/{id}", async (int id, int version, EventService s, CancellationToken ct) =>
            await Answer<object>(await s.DeleteAsync(id, version, ct), null, "/api/events")).Write().WithName("DeleteEvent");

        var talents = Group(api, "/talents", "Talents");
        talents.MapGet("/", (TalentService s, string? q, int? unitId, TalentSort? sort, bool? desc, int? page, int? pageSize, CancellationToken ct) =>
            s.ListAsync(new TalentFilter(q, unitId, sort ?? TalentSort.Name, desc ?? false, page ?? 1, pageSize ?? 50), ct)).WithName("ListTalents");
        talents.MapGet("/export", (TalentService s, string? q, int? unitId, TalentSort? sort, bool? desc, string? format, CancellationToken ct) =>
            s.ExportAsync(new TalentFilter(q, unitId, sort ?? TalentSort.Name, desc ?? false), Format(format), ct))
            .RequireAuthorization(nameof(Operation.ExportRecords)).WithName("ExportTalents");
        talents.MapGet("/{id}", async Task<Results<Ok<TalentDetail>, NotFound>> (int id, TalentService s, CancellationToken ct) =>
            await s.FindAsync(id, ct) is { } x ? TypedResults.Ok(x) : TypedResults.NotFound()).WithName("GetTalent");
        talents.MapPost("/", async (TalentForm form, TalentService s, CancellationToken ct) =>
            await Answer(await s.CreateAsync(form, ct), id => s.FindAsync(id, ct), "/api/talents", created: true)).Write().WithName("CreateTalent");
        talents.MapPut("/{id}", async (int id, int version, TalentForm form, TalentService s, CancellationToken ct) =>
            await Answer(await s.UpdateAsync(id, form, version, ct), i => s.FindAsync(i, ct), "/api/talents")).Write().WithName("UpdateTalent");
        talents.MapDelete("/{id}", async (int id, int version, TalentService s, CancellationToken ct) =>
            await Answer<object>(await s.DeleteAsync(id, version, ct), null, "/api/talents")).Write().WithName("DeleteTalent");

        var stations = Group(api, "/workstations", "Workstations");
        stations.MapGet("/", (WorkstationService s, string? q, int? unitId, bool? desc, int? page, int? pageSize, CancellationToken ct) =>
            s.ListAsync(new WorkstationFilter(q, unitId, desc ?? false, page ?? 1, pageSize ?? 50), ct)).WithName("ListWorkstations");
        stations.MapGet("/export", (WorkstationService s, string? q, int? unitId, bool? desc, string? format, CancellationToken ct) =>
            s.ExportAsync(new WorkstationFilter(q, unitId, desc ?? false), Format(format), ct))
            .RequireAuthorization(nameof(Operation.ExportRecords)).WithName("ExportWorkstations");
        stations.MapGet("/{id}", async Task<Results<Ok<WorkstationDetail>, NotFound>> (int id, WorkstationService s, CancellationToken ct) =>
            await s.FindAsync(id, ct) is { } x ? TypedResults.Ok(x) : TypedResults.NotFound()).WithName("GetWorkstation");
        stations.MapPost("/", async (WorkstationForm form, WorkstationService s, CancellationToken ct) =>
            await Answer(await s.CreateAsync(form, ct), id => s.FindAsync(id, ct), "/api/workstations", created: true)).Write().WithName("CreateWorkstation");
        stations.MapPut("/{id}", async (int id, int version, WorkstationForm form, WorkstationService s, CancellationToken ct) =>
            await Answer(await s.UpdateAsync(id, form, version, ct), i => s.FindAsync(i, ct), "/api/workstations")).Write().WithName("UpdateWorkstation");
        stations.MapDelete("/{id}", async (int id, int version, WorkstationService s, CancellationToken ct) =>
            await Answer<object>(await s.DeleteAsync(id, version, ct), null, "/api/workstations")).Write().WithName("DeleteWorkstation");

        var agencies = Group(api, "/agencies", "Agencies");
        agencies.MapGet("/", (AgencyService s, string? q, int? unitId, bool? active, bool? desc, int? page, int? pageSize, CancellationToken ct) =>
            s.ListAsync(new AgencyFilter(q, unitId, active, desc ?? false, page ?? 1, pageSize ?? 50), ct)).WithName("ListAgencies");
        agencies.MapGet("/export", (AgencyService s, string? q, int? unitId, bool? active, bool? desc, string? format, CancellationToken ct) =>
            s.ExportAsync(new AgencyFilter(q, unitId, active, desc ?? false), Format(format), ct))
            .RequireAuthorization(nameof(Operation.ExportRecords)).WithName("ExportAgencies");
        agencies.MapGet("/{id}", async Task<Results<Ok<AgencyView>, NotFound>> (int id, AgencyService s, CancellationToken ct) =>
            await s.FindAsync(id, ct) is { } x ? TypedResults.Ok(x) : TypedResults.NotFound()).WithName("GetAgency");
        agencies.MapPost("/", async (AgencyForm form, AgencyService s, CancellationToken ct) =>
            await Answer(await s.CreateAsync(form, ct), id => s.FindAsync(id, ct), "/api/agencies", created: true)).Write().WithName("CreateAgency");
        agencies.MapPut("/{id}", async (int id, int version, AgencyForm form, AgencyService s, CancellationToken ct) =>
            await Answer(await s.UpdateAsync(id, form, version, ct), i => s.FindAsync(i, ct), "/api/agencies")).Write().WithName("UpdateAgency");
        agencies.MapDelete("/{id}", async (int id, int version, AgencyService s, CancellationToken ct) =>
            await Answer<object>(await s.DeleteAsync(id, version, ct), null, "/api/agencies")).Write().WithName("DeleteAgency");

        var retention = Group(api, "/talent-retention", "TalentRetention");
        retention.MapGet("/", (RetentionService s, int? unitId, int? fromYear, int? toYear, bool? desc, int? page, int? pageSize, CancellationToken ct) =>
            s.ListAsync(new RetentionFilter(unitId, fromYear, toYear, desc ?? false, page ?? 1, pageSize ?? 50), ct)).WithName("ListTalentRetention");
        retention.MapGet("/export", (RetentionService s, int? unitId, int? fromYear, int? toYear, bool? desc, string? format, CancellationToken ct) =>
            s.ExportAsync(new RetentionFilter(unitId, fromYear, toYear, desc ?? false), Format(format), ct))
            .RequireAuthorization(nameof(Operation.ExportRecords)).WithName("ExportTalentRetention");
        retention.MapGet("/{id}", async Task<Results<Ok<RetentionRow>, NotFound>> (int id, RetentionService s, CancellationToken ct) =>
            await s.FindAsync(id, ct) is { } x ? TypedResults.Ok(x) : TypedResults.NotFound()).WithName("GetTalentRetention");
        retention.MapPost("/", async (RetentionForm form, RetentionService s, CancellationToken ct) =>
            await Answer(await s.CreateAsync(form, ct), id => s.FindAsync(id, ct), "/api/talent-retention", created: true)).Write().WithName("CreateTalentRetention");
        retention.MapPut("/{id}", async (int id, int version, RetentionForm form, RetentionService s, CancellationToken ct) =>
            await Answer(await s.UpdateAsync(id, form, version, ct), i => s.FindAsync(i, ct), "/api/talent-retention")).Write().WithName("UpdateTalentRetention");
        retention.MapDelete("/{id}", async (int id, int version, RetentionService s, CancellationToken ct) =>
            await Answer<object>(await s.DeleteAsync(id, version, ct), null, "/api/talent-retention")).Write().WithName("DeleteTalentRetention");
    }

    // Writes need the X-Requested-With header (docs/decisions/0005-api-csrf.md); reads pass the filter untouched.
    private static RouteGroupBuilder Group(RouteGroupBuilder api, string prefix, string tag) =>
        api.MapGroup(prefix).WithTags(tag).RequireAuthorization(nameof(Operation.ViewRecords)).AddEndpointFilter<ApiClientHeader>();

    private static RouteHandlerBuilder Write(this RouteHandlerBuilder endpoint) => endpoint.RequireAuthorization(nameof(Operation.EditRecords));

    private static NetworkExportFormat Format(string? format) =>
        string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase) ? NetworkExportFormat.Xlsx : NetworkExportFormat.Csv;

    /// <summary>201/200 with the record as read back, 204 after a delete; 400 with the field errors, 404 or 409.</summary>
    private static async Task<IResult> Answer<T>(NetworkResult result, Func<int, Task<T?>>? read, string location, bool created = false)
    {
        if (result.NotFound) return TypedResults.NotFound();
        if (result.Stale) return TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict);
        if (!result.Ok) return TypedResults.ValidationProblem(result.Errors!.ToDictionary(e => e.Key, e => new[] { e.Value }));
        if (read is null) return TypedResults.NoContent();
        var body = await read(result.Id!.Value);
        return created ? TypedResults.Created($"{location}/{result.Id}", body) : TypedResults.Ok(body);
    }
}

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
        api.MapRecords<EventService, EventForm, EventDetail>("/events", "Event", "Events",
            (EventService s, string? q, EventKind? kind, int? unitId, int? year, EventSort? sort, bool? desc, int? page, int? pageSize, CancellationToken ct) =>
                s.ListAsync(new EventFilter(q, kind, unitId, year, sort ?? EventSort.StartsOn, desc ?? true, page ?? 1, pageSize ?? 50), ct),
            (EventService s, string? q, EventKind? kind, int? unitId, int? year, EventSort? sort, bool? desc, string? format, CancellationToken ct) =>
                s.ExportAsync(new EventFilter(q, kind, unitId, year, sort ?? EventSort.StartsOn, desc ?? true), Format(format), ct));

        api.MapRecords<TalentService, TalentForm, TalentDetail>("/talents", "Talent", "Talents",
            (TalentService s, string? q, int? unitId, TalentSort? sort, bool? desc, int? page, int? pageSize, CancellationToken ct) =>
                s.ListAsync(new TalentFilter(q, unitId, sort ?? TalentSort.Name, desc ?? false, page ?? 1, pageSize ?? 50), ct),
            (TalentService s, string? q, int? unitId, TalentSort? sort, bool? desc, string? format, CancellationToken ct) =>
                s.ExportAsync(new TalentFilter(q, unitId, sort ?? TalentSort.Name, desc ?? false), Format(format), ct));

        api.MapRecords<WorkstationService, WorkstationForm, WorkstationDetail>("/workstations", "Workstation", "Workstations",
            (WorkstationService s, string? q, int? unitId, bool? desc, int? page, int? pageSize, CancellationToken ct) =>
                s.ListAsync(new WorkstationFilter(q, unitId, desc ?? false, page ?? 1, pageSize ?? 50), ct),
            (WorkstationService s, string? q, int? unitId, bool? desc, string? format, CancellationToken ct) =>
                s.ExportAsync(new WorkstationFilter(q, unitId, desc ?? false), Format(format), ct));

        api.MapRecords<AgencyService, AgencyForm, AgencyView>("/agencies", "Agency", "Agencies",
            (AgencyService s, string? q, int? unitId, bool? active, bool? desc, int? page, int? pageSize, CancellationToken ct) =>
                s.ListAsync(new AgencyFilter(q, unitId, active, desc ?? false, page ?? 1, pageSize ?? 50), ct),
            (AgencyService s, string? q, int? unitId, bool? active, bool? desc, string? format, CancellationToken ct) =>
                s.ExportAsync(new AgencyFilter(q, unitId, active, desc ?? false), Format(format), ct));

        api.MapRecords<RetentionService, RetentionForm, RetentionRow>("/talent-retention", "TalentRetention", "TalentRetention",
            (RetentionService s, int? unitId, int? fromYear, int? toYear, bool? desc, int? page, int? pageSize, CancellationToken ct) =>
                s.ListAsync(new RetentionFilter(unitId, fromYear, toYear, desc ?? false, page ?? 1, pageSize ?? 50), ct),
            (RetentionService s, int? unitId, int? fromYear, int? toYear, bool? desc, string? format, CancellationToken ct) =>
                s.ExportAsync(new RetentionFilter(unitId, fromYear, toYear, desc ?? false), Format(format), ct));
    }

    /// <summary>
    /// The routes of one kind of record under <paramref name="prefix"/>: its list and the list's export, whose query parameters
    /// are the kind's own filter, then read, create, update and delete one record; named List and Export + <paramref name="many"/>,
    /// Get, Create, Update and Delete + <paramref name="one"/>. Writes need the X-Requested-With header
    /// (docs/decisions/0005-api-csrf.md); reads pass the filter untouched.
    /// </summary>
    private static void MapRecords<TService, TForm, TDetail>(this RouteGroupBuilder api, string prefix, string one, string many, Delegate list, Delegate export)
        where TService : INetworkRecords<TForm, TDetail> where TForm : class where TDetail : class
    {
        var records = api.MapGroup(prefix).WithTags(many).RequireAuthorization(nameof(Operation.ViewRecords));
        var location = "/api" + prefix;
        // The handlers are held as Delegate, the type Map* takes anyway: the route analyzer of ASP.NET Core 10 crashes (AD0001)
        // on a handler written inline with a parameter of a generic type (dotnet/aspnetcore#56831, fixed for .NET 11).
        Delegate get = async Task<Results<Ok<TDetail>, NotFound>> (int id, TService s, CancellationToken ct) =>
            await s.FindAsync(id, ct) is { } x ? TypedResults.Ok(x) : TypedResults.NotFound();
        Delegate create = async (TForm form, TService s, CancellationToken ct) =>
            await Answer(await s.CreateAsync(form, ct), id => s.FindAsync(id, ct), location, created: true);
        Delegate update = async (int id, int version, TForm form, TService s, CancellationToken ct) =>
            await Answer(await s.UpdateAsync(id, form, version, ct), i => s.FindAsync(i, ct), location);
        Delegate delete = async (int id, int version, TService s, CancellationToken ct) =>
            await Answer<object>(await s.DeleteAsync(id, version, ct), null, location);
        records.MapGet("/", list).WithName("List" + many);
        records.MapGet("/export", export).RequireAuthorization(nameof(Operation.ExportRecords)).WithName("Export" + many);
        records.MapGet("/{id}", get).WithName("Get" + one);
        records.MapPost("/", create).Write().WithName("Create" + one);
        records.MapPut("/{id}", update).Write().WithName("Update" + one);
        records.MapDelete("/{id}", delete).Write().WithName("Delete" + one);
    }

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

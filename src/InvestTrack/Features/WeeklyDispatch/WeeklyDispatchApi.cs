using InvestTrack.Features.Companies;
using InvestTrack.Features.Jobs;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.WeeklyDispatch;

/// <summary>
/// Weekly dispatch (/api/weekly-dispatch) and the problem list (/api/problems) over HTTP, the same services as the pages:
/// 400 with field errors (a week that cannot be reported names "Week"), 404 for a missing or foreign unit, dispatch or
/// problem, 409 for a stale version; writes need the X-Requested-With header (docs/decisions/0005-api-csrf.md).
/// A week is written 2026-W50 (ISO 8601).
/// </summary>
public static class WeeklyDispatchApi
{
    public static void MapWeeklyDispatchApi(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/weekly-dispatch").WithTags("WeeklyDispatch").RequireAuthorization(nameof(Operation.ViewRecords));
        read.MapGet("/overview", async Task<Results<Ok<WeeklyDispatchOverview>, ValidationProblem>> (string? week, WeeklyDispatchService service, WeeklyDispatchOverviewQuery overview, CancellationToken ct) =>
            WeekOrCurrent(week, service) is { } w ? TypedResults.Ok(await overview.ForWeekAsync(w, ct)) : BadWeek(service))
            .WithName("WeeklyDispatchOverview");
        read.MapGet("/units/{unitId:int}/weeks/{week}", async Task<Results<Ok<WeeklyDispatchView>, ValidationProblem, NotFound>> (
            int unitId, string week, WeeklyDispatchService service, CancellationToken ct) =>
        {
            if (WeeklyDispatchWeek.Parse(week) is not { } w) return BadWeek(service);
            var view = await service.ViewAsync(unitId, w, ct);
            if (view is null) return TypedResults.NotFound();
            // A stored dispatch is shown whatever its week; a new one only for a week that can be reported.
            if (view.Id is null && service.WeekProblem(w) is { } problem)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Week"] = [problem] }, detail: problem);
            return TypedResults.Ok(view);
        }).WithName("GetWeeklyDispatch");
        read.MapGet("/{id:int}", async Task<Results<Ok<WeeklyDispatchView>, NotFound>> (int id, WeeklyDispatchService service, CancellationToken ct) =>
            await service.ViewAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound()).WithName("GetWeeklyDispatchById");
        read.MapGet("/punctuality", async (DateOnly from, DateOnly to, WeeklyDispatchPunctuality punctuality, CancellationToken ct) =>
            TypedResults.Ok(await punctuality.ForRangeAsync(from, to, ct))).WithName("WeeklyDispatchPunctuality");
        read.MapGet("/settings", (IOptions<WeeklyDispatchOptions> options, WeeklyDispatchService service) =>
        {
            var o = options.Value;
            var current = service.CurrentWeek;
            return TypedResults.Ok(new WeeklyDispatchSettings(o.Deadline.Day, o.Deadline.Time, o.FirstWeek.ToString(), current.ToString(), current.Label(), o.DeadlineOf(current)));
        }).WithName("WeeklyDispatchSettings");

        var write = api.MapGroup("/weekly-dispatch").WithTags("WeeklyDispatch").RequireAuthorization(nameof(Operation.EditRecords));
        write.MapPut("/units/{unitId:int}/weeks/{week}", async Task<Results<Ok<WeeklyDispatchView>, ValidationProblem, ProblemHttpResult>> (
            int unitId, string week, WeeklyDispatchForm form, WeeklyDispatchService service, CancellationToken ct) =>
            WeeklyDispatchWeek.Parse(week) is { } w ? await ViewOrRefusal(await service.SaveDraftAsync(unitId, w, form, ct), service, ct) : BadWeek(service))
            .WithName("SaveWeeklyDispatchDraft");
        write.MapPost("/units/{unitId:int}/weeks/{week}/submit", async Task<Results<Ok<WeeklyDispatchView>, ValidationProblem, ProblemHttpResult>> (
            int unitId, string week, WeeklyDispatchForm form, WeeklyDispatchService service, CancellationToken ct) =>
            WeeklyDispatchWeek.Parse(week) is { } w ? await ViewOrRefusal(await service.SubmitAsync(unitId, w, form, ct), service, ct) : BadWeek(service))
            .WithName("SubmitWeeklyDispatch");
        api.MapPost("/weekly-dispatch/{id:int}/return", async Task<Results<Ok<WeeklyDispatchView>, ValidationProblem, ProblemHttpResult>> (
            int id, WeeklyDispatchReturnForm form, WeeklyDispatchService service, CancellationToken ct) =>
            await ViewOrRefusal(await service.ReturnAsync(id, form, ct), service, ct))
            .WithTags("WeeklyDispatch").RequireAuthorization(nameof(Operation.SuperviseDispatch)).WithName("ReturnWeeklyDispatch");

        var problems = api.MapGroup("/problems").WithTags("Problems").RequireAuthorization(nameof(Operation.ViewRecords));
        problems.MapGet("/", async (CoordinationProblemService service, string? q, CoordinationProblemStatus? status, int? unitId, int? assignedUnitId, bool? overdue,
                CoordinationProblemView? view, CoordinationProblemSort? sort, bool? desc, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await service.PageAsync(new CoordinationProblemFilter(q, status, unitId, assignedUnitId, overdue ?? false, view ?? CoordinationProblemView.All,
                sort ?? CoordinationProblemSort.RaisedWeek, desc ?? true, page ?? 1, pageSize ?? 50), ct)))
            .WithName("ListProblems");
        problems.MapGet("/{id:int}", async Task<Results<Ok<CoordinationProblemRow>, NotFound>> (int id, CoordinationProblemService service, CancellationToken ct) =>
            await service.FindAsync(id, ct) is { } row ? TypedResults.Ok(row) : TypedResults.NotFound()).WithName("GetProblem");
        problems.MapGet("/export", async (CoordinationProblemExport export, string? q, CoordinationProblemStatus? status, int? unitId, int? assignedUnitId, bool? overdue,
                CoordinationProblemView? view, CoordinationProblemSort? sort, bool? desc, string? format, CancellationToken ct) =>
            await export.ExportAsync(new CoordinationProblemFilter(q, status, unitId, assignedUnitId, overdue ?? false, view ?? CoordinationProblemView.All,
                sort ?? CoordinationProblemSort.RaisedWeek, desc ?? true), string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase) ? ExportFormat.Xlsx : ExportFormat.Csv, ct))
            .RequireAuthorization(nameof(Operation.ExportRecords)).WithName("ExportProblems");
        problems.MapGet("/departments", async (CoordinationProblemService service, CancellationToken ct) => TypedResults.Ok(await service.DepartmentsAsync(ct)))
            .RequireAuthorization(nameof(Operation.SuperviseDispatch)).WithName("ProblemDepartments");

        var answer = api.MapGroup("/problems").WithTags("Problems").RequireAuthorization(nameof(Operation.EditRecords));
        answer.MapPost("/{id:int}/answer", async Task<Results<Ok<CoordinationProblemRow>, ValidationProblem, ProblemHttpResult>> (
            int id, CoordinationProblemAnswerForm form, CoordinationProblemService service, CancellationToken ct) =>
            await RowOrRefusal(await service.AnswerAsync(id, form, ct), service, ct)).WithName("AnswerProblem");
        var city = api.MapGroup("/problems").WithTags("Problems").RequireAuthorization(nameof(Operation.SuperviseDispatch));
        city.MapPost("/{id:int}/assign", async Task<Results<Ok<CoordinationProblemRow>, ValidationProblem, ProblemHttpResult>> (
            int id, CoordinationProblemAssignForm form, CoordinationProblemService service, CancellationToken ct) =>
            await RowOrRefusal(await service.AssignAsync(id, form, ct), service, ct)).WithName("AssignProblem");
        city.MapPost("/{id:int}/decision", async Task<Results<Ok<CoordinationProblemRow>, ValidationProblem, ProblemHttpResult>> (
            int id, CoordinationProblemDecisionForm form, CoordinationProblemService service, CancellationToken ct) =>
            await RowOrRefusal(await service.DecideAsync(id, form, ct), service, ct)).WithName("DecideProblem");
    }

    private static WeeklyDispatchWeek? WeekOrCurrent(string? week, WeeklyDispatchService service) =>
        string.IsNullOrWhiteSpace(week) ? service.CurrentWeek : WeeklyDispatchWeek.Parse(week);

    private static ValidationProblem BadWeek(WeeklyDispatchService service)
    {
        var message = service.WeekFormatProblem;
        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Week"] = [message] }, detail: message);
    }

    private static async Task<Results<Ok<WeeklyDispatchView>, ValidationProblem, ProblemHttpResult>> ViewOrRefusal(CommandResult result, WeeklyDispatchService service, CancellationToken ct) =>
        result.Ok ? TypedResults.Ok((await service.ViewAsync(result.Id!.Value, ct))!) : Refusal<Ok<WeeklyDispatchView>>(result);

    private static async Task<Results<Ok<CoordinationProblemRow>, ValidationProblem, ProblemHttpResult>> RowOrRefusal(CommandResult result, CoordinationProblemService service, CancellationToken ct) =>
        result.Ok ? TypedResults.Ok((await service.FindAsync(result.Id!.Value, ct))!) : Refusal<Ok<CoordinationProblemRow>>(result);

    private static Results<TOk, ValidationProblem, ProblemHttpResult> Refusal<TOk>(CommandResult result) where TOk : IResult => result.Outcome switch
    {
        CommandOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: result.FirstError),
        CommandOutcome.Stale => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.FirstError),
        _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value), detail: result.FirstError),
    };
}

public static class WeeklyDispatchServices
{
    /// <summary>Options from "WeeklyDispatch" (checked at start) and the services.</summary>
    public static IServiceCollection AddWeeklyDispatch(this IServiceCollection services)
    {
        services.AddOptions<WeeklyDispatchOptions>().BindConfiguration(WeeklyDispatchOptions.Section)
            .Validate(o => Enum.IsDefined(o.Deadline.Day), "WeeklyDispatch:Deadline:Day must be a day of the week (Monday … Sunday)")
            .ValidateOnStart();
        services.AddScoped<WeeklyDispatchService>();
        services.AddScoped<WeeklyDispatchOverviewQuery>();
        services.AddScoped<WeeklyDispatchReminders>();
        services.AddScheduledJob<WeeklyDispatchReminderJob>(WeeklyDispatchReminderJob.Key, WeeklyDispatchReminderJob.DailyAt);
        services.AddScoped<WeeklyDispatchPunctuality>();
        services.AddScoped<Assessment.IAssessmentIndicatorSource, DispatchPunctualitySource>();
        services.AddScoped<CoordinationProblemService>();
        services.AddScoped<CoordinationProblemExport>();
        return services;
    }
}

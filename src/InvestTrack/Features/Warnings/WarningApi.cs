using InvestTrack.Features.Jobs;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Supervision;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Warnings;

/// <summary>
/// 旬预警 over HTTP: list, one warning, export, acknowledge and resolve (the unit's editors), run and settings (city staff
/// who manage warnings). A warning is addressed by its 旬, kind and subject (/api/warnings/2026-11-3/project/42): that
/// address stays the same when the 旬 is run again. Another unit's warning answers 404 exactly as a missing one.
/// </summary>
public static class WarningApi
{
    public static void MapWarningApi(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/warnings").WithTags("Warnings").RequireAuthorization(nameof(Operation.ViewRecords));
        read.MapGet("/", async Task<Results<Ok<WarningPage>, ValidationProblem>> (string? xun, WarningColour? colour, string? rule, int? unitId, WarningKind? kind,
            HandlingState? state, WarningSort? sort, int? page, int? pageSize, WarningReads reads, IStringLocalizer<WarningResource> t, CancellationToken ct) =>
        {
            if (BadXun(xun, t) is { } bad) return bad;
            return TypedResults.Ok(await reads.PageAsync(new WarningFilter(Key(xun), colour, rule, unitId, kind, state, sort ?? WarningSort.Colour, page ?? 1, pageSize ?? 50), ct));
        }).WithName("ListWarnings");
        read.MapGet("/export", async Task<Results<ExportFile, ValidationProblem>> (string? xun, WarningColour? colour, string? rule, int? unitId, WarningKind? kind,
            HandlingState? state, WarningSort? sort, WarningExport export, IStringLocalizer<WarningResource> t, CancellationToken ct) =>
        {
            if (BadXun(xun, t) is { } bad) return bad;
            return await export.ExportAsync(new WarningFilter(Key(xun), colour, rule, unitId, kind, state, sort ?? WarningSort.Colour), ct);
        }).RequireAuthorization(nameof(Operation.ExportRecords)).WithName("ExportWarnings");
        read.MapGet("/history/{kind}/{subjectId:int}", async (WarningKind kind, int subjectId, WarningReads reads, CancellationToken ct) =>
            TypedResults.Ok(await reads.HistoryAsync(kind, subjectId, ct: ct))).WithName("WarningHistory");
        read.MapGet("/{xun}/{kind}/{subjectId:int}", async Task<Results<Ok<WarningRow>, NotFound>> (string xun, WarningKind kind, int subjectId, WarningReads reads, CancellationToken ct) =>
            Xun.TryParse(xun, out var x) && await reads.FindAsync(x.ToString(), kind, subjectId, ct) is { } row ? TypedResults.Ok(row) : TypedResults.NotFound())
            .WithName("GetWarning");

        var write = api.MapGroup("/warnings/{xun}/{kind}/{subjectId:int}").WithTags("Warnings").RequireAuthorization(nameof(Operation.EditRecords))
            ;
        write.MapPost("/acknowledge", (string xun, WarningKind kind, int subjectId, HandlingForm form, WarningHandlingService handling, WarningReads reads, CancellationToken ct) =>
            Handle(xun, kind, subjectId, reads, x => handling.AcknowledgeAsync(x, kind, subjectId, form, ct), ct)).WithName("AcknowledgeWarning");
        write.MapPost("/resolve", (string xun, WarningKind kind, int subjectId, HandlingForm form, WarningHandlingService handling, WarningReads reads, CancellationToken ct) =>
            Handle(xun, kind, subjectId, reads, x => handling.ResolveAsync(x, kind, subjectId, form, ct), ct)).WithName("ResolveWarning");

        var city = api.MapGroup("/warnings").WithTags("Warnings").RequireAuthorization(nameof(Operation.ManageWarnings));
        city.MapGet("/settings", async (WarningSettingsStore store, CancellationToken ct) =>
        {
            var (options, version) = await store.LoadAsync(ct);
            return TypedResults.Ok(new WarningSettingsView(options, version));
        }).WithName("GetWarningSettings");
        var cityWrite = city.MapGroup("/");
        cityWrite.MapPut("/settings", async Task<Results<Ok<WarningSettingsView>, ValidationProblem, ProblemHttpResult>> (WarningSettingsView form, WarningSettingsStore store, CancellationToken ct) =>
        {
            var result = await store.SaveAsync(form.Options, form.Version, ct);
            if (!result.Ok) return Refusal<Ok<WarningSettingsView>>(result);
            var (options, version) = await store.LoadAsync(ct);
            return TypedResults.Ok(new WarningSettingsView(options, version));
        }).WithName("SaveWarningSettings");
        cityWrite.MapPost("/run", async Task<Results<Ok<WarningRunSummary>, ValidationProblem>> (RunRequest request, WarningRunService runs, CurrentUser user,
            IStringLocalizer<WarningResource> t, CancellationToken ct) =>
        {
            if (BadXun(request.Xun, t) is { } bad) return bad;
            var xun = request.Xun is null ? runs.LastCompleteXun() : Xun.Parse(request.Xun);
            if (!runs.HasEnded(xun)) return Invalid("xun", t["Run.Error.NotEnded", xun.Label]);
            return TypedResults.Ok(await runs.RunAsync(xun, user.UserName ?? "api", ct));
        }).WithName("RunWarnings");
    }

    /// <summary>The settings with the version read (optimistic concurrency).</summary>
    public sealed record WarningSettingsView(WarningOptions Options, int Version);

    private static string? Key(string? xun) => xun is null ? null : Xun.Parse(xun).ToString();

    private static ValidationProblem? BadXun(string? xun, IStringLocalizer<WarningResource> t) =>
        xun is null || Xun.TryParse(xun, out _) ? null : Invalid("xun", t["Run.Error.BadXun", xun]);

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message);

    private static async Task<Results<Ok<WarningRow>, ValidationProblem, ProblemHttpResult>> Handle(string xun, WarningKind kind, int subjectId, WarningReads reads,
        Func<string, Task<CommandResult>> command, CancellationToken ct)
    {
        if (!Xun.TryParse(xun, out var x)) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found");
        var result = await command(x.ToString());
        return result.Ok ? TypedResults.Ok((await reads.FindAsync(x.ToString(), kind, subjectId, ct))!) : Refusal<Ok<WarningRow>>(result);
    }

    private static Results<TOk, ValidationProblem, ProblemHttpResult> Refusal<TOk>(CommandResult result) where TOk : IResult => result.Outcome switch
    {
        CommandOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: result.FirstError),
        CommandOutcome.Stale => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.FirstError),
        _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value), detail: result.FirstError),
    };
}

public static class WarningServices
{
    public static IServiceCollection AddWarnings(this IServiceCollection services)
    {
        services.AddSingleton<WarningRunService>();
        services.AddScheduledJob<WarningRunJob>(WarningRunJob.Key, WarningRunJob.DailyAt);
        services.AddScoped<WarningSettingsStore>().AddScoped<WarningReads>().AddScoped<WarningHandlingService>().AddScoped<WarningExport>().AddScoped<WarningNotices>();
        return services;
    }
}

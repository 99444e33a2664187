using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.Projects;

/// <summary>
/// Project writes and history over HTTP: the same service as the pages. Invalid input answers 400 with field
/// errors, a missing or foreign project (or unit) 404, a stale version 409; writes need the
/// X-Requested-With header (docs/decisions/0005-api-csrf.md).
/// </summary>
public static class ProjectCommandsApi
{
    public static void MapProjectCommands(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/projects").WithTags("Projects").RequireAuthorization(nameof(Operation.ViewRecords));
        read.MapGet("/{id}/history", async Task<Results<Ok<ProjectHistory>, NotFound>> (int id, ProjectReads reads, CancellationToken ct) =>
            await reads.HistoryAsync(id, ct) is { } history ? TypedResults.Ok(history) : TypedResults.NotFound())
            .WithName("GetProjectHistory");

        var write = api.MapGroup("/projects").WithTags("Projects").RequireAuthorization(nameof(Operation.EditRecords))
            ;

        // The code a new project gets when its code is left empty, as things stand now (the form shows it).
        write.MapGet("/next-code", async (ProjectService service, CancellationToken ct) => TypedResults.Ok(new { code = await service.SuggestCodeAsync(ct) }))
            .WithName("SuggestProjectCode");

        write.MapPost("/", async Task<Results<Created<ProjectDetail>, ValidationProblem, ProblemHttpResult>> (
            ProjectForm form, ProjectService service, ProjectReads reads, CancellationToken ct) =>
        {
            var result = await service.CreateAsync(form, ct);
            if (!result.Ok) return Refusal<Created<ProjectDetail>>(result);
            return TypedResults.Created($"/api/projects/{result.Id}", await reads.FindAsync(result.Id!.Value, ct));
        }).WithName("CreateProject");

        write.MapPut("/{id}", async Task<Results<Ok<ProjectDetail>, ValidationProblem, ProblemHttpResult>> (
            int id, ProjectForm form, ProjectService service, ProjectReads reads, CancellationToken ct) =>
            await DetailOrRefusal(await service.UpdateAsync(id, form, ct), id, reads, ct))
            .WithName("UpdateProject");

        write.MapPost("/{id}/stage", async Task<Results<Ok<ProjectDetail>, ValidationProblem, ProblemHttpResult>> (
            int id, StageCommand command, ProjectService service, ProjectReads reads, CancellationToken ct) =>
            await DetailOrRefusal(await service.ChangeStageAsync(id, command, ct), id, reads, ct))
            .WithName("ChangeProjectStage");

        write.MapPost("/{id}/progress", async Task<Results<Ok<ProjectHistory>, ValidationProblem, ProblemHttpResult>> (
            int id, ProgressForm form, ProjectService service, ProjectReads reads, CancellationToken ct) =>
            await HistoryOrRefusal(await service.AddProgressAsync(id, form, ct), id, reads, ct))
            .WithName("AddProjectProgress");

        write.MapPut("/{id}/milestones/{kind}", async Task<Results<Ok<ProjectHistory>, ValidationProblem, ProblemHttpResult>> (
            int id, string kind, MilestoneForm form, ProjectService service, ProjectReads reads, CancellationToken ct) =>
            await HistoryOrRefusal(await service.SetMilestoneAsync(id, kind, form, ct), id, reads, ct))
            .WithName("SetProjectMilestone");
    }

    private static async Task<Results<Ok<ProjectDetail>, ValidationProblem, ProblemHttpResult>> DetailOrRefusal(
        CommandResult result, int id, ProjectReads reads, CancellationToken ct) =>
        result.Ok ? TypedResults.Ok((await reads.FindAsync(id, ct))!) : Refusal<Ok<ProjectDetail>>(result);

    private static async Task<Results<Ok<ProjectHistory>, ValidationProblem, ProblemHttpResult>> HistoryOrRefusal(
        CommandResult result, int id, ProjectReads reads, CancellationToken ct) =>
        result.Ok ? TypedResults.Ok((await reads.HistoryAsync(id, ct))!) : Refusal<Ok<ProjectHistory>>(result);

    /// <summary>400 with the field errors, 404 (missing, foreign, or a unit outside the scope) or 409 (stale).</summary>
    private static Results<TOk, ValidationProblem, ProblemHttpResult> Refusal<TOk>(CommandResult result) where TOk : IResult => result.Outcome switch
    {
        CommandOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: result.FirstError),
        CommandOutcome.Stale => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.FirstError),
        _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value), detail: result.FirstError),
    };
}

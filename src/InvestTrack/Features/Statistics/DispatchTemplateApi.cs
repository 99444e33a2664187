using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.Statistics;

/// <summary>
/// GET/PUT/DELETE /api/reports/dispatch/template: the wording in force with its placeholders; a save by city
/// staff (400 with the problems, 409 on a stale version, 403 for anyone else); DELETE restores the default.
/// Writes need the X-Requested-With header (docs/decisions/0005-api-csrf.md).
/// </summary>
public static class DispatchTemplateApi
{
    public static void MapDispatchTemplateApi(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/dispatch/template", async (DispatchTemplates templates, CancellationToken ct) => TypedResults.Ok(await templates.GetAsync(ct)))
            .WithTags("Reports").WithName("DispatchTemplate").RequireAuthorization(nameof(Operation.ViewRecords));

        var write = api.MapGroup("/reports/dispatch/template").WithTags("Reports")
            .RequireAuthorization(nameof(Operation.EditRecords));

        write.MapPut("/", async Task<Results<Ok<DispatchTemplateView>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
                DispatchTemplateForm form, DispatchTemplates templates, CancellationToken ct) =>
            await Guarded(() => templates.SaveAsync(form, ct), templates, ct))
            .WithName("SaveDispatchTemplate");

        write.MapDelete("/", async Task<Results<Ok<DispatchTemplateView>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
                int? version, DispatchTemplates templates, CancellationToken ct) =>
            await Guarded(() => templates.ResetAsync(version, ct), templates, ct))
            .WithName("ResetDispatchTemplate");
    }

    /// <summary>The service refuses (and audits the refusal) for a unit user, who passes the EditRecords policy.</summary>
    private static async Task<Results<Ok<DispatchTemplateView>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Guarded(
        Func<Task<TemplateSaveResult>> write, DispatchTemplates templates, CancellationToken ct)
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
}

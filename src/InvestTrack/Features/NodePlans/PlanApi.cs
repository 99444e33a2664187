using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.NodePlans;

/// <summary>
/// Node plans over HTTP, the same services as the pages: 400 with field errors, 404 for a missing or foreign project,
/// step or adjustment, 409 for a stale version; writes need the X-Requested-With header (docs/decisions/0005-api-csrf.md).
/// </summary>
public static class PlanApi
{
    public static void MapPlanApi(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/").WithTags("Plans").RequireAuthorization(nameof(Operation.ViewRecords));
        read.MapGet("/projects/{id}/plan", async Task<Results<Ok<PlanView>, NotFound>> (int id, PlanService plans, CancellationToken ct) =>
            await plans.ViewAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound()).WithName("GetProjectPlan");
        read.MapGet("/plans/templates", async (PlanTemplates templates, CancellationToken ct) => TypedResults.Ok(await templates.ListAsync(ct)))
            .WithName("ListPlanTemplates");

        var write = api.MapGroup("/projects/{id}/plan").WithTags("Plans").RequireAuthorization(nameof(Operation.EditRecords))
            ;
        write.MapPost("/", async (int id, PlanService plans, CancellationToken ct) => await ViewOrRefusal(await plans.GenerateAsync(id, ct), id, plans, ct))
            .WithName("GenerateProjectPlan");
        write.MapPost("/steps/{stepId}/adjustments", async (int id, int stepId, AdjustmentForm form, PlanService plans, CancellationToken ct) =>
            await ViewOrRefusal(await plans.RequestAdjustmentAsync(id, stepId, form, ct), id, plans, ct)).WithName("RequestPlanAdjustment");
        write.MapPost("/steps/{stepId}/close", async (int id, int stepId, CloseStepForm form, PlanService plans, CancellationToken ct) =>
            await ViewOrRefusal(await plans.CloseStepAsync(id, stepId, form, ct), id, plans, ct)).WithName("ClosePlanStep");

        var city = api.MapGroup("/plans").WithTags("Plans").RequireAuthorization(nameof(Operation.ManagePlans));
        city.MapGet("/adjustments", async (AdjustmentState? state, PlanService plans, CancellationToken ct) =>
            TypedResults.Ok(await plans.AdjustmentsAsync(state, ct))).WithName("ListPlanAdjustments");
        var cityWrite = city.MapGroup("/");
        cityWrite.MapPost("/adjustments/{adjustmentId}/decision", async Task<Results<Ok<PlanView>, ValidationProblem, ProblemHttpResult>> (
            int adjustmentId, DecisionForm form, PlanService plans, CancellationToken ct) =>
        {
            var result = await plans.DecideAsync(adjustmentId, form, ct);
            return await ViewOrRefusal(result, result.Id ?? 0, plans, ct);
        }).WithName("DecidePlanAdjustment");
        cityWrite.MapPut("/templates/{projectType}", async Task<Results<Ok<IReadOnlyList<TemplateView>>, ValidationProblem, ProblemHttpResult>> (
            string projectType, TemplateForm form, PlanTemplates templates, CancellationToken ct) =>
        {
            var result = await templates.SaveAsync(projectType, form, ct);
            return result.Ok ? TypedResults.Ok(await templates.ListAsync(ct)) : Refusal<Ok<IReadOnlyList<TemplateView>>>(result);
        }).WithName("SavePlanTemplate");
    }

    private static async Task<Results<Ok<PlanView>, ValidationProblem, ProblemHttpResult>> ViewOrRefusal(CommandResult result, int projectId, PlanService plans, CancellationToken ct) =>
        result.Ok ? TypedResults.Ok((await plans.ViewAsync(projectId, ct))!) : Refusal<Ok<PlanView>>(result);

    private static Results<TOk, ValidationProblem, ProblemHttpResult> Refusal<TOk>(CommandResult result) where TOk : IResult => result.Outcome switch
    {
        CommandOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: result.FirstError),
        CommandOutcome.Stale => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.FirstError),
        _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value), detail: result.FirstError),
    };
}

public static class PlanServices
{
    public static IServiceCollection AddNodePlans(this IServiceCollection services) =>
        services.AddScoped<PlanService>().AddScoped<PlanTemplates>();
}

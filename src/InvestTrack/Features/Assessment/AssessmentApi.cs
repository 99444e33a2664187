using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Assessment;

/// <summary>
/// 考核 over HTTP, the same services as the pages: schemes (read by everyone who reads records, written by city staff),
/// rankings (published: everyone who reads records; draft: users who see the whole city; publish and the bonus and
/// deduction entries: city staff). 400 with field errors, 404 for a missing id or an unpublished month, 409 for a stale
/// version or a month published already; writes need the X-Requested-With header (docs/decisions/0005-api-csrf.md).
/// </summary>
public static class AssessmentApi
{
    public static void MapAssessmentApi(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/assessment").WithTags("Assessment").RequireAuthorization(nameof(Operation.ViewRecords));
        read.MapGet("/schemes", async (int? year, SchemeService schemes, CancellationToken ct) => TypedResults.Ok(await schemes.ListAsync(year, ct)))
            .WithName("ListAssessmentSchemes");
        read.MapGet("/schemes/{id:int}", async Task<Results<Ok<SchemeView>, ProblemHttpResult>> (int id, SchemeService schemes, IStringLocalizer<AssessmentResource> t, CancellationToken ct) =>
            await schemes.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : NotFound(t["Scheme.Error.NotFound"])).WithName("GetAssessmentScheme");
        read.MapGet("/rankings/{year:int}/{month:int}", async (int year, int month, RankingService rankings, IStringLocalizer<AssessmentResource> t, CancellationToken ct) =>
            Answer(await rankings.PublishedAsync(year, month, ct), t, year, month)).WithName("GetPublishedRanking");
        read.MapGet("/rankings/{year:int}/{month:int}/rescore", async (int year, int month, RankingService rankings, IStringLocalizer<AssessmentResource> t, CancellationToken ct) =>
            Answer(await rankings.RescoreAsync(year, month, ct), t, year, month)).WithName("RescorePublishedRanking");
        read.MapGet("/rankings/{year:int}/{month:int}/draft", async (int year, int month, int? schemeId, RankingService rankings, IStringLocalizer<AssessmentResource> t, CancellationToken ct) =>
            Answer(await rankings.DraftAsync(year, month, schemeId, ct), t, year, month)).WithName("PreviewDraftRanking");
        api.MapGet("/assessment/rankings/{year:int}/{month:int}/export.xlsx", async (int year, int month, bool? draft, RankingService rankings, IStringLocalizer<AssessmentResource> t, CancellationToken ct) =>
        {
            var (view, error) = draft == true ? await rankings.DraftAsync(year, month, null, ct) : await rankings.PublishedAsync(year, month, ct);
            return view is null ? (IResult)Answer((view, error), t, year, month) : await rankings.ExportAsync(view, ct);
        }).WithTags("Assessment").WithName("ExportRanking").RequireAuthorization(nameof(Operation.ExportRecords));

        var city = api.MapGroup("/assessment").WithTags("Assessment").RequireAuthorization(nameof(Operation.ManageAssessment));
        city.MapGet("/adjustments", async (int? year, int? month, RankingService rankings, TimeProvider clock, CancellationToken ct) =>
        {
            var today = Kernel.ChinaTime.Today(clock);
            return TypedResults.Ok(await rankings.AdjustmentsAsync(year ?? today.Year, month ?? today.Month, ct));
        }).WithName("ListRankingAdjustments");
        var write = city.MapGroup("/");
        write.MapPost("/schemes", async (SchemeCreateForm form, SchemeService schemes, CancellationToken ct) => await SchemeOr(await schemes.CreateAsync(form, ct), schemes, ct))
            .WithName("CreateAssessmentScheme");
        write.MapPut("/schemes/{id:int}", async (int id, SchemeEditForm form, SchemeService schemes, CancellationToken ct) => await SchemeOr(await schemes.EditAsync(id, form, ct), schemes, ct))
            .WithName("EditAssessmentScheme");
        write.MapPost("/schemes/{id:int}/publish", async (int id, PublishForm form, SchemeService schemes, CancellationToken ct) => await SchemeOr(await schemes.PublishAsync(id, form, ct), schemes, ct))
            .WithName("PublishAssessmentScheme");
        write.MapPost("/rankings/{year:int}/{month:int}/publish", async Task<Results<Ok<RankingView>, ValidationProblem, ProblemHttpResult>> (int year, int month, RankingService rankings, CancellationToken ct) =>
        {
            var (result, view) = await rankings.PublishAsync(year, month, ct);
            return result.Ok ? TypedResults.Ok(view!) : Refusal<Ok<RankingView>>(result);
        }).WithName("PublishRanking");
        write.MapPut("/adjustments", async Task<Results<Ok<IReadOnlyList<AdjustmentEntry>>, ValidationProblem, ProblemHttpResult>> (AdjustmentEntryForm form, RankingService rankings, CancellationToken ct) =>
        {
            var result = await rankings.SetAdjustmentAsync(form, ct);
            return result.Ok ? TypedResults.Ok(await rankings.AdjustmentsAsync(form.Year, form.Month, ct)) : Refusal<Ok<IReadOnlyList<AdjustmentEntry>>>(result);
        }).WithName("SetRankingAdjustment");
    }

    private static async Task<Results<Ok<SchemeView>, ValidationProblem, ProblemHttpResult>> SchemeOr(CommandResult result, SchemeService schemes, CancellationToken ct) =>
        result.Ok ? TypedResults.Ok((await schemes.GetAsync(result.Id!.Value, ct))!) : Refusal<Ok<SchemeView>>(result);

    private static Results<Ok<RankingView>, ValidationProblem, ProblemHttpResult> Answer((RankingView? View, RankingError Error) answer, IStringLocalizer<AssessmentResource> t, int year, int month) =>
        answer switch
        {
            ({ } view, _) => TypedResults.Ok(view),
            (_, RankingError.BadPeriod) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = [t["Ranking.Error.Period"]] }, detail: t["Ranking.Error.Period"]),
            (_, RankingError.Forbidden) => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: t["Ranking.Error.DraftForbidden"]),
            (_, RankingError.NoScheme) => NotFound(t["Ranking.Error.NoScheme", year]),
            _ => NotFound(t["Ranking.Error.NotPublished", year, month]),
        };

    private static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: detail);

    private static Results<TOk, ValidationProblem, ProblemHttpResult> Refusal<TOk>(CommandResult result) where TOk : IResult => result.Outcome switch
    {
        CommandOutcome.NotFound => NotFound(result.FirstError),
        CommandOutcome.Stale => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.FirstError),
        _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value), detail: result.FirstError),
    };
}

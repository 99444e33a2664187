using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Bulletins;

/// <summary>
/// 月通报 over HTTP, the same service as the pages: published bulletins and their files for everyone who reads records;
/// drafts, generation, the preface and publication for city staff (ManageBulletins). 400 with field errors, 403 for a
/// draft read by someone else, 404 for a month without a bulletin, 409 for a stale version or a published bulletin;
/// writes need the X-Requested-With header (docs/decisions/0005-api-csrf.md).
/// </summary>
public static class BulletinApi
{
    public static void MapBulletinApi(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/bulletins").WithTags("Bulletins").RequireAuthorization(nameof(Operation.ViewRecords));
        read.MapGet("/", async (int? year, BulletinService bulletins, CancellationToken ct) => TypedResults.Ok(await bulletins.ListAsync(year, ct)))
            .WithName("ListBulletins");
        read.MapGet("/{year:int}/{month:int}", async (int year, int month, BulletinService bulletins, IStringLocalizer<BulletinResource> t, CancellationToken ct) =>
            Answer(await bulletins.GetAsync(year, month, ct), t, year, month)).WithName("GetBulletin");
        read.MapGet("/{year:int}/{month:int}/bulletin.docx", (int year, int month, BulletinService bulletins, IStringLocalizer<BulletinResource> t, CancellationToken ct) =>
            DownloadAsync(year, month, BulletinFileKind.Docx, bulletins, t, ct)).WithName("DownloadBulletinDocx");
        read.MapGet("/{year:int}/{month:int}/bulletin.xlsx", (int year, int month, BulletinService bulletins, IStringLocalizer<BulletinResource> t, CancellationToken ct) =>
            DownloadAsync(year, month, BulletinFileKind.Xlsx, bulletins, t, ct)).WithName("DownloadBulletinXlsx");

        var city = api.MapGroup("/bulletins").WithTags("Bulletins").RequireAuthorization(nameof(Operation.ManageBulletins));
        city.MapGet("/drafts", async (BulletinService bulletins, CancellationToken ct) =>
            TypedResults.Ok((await bulletins.ListAsync(null, ct)).Where(b => b.State == BulletinState.Draft).ToList())).WithName("ListBulletinDrafts");
        var write = city.MapGroup("/");
        write.MapPost("/{year:int}/{month:int}/draft", async (int year, int month, BulletinService bulletins, IStringLocalizer<BulletinResource> t, CancellationToken ct) =>
            await ViewOr(await bulletins.GenerateDraftAsync(year, month, ct), bulletins, t, year, month, ct)).WithName("GenerateBulletinDraft");
        write.MapPut("/{year:int}/{month:int}/preface", async (int year, int month, BulletinPrefaceForm form, BulletinService bulletins, IStringLocalizer<BulletinResource> t, CancellationToken ct) =>
            await ViewOr(await bulletins.SetPrefaceAsync(year, month, form, ct), bulletins, t, year, month, ct)).WithName("SetBulletinPreface");
        write.MapPost("/{year:int}/{month:int}/publish", async (int year, int month, BulletinPublishForm form, BulletinService bulletins, IStringLocalizer<BulletinResource> t, CancellationToken ct) =>
            await ViewOr(await bulletins.PublishAsync(year, month, form, ct), bulletins, t, year, month, ct)).WithName("PublishBulletin");
    }

    private static async Task<IResult> DownloadAsync(int year, int month, BulletinFileKind kind, BulletinService bulletins, IStringLocalizer<BulletinResource> t, CancellationToken ct)
    {
        var (file, error) = await bulletins.DownloadAsync(year, month, kind, ct);
        if (file is null) return Answer((null, error), t, year, month);
        var result = new Kernel.ExportFile((output, c) => output.WriteAsync(file.Content, c).AsTask(), file.ContentType, file.FileName, file.AsciiFileName);
        return result;
    }

    private static async Task<Results<Ok<BulletinView>, ValidationProblem, ProblemHttpResult>> ViewOr(CommandResult result, BulletinService bulletins,
        IStringLocalizer<BulletinResource> t, int year, int month, CancellationToken ct)
    {
        if (!result.Ok) return Refusal(result);
        var (view, error) = await bulletins.GetAsync(year, month, ct);
        return view is null ? Problem(error, t, year, month) : TypedResults.Ok(view);
    }

    private static Results<Ok<BulletinView>, ValidationProblem, ProblemHttpResult> Answer((BulletinView? View, BulletinError Error) answer, IStringLocalizer<BulletinResource> t, int year, int month) =>
        answer.View is { } view ? TypedResults.Ok(view) : Problem(answer.Error, t, year, month);

    private static ProblemHttpResult Problem(BulletinError error, IStringLocalizer<BulletinResource> t, int year, int month) => error switch
    {
        BulletinError.BadPeriod => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request", detail: t["Error.Period"]),
        BulletinError.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: t["Error.DraftForbidden"]),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: t["Error.NotFound", year, month]),
    };

    private static Results<Ok<BulletinView>, ValidationProblem, ProblemHttpResult> Refusal(CommandResult result) => result.Outcome switch
    {
        CommandOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: result.FirstError),
        CommandOutcome.Stale => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.FirstError),
        _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value), detail: result.FirstError),
    };
}

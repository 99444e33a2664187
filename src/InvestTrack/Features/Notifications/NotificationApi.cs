using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.Notifications;

/// <summary>The signed-in user's inbox, and the robot webhooks with the outbox's state (city staff who manage warnings).</summary>
public static class NotificationApi
{
    public static void MapNotificationApi(this RouteGroupBuilder api)
    {
        var inbox = api.MapGroup("/inbox").WithTags("Notifications");
        inbox.MapGet("/", async (int? page, bool? unread, InboxService service, CancellationToken ct) =>
            TypedResults.Ok(await service.PageAsync(page ?? 1, unread ?? false, ct))).WithName("ListInbox");
        var inboxWrite = inbox.MapGroup("/");
        inboxWrite.MapPost("/{id:long}/read", async Task<Results<NoContent, NotFound>> (long id, InboxService service, CancellationToken ct) =>
            await service.MarkReadAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound()).WithName("MarkInboxRead");
        inboxWrite.MapPost("/read", async (InboxService service, CancellationToken ct) =>
        {
            await service.MarkReadAsync(null, ct);
            return TypedResults.NoContent();
        }).WithName("MarkInboxAllRead");

        var hooks = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization(nameof(Operation.ManageWarnings));
        hooks.MapGet("/webhooks", async (WebhookAdmin admin, CancellationToken ct) => TypedResults.Ok(await admin.ListAsync(ct))).WithName("ListWebhooks");
        hooks.MapGet("/outbox", async (WebhookAdmin admin, CancellationToken ct) => TypedResults.Ok(await admin.OutboxAsync(ct: ct))).WithName("ListOutbox");
        var hooksWrite = hooks.MapGroup("/");
        hooksWrite.MapPost("/webhooks", async Task<Results<Ok<WebhookView>, ValidationProblem, ProblemHttpResult>> (WebhookForm form, WebhookAdmin admin, CancellationToken ct) =>
            await Saved(await admin.SaveAsync(0, form, ct), admin, ct)).WithName("AddWebhook");
        hooksWrite.MapPut("/webhooks/{id:int}", async Task<Results<Ok<WebhookView>, ValidationProblem, ProblemHttpResult>> (int id, WebhookForm form, WebhookAdmin admin, CancellationToken ct) =>
            await Saved(await admin.SaveAsync(id, form, ct), admin, ct)).WithName("SaveWebhook");
        hooksWrite.MapDelete("/webhooks/{id:int}", async Task<Results<NoContent, NotFound>> (int id, WebhookAdmin admin, CancellationToken ct) =>
            await admin.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound()).WithName("DeleteWebhook");
    }

    private static async Task<Results<Ok<WebhookView>, ValidationProblem, ProblemHttpResult>> Saved(CommandResult result, WebhookAdmin admin, CancellationToken ct)
    {
        if (result.Ok) return TypedResults.Ok((await admin.ListAsync(ct)).Single(w => w.Id == result.Id));
        return result.Outcome switch
        {
            CommandOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: result.FirstError),
            CommandOutcome.Stale => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.FirstError),
            _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value), detail: result.FirstError),
        };
    }
}

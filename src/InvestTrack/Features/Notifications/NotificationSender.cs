using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.Notifications;

/// <summary>
/// Who gets a notification: these users (in-app inbox, and e-mail to those with an address when SMTP is configured), and
/// with <see cref="Robots"/> every enabled robot webhook (the groups of the city's staff).
/// </summary>
public sealed record Recipients(IReadOnlyCollection<string> UserIds, bool Robots = false);

/// <summary>
/// Sends a notification to people: any feature may use it (warnings, reminders, orders). It only writes rows — the inbox
/// messages and the outbox rows for e-mail and webhooks — in one save; delivery happens later in
/// <see cref="OutboxProcessor"/>, so the caller never waits for a mail server or a robot.
/// </summary>
public interface INotificationSender
{
    Task SendAsync(Recipients recipients, string title, string body, string? link, CancellationToken ct = default);

    /// <summary>
    /// Adds the same rows to the caller's context without saving: they are written with the caller's own change, in its
    /// transaction, so that a notification and what it reports are stored together or not at all (a retried job that
    /// finds the change done does not lose or repeat the notice).
    /// </summary>
    Task AddAsync(AppDbContext db, Recipients recipients, string title, string body, string? link, CancellationToken ct = default);
}

public sealed class NotificationSender(IDbContextFactory<AppDbContext> dbFactory, IOptions<SmtpOptions> smtp, TimeProvider clock) : INotificationSender
{
    public async Task SendAsync(Recipients recipients, string title, string body, string? link, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        await AddAsync(db, recipients, title, body, link, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task AddAsync(AppDbContext db, Recipients recipients, string title, string body, string? link, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var ids = recipients.UserIds.Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && !u.IsDisabled).Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        foreach (var user in users)
        {
            db.InboxMessages.Add(new InboxMessage { UserId = user.Id, Title = title, Body = body, Link = link, CreatedAt = now });
            if (smtp.Value.Enabled && !string.IsNullOrWhiteSpace(user.Email))
                db.OutboxMessages.Add(Outgoing(OutboxChannel.Email, user.Email, null));
        }
        if (recipients.Robots)
            foreach (var hook in await db.WebhookEndpoints.AsNoTracking().Where(w => w.Enabled).Select(w => new { w.Id, w.Name }).ToListAsync(ct))
                db.OutboxMessages.Add(Outgoing(OutboxChannel.Webhook, hook.Name, hook.Id));

        OutboxMessage Outgoing(OutboxChannel channel, string target, int? webhookId) => new()
        {
            Channel = channel, Target = target, WebhookId = webhookId, Title = title, Body = body, Link = link, CreatedAt = now, NextAttemptAt = now,
        };
    }
}

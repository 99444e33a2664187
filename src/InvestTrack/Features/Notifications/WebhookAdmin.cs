using InvestTrack.Data;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Notifications;

public sealed record WebhookView(int Id, string Name, WebhookFormat Format, string Url, bool HasSecret, bool Enabled, int Version);

/// <summary>Null <see cref="Secret"/> keeps the stored one; an empty one removes it.</summary>
public sealed record WebhookForm(string Name, WebhookFormat Format, string Url, string? Secret, bool Enabled, int Version);

public sealed record OutboxRow(long Id, OutboxChannel Channel, string Target, string Title, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, DateTimeOffset? FailedAt, string? LastError);

/// <summary>
/// The robot webhooks, configured by city staff who manage the warnings (Operation.ManageWarnings): an address that is
/// not https (loopback excepted) is refused with a message; the DingTalk secret is stored encrypted and never shown again.
/// </summary>
public sealed class WebhookAdmin(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, IDataProtectionProvider protection, IStringLocalizer<WarningResource> t)
{
    public bool CanManage => actor.Can(Operation.ManageWarnings);

    public async Task<IReadOnlyList<WebhookView>> ListAsync(CancellationToken ct = default)
    {
        if (!CanManage) return [];
        await using var db = dbFactory.CreateDbContext();
        return await db.WebhookEndpoints.AsNoTracking().OrderBy(w => w.Id)
            .Select(w => new WebhookView(w.Id, w.Name, w.Format, w.Url, w.ProtectedSecret != null, w.Enabled, w.Version)).ToListAsync(ct);
    }

    /// <summary>The latest outgoing messages with their attempts and errors: failures are visible, not only logged.</summary>
    public async Task<IReadOnlyList<OutboxRow>> OutboxAsync(int take = 100, CancellationToken ct = default)
    {
        if (!CanManage) return [];
        await using var db = dbFactory.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.Id).Take(take)
            .Select(m => new OutboxRow(m.Id, m.Channel, m.Target, m.Title, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.FailedAt, m.LastError)).ToListAsync(ct);
    }

    /// <summary>Creates (id 0) or updates a webhook.</summary>
    public async Task<CommandResult> SaveAsync(int id, WebhookForm form, CancellationToken ct = default)
    {
        if (!CanManage) return CommandResult.Fail(CommandOutcome.NotFound, "", t["Error.NotFound"]);
        var name = form.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100) return CommandResult.Fail(CommandOutcome.Invalid, nameof(form.Name), t["Webhook.Error.Name"]);
        if (!Enum.IsDefined(form.Format)) return CommandResult.Fail(CommandOutcome.Invalid, nameof(form.Format), t["Webhook.Error.Format"]);
        var url = form.Url?.Trim() ?? "";
        if (url.Length > 1000 || !WebhookMessage.IsAllowedUrl(url)) return CommandResult.Fail(CommandOutcome.Invalid, nameof(form.Url), t["Webhook.Error.Url"]);
        if (form.Secret is { Length: > 200 }) return CommandResult.Fail(CommandOutcome.Invalid, nameof(form.Secret), t["Webhook.Error.Secret"]);
        await using var db = dbFactory.CreateDbContext();
        WebhookEndpoint? hook;
        if (id == 0)
        {
            hook = new WebhookEndpoint { Name = name, Url = url, Version = 1 };
            db.WebhookEndpoints.Add(hook);
        }
        else
        {
            hook = await db.WebhookEndpoints.SingleOrDefaultAsync(w => w.Id == id, ct);
            if (hook is null) return CommandResult.Fail(CommandOutcome.NotFound, "", t["Error.NotFound"]);
            if (hook.Version != form.Version) return CommandResult.Fail(CommandOutcome.Stale, "", t["Error.Stale"]);
        }
        hook.Name = name;
        hook.Url = url;
        hook.Format = form.Format;
        hook.Enabled = form.Enabled;
        if (form.Secret is { } secret)
            hook.ProtectedSecret = secret.Trim().Length == 0 ? null : protection.CreateProtector(OutboxDelivery.ProtectorPurpose).Protect(secret.Trim());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Fail(CommandOutcome.Stale, "", t["Error.Stale"]);
        }
        return CommandResult.Success(hook.Id, hook.Version);
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken ct = default)
    {
        if (!CanManage) return false;
        await using var db = dbFactory.CreateDbContext();
        var hook = await db.WebhookEndpoints.SingleOrDefaultAsync(w => w.Id == id, ct);
        if (hook is null) return false;
        db.WebhookEndpoints.Remove(hook);
        await db.SaveChangesAsync(ct);
        return true;
    }
}

using InvestTrack.Data;
using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.Notifications;

/// <summary>
/// Delivers the outbox: each due message is claimed (so that two app instances never send it twice), tried once, and
/// either marked sent or given its next attempt after an exponentially growing wait; after the last attempt it is marked
/// failed with its error, logged and listed on the webhooks page. Runs in the web app as a background service.
/// </summary>
public sealed class OutboxProcessor(IServiceScopeFactory scopes, IOptions<OutboxOptions> options, ILogger<OutboxProcessor> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "outbox delivery failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>One pass over the due messages; also called directly (tests, the command line).</summary>
public sealed class OutboxDelivery(
    IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, IHttpClientFactory http, IOptions<SmtpOptions> smtp, IOptions<OutboxOptions> options,
    IDataProtectionProvider protection, TimeProvider clock, ILogger<OutboxDelivery> log)
{
    public const string ProtectorPurpose = "InvestTrack.Notifications.WebhookSecret";
    public const string HttpClientName = "webhooks";

    /// <summary>Delivers every message due now; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        if (!actor.IsAuthenticated) actor.SetSystem("outbox");
        await using var db = dbFactory.CreateDbContext();
        var now = clock.GetUtcNow();
        // SQL text, since SQLite cannot compare a DateTimeOffset in LINQ (moments are stored in UTC on both providers).
        var due = await db.OutboxMessages.FromSql($"SELECT * FROM \"OutboxMessages\" WHERE \"SentAt\" IS NULL AND \"FailedAt\" IS NULL AND \"NextAttemptAt\" <= {now.ToUniversalTime()}")
            .AsNoTracking().OrderBy(m => m.Id).Take(100).ToListAsync(ct);
        var sent = 0;
        foreach (var message in due)
        {
            // Claim: only the instance whose update still sees the attempt count it read goes on.
            var lease = now.AddMinutes(5);
            var claimed = await db.OutboxMessages.Where(m => m.Id == message.Id && m.Attempts == message.Attempts && m.SentAt == null && m.FailedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Attempts, message.Attempts + 1).SetProperty(m => m.NextAttemptAt, lease), ct);
            if (claimed == 0) continue;
            var attempt = message.Attempts + 1;
            string? error;
            try
            {
                error = await DeliverAsync(db, message, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = e.Message;
            }
            var at = clock.GetUtcNow();
            if (error is null)
            {
                sent++;
                await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.SentAt, at).SetProperty(m => m.LastError, (string?)null), ct);
                continue;
            }
            error = error.Length > 1000 ? error[..1000] : error;
            if (attempt >= options.Value.MaxAttempts)
            {
                log.LogError("outbox message {Id} ({Channel} to {Target}) failed after {Attempts} attempts: {Error}", message.Id, message.Channel, message.Target, attempt, error);
                await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.FailedAt, at).SetProperty(m => m.LastError, error), ct);
            }
            else
            {
                var next = at + options.Value.FirstRetryDelay * Math.Pow(2, attempt - 1);
                log.LogWarning("outbox message {Id} ({Channel} to {Target}) attempt {Attempt} failed, next at {Next}: {Error}", message.Id, message.Channel, message.Target, attempt, next, error);
                await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.LastError, error), ct);
            }
        }
        return sent;
    }

    /// <summary>Null when delivered, else why not.</summary>
    private async Task<string?> DeliverAsync(AppDbContext db, OutboxMessage stored, CancellationToken ct)
    {
        var message = new OutboxMessage
        {
            Channel = stored.Channel, Target = stored.Target, WebhookId = stored.WebhookId, Title = stored.Title, Body = stored.Body,
            Link = options.Value.Absolute(stored.Link),
        };
        if (message.Channel == OutboxChannel.Email) return await EmailDelivery.SendAsync(smtp.Value, message, ct);
        var hook = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(w => w.Id == message.WebhookId, ct);
        if (hook is null || !hook.Enabled) return "webhook removed or disabled";
        if (!WebhookMessage.IsAllowedUrl(hook.Url)) return "webhook address not allowed (https, or http to loopback only)";
        var url = hook.Url;
        if (hook.Format == WebhookFormat.DingTalk && hook.ProtectedSecret is { } protectedSecret)
            url = WebhookMessage.SignedUrl(url, clock.GetUtcNow().ToUnixTimeMilliseconds(), protection.CreateProtector(ProtectorPurpose).Unprotect(protectedSecret));
        using var content = new StringContent(WebhookMessage.Body(hook.Format, message.Title, message.Body, message.Link), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.CreateClient(HttpClientName).PostAsync(url, content, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) return $"HTTP {(int)response.StatusCode}: {text}";
        // Both robots answer 200 with {"errcode":0,…}; any other errcode is a refusal (bad token, bad sign, rate limit).
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(text);
            if (json.RootElement.TryGetProperty("errcode", out var code) && code.TryGetInt32(out var value) && value != 0) return $"errcode {value}: {text}";
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: a relay that answered 2xx took it.
        }
        return null;
    }
}

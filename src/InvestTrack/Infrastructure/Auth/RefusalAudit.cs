using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using InvestTrack.Features.Audit;
using Microsoft.AspNetCore.Diagnostics;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>
/// Refused access is audited with who, what and from where (docs/security.md 18): a signed-in user's request or page
/// that answers 403, or 404 — which is also the answer for another unit's record (item 2). A scan must not flood the
/// trail, so each user leaves at most <c>Security:RefusalsAuditedPerMinute</c> such entries a minute, and the first
/// refusal over that number leaves one entry saying that the rest of the minute goes unrecorded. Refusals that a
/// service has already audited (AdminGuard) are not written twice. One per app: the counts are per instance, which
/// bounds each instance's share of the trail.
/// </summary>
public sealed class RefusalAudit(IConfiguration configuration)
{
    public const string ObjectType = "Request";

    private readonly PartitionedRateLimiter<string> _limit = PerMinute(configuration.GetValue("Security:RefusalsAuditedPerMinute", 30));
    /// <summary>One "the rest of this minute goes unrecorded" entry a minute.</summary>
    private readonly PartitionedRateLimiter<string> _overLimitNote = PerMinute(1);

    private static PartitionedRateLimiter<string> PerMinute(int permits) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>The last refusal written per user: a page refused when prerendered over HTTP and again when its circuit renders it is one refusal.</summary>
    private readonly ConcurrentDictionary<string, (string What, long At)> _last = new();

    /// <param name="what">The method and address asked for ("GET /api/projects/12").</param>
    public async Task RecordAsync(CurrentUser user, AuditLog audit, string what, int status)
    {
        if (user.IsSystem || user.UserId is not { } who) return;
        what = what.Length <= 100 ? what : what[..99] + "…";
        var now = Environment.TickCount64;
        if (_last.TryGetValue(who, out var last) && last.What == what && now - last.At < 10_000) return;
        _last[who] = (what, now);
        using var lease = _limit.AttemptAcquire(who);
        if (lease.IsAcquired)
        {
            await audit.WriteAsync("Refused", ObjectType, what, "Refused", details: AdminGuard.Serialize(new { status }));
            return;
        }
        using var note = _overLimitNote.AttemptAcquire(who);
        if (note.IsAcquired)
            await audit.WriteAsync("Refused", ObjectType, what, "Refused", details: AdminGuard.Serialize(new { status, unrecordedUntilNextMinute = true }));
    }

    /// <summary>The HTTP side: every answer 403 or 404 (the status page's re-run of the same request is not counted twice).</summary>
    public sealed class Middleware(RequestDelegate next, RefusalAudit refusals)
    {
        public async Task InvokeAsync(HttpContext context, AuditLog audit, CurrentUser user)
        {
            await next(context);
            if (context.Response.StatusCode is not (StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound)) return;
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || user.RefusalAudited) return;
            await refusals.RecordAsync(user, audit, $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}", context.Response.StatusCode);
        }
    }
}

using System.Net;
using System.Threading.RateLimiting;
using InvestTrack.Infrastructure.Hosting;
using InvestTrack.Resources;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>Per-address limit on sign-in attempts, beside Identity's per-account lockout (docs/security.md 10).</summary>
public static class LoginRateLimit
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    public const string TwoFactorPath = "/account/two-factor";

    public static void Configure(RateLimiterOptions o, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Security:SignInAttemptsPerAddress", 30);
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = (context, ct) => new ValueTask(RefuseAsync(context.HttpContext,
            context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window, ct));
        // Only posts of the sign-in form and of the code page after it count, in one window per address (a guessed code
        // costs what a guessed password does); every other request passes untouched. The address is the user's:
        // behind a configured proxy, ProxyHeaders has already replaced the proxy's with the forwarded one.
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            HttpMethods.IsPost(context.Request.Method) && (context.Request.Path.Equals("/account/login", StringComparison.OrdinalIgnoreCase)
                || context.Request.Path.Equals(TwoFactorPath, StringComparison.OrdinalIgnoreCase))
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("other"));
    }

    /// <summary>
    /// Every "too many" answer of the app: 429 with Retry-After in seconds and a sentence in the user's language that
    /// says when to try again (ProblemDetails on /api, a small page elsewhere).
    /// </summary>
    public static async Task RefuseAsync(HttpContext http, TimeSpan retryAfter, CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
        var l = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var message = l["TooManyRequests", minutes].Value;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (ApiErrors.IsApi(http.Request.Path))
        {
            await http.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests, Title = message,
            }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", ct);
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        var lang = System.Globalization.CultureInfo.CurrentUICulture.Name;
        await http.Response.WriteAsync($"""
            <!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(l["TooManyRequests.Title"])}</title></head>
            <body><main><h1>{WebUtility.HtmlEncode(l["TooManyRequests.Title"])}</h1><p role="alert">{WebUtility.HtmlEncode(message)}</p>
            <p><a href="/account/login">{WebUtility.HtmlEncode(l["TooManyRequests.Back"])}</a></p></main></body></html>
            """, ct);
    }
}

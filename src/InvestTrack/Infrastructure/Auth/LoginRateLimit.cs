using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>Per-address limit on sign-in attempts, beside Identity's per-account lockout (docs/security.md 10).</summary>
public static class LoginRateLimit
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static void Configure(RateLimiterOptions o, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Security:SignInAttemptsPerAddress", 30);
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        // Only posts of the sign-in form count; every other request passes untouched. The address is the user's:
        // behind a configured proxy, ProxyHeaders has already replaced the proxy's with the forwarded one.
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/account/login", StringComparison.OrdinalIgnoreCase)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("other"));
    }
}

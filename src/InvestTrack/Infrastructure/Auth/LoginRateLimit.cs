using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>Per-address limit on sign-in attempts, beside Identity's per-account lockout.</summary>
public static class LoginRateLimit
{
    public const string Policy = "login";

    public static void Configure(RateLimiterOptions o)
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(5), QueueLimit = 0 }));
    }
}

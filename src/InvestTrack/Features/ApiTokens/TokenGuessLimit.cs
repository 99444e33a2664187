using System.Net;
using System.Threading.RateLimiting;

namespace InvestTrack.Features.ApiTokens;

/// <summary>
/// Unknown bearer tokens count per address like failed sign-ins (docs/security.md 10): at most
/// <c>Security:SignInAttemptsPerAddress</c> in five minutes, each audited; past that, every bearer call from the address
/// is answered 429 with Retry-After until the window ends, without looking the token up and without an entry each, so a
/// guesser can neither flood the trail nor learn which token is good. Counts are per instance, as the sign-in limit's are.
/// </summary>
public sealed class TokenGuessLimit(IConfiguration configuration)
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = configuration.GetValue("Security:SignInAttemptsPerAddress", 30),
            Window = Infrastructure.Auth.LoginRateLimit.Window,
            QueueLimit = 0,
        }));

    public static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();

    /// <summary>How long the address must wait, when it has used up its failures; null when it may try.</summary>
    public TimeSpan? Blocked(string address)
    {
        // Asking for no permit tells whether any is left without using one.
        using var probe = _failures.AttemptAcquire(address, 0);
        return RetryAfter(probe);
    }

    /// <summary>Counts one unknown token: null when counted (answered 401 and audited), else how long the address must wait (429).</summary>
    public TimeSpan? CountFailure(string address)
    {
        using var lease = _failures.AttemptAcquire(address);
        return RetryAfter(lease);
    }

    private static TimeSpan? RetryAfter(RateLimitLease lease) =>
        lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Infrastructure.Auth.LoginRateLimit.Window;
}

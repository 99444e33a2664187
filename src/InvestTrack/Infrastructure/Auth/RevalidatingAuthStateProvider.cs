using System.Security.Claims;
using InvestTrack.Features.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>
/// Every minute (Security:CircuitCheckSeconds) an open circuit checks that its user still exists, is enabled and has the
/// same security stamp, that the page has not been left alone longer than the role's idle time, and that the sign-in is
/// not older than the absolute limit of 12 hours; a changed role or unit, a disabled account, ended sessions, a logout
/// elsewhere, an idle page or a session past 12 hours signs the circuit out. The circuit never reads the cookie again, so
/// the cookie's own limits do not reach it: they are checked here too.
/// </summary>
public sealed class RevalidatingAuthStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> options,
    IOptions<CircuitCheckOptions> check, CircuitActivity activity, SessionClock clock)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => check.Value.Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken) =>
        IsStillValidAsync(state.User, cancellationToken);

    /// <summary>Whether the circuit of this provider may keep <paramref name="user"/> signed in now.</summary>
    public async Task<bool> IsStillValidAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // A principal without the sign-in moment cannot show it is within the 12 hours: signed out.
        if (SessionCookie.StartedAt(user) is not { } started || SessionCookie.PastAbsolute(started, clock.Now)) return false;
        if (activity.IdleLongerThan(SessionCookie.IdleFor(user))) return false;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem("revalidation");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var found = await users.GetUserAsync(user);
        if (found is null || found.IsDisabled) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var stamp = user.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(found);
    }
}

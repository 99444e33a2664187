using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>
/// Idle timeout 30 minutes (15 for the administrators, docs/security.md 12), absolute 12 hours; HttpOnly,
/// SameSite=Strict, Secure over HTTPS — including HTTPS that a configured reverse proxy ended (ProxyHeaders sets the
/// request's scheme before this runs). Work inside a page's circuit makes no request: session.js tells the server,
/// once a minute at most, that the user is still at work (POST /api/session/alive), which renews the cookie.
/// </summary>
public static class SessionCookie
{
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AdminIdle = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);
    private const string StartedKey = "session_started";
    private const string ActiveKey = "session_active";

    private static string Seconds(DateTimeOffset moment) => moment.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset? At(Microsoft.AspNetCore.Authentication.AuthenticationProperties properties, string key) =>
        properties.Items.TryGetValue(key, out var text) && long.TryParse(text, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>The three administrators (system admin, security admin, auditor): the roles that manage the system, its accounts or read its trail.</summary>
    public static bool IsAdministrator(ClaimsPrincipal user) => Roles.Administrators.Any(user.IsInRole);

    public static TimeSpan IdleFor(ClaimsPrincipal user) => IsAdministrator(user) ? AdminIdle : Idle;

    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "InvestTrack.Auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = Idle;
        o.SlidingExpiration = true;
        o.LoginPath = "/account/login";
        o.LogoutPath = "/account/logout";
        var inner = o.Events.OnValidatePrincipal;
        o.Events.OnSigningIn = context =>
        {
            var now = Seconds(SessionClock.Of(context.HttpContext).Now);
            context.Properties.Items[StartedKey] = now;
            context.Properties.Items[ActiveKey] = now;
            return Task.CompletedTask;
        };
        o.Events.OnValidatePrincipal = async context =>
        {
            var now = SessionClock.Of(context.HttpContext).Now;
            if (At(context.Properties, StartedKey) is { } started && now - started > Absolute)
            {
                context.RejectPrincipal();
                return;
            }
            // Idle from the last request: 30 minutes, an administrator 15. The moment is kept in the cookie and renewed
            // (with the cookie) at a request a minute or more after the last renewal.
            if (At(context.Properties, ActiveKey) is { } active && context.Principal is { } principal)
            {
                if (now - active > IdleFor(principal))
                {
                    context.RejectPrincipal();
                    return;
                }
                if (now - active >= TimeSpan.FromMinutes(1))
                {
                    context.Properties.Items[ActiveKey] = Seconds(now);
                    context.ShouldRenew = true;
                }
            }
            await inner(context);
        };
        // The API answers 401 as a status code, never as a redirect to the login page.
        o.Events.OnRedirectToLogin = context =>
        {
            if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi"))
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            else
                context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        };
        // A signed-in user on a page or endpoint not for their role: 403 where they asked, no redirect. A page read gets the
        // app's no-right page (StatusPages), the API its ProblemDetails. Only a role is refused here: a record outside the
        // user's units answers 404 from the page or service, exactly as a missing one.
        o.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }
}

/// <summary>
/// Wall-clock time for sessions (idle and absolute limits) and a password's age (Features/Account/PasswordExpiry). Not the
/// app's TimeProvider, which tests move by days to reach a 旬 or a deadline: a session lasts minutes of real time, and a
/// test that moves the app's calendar must not find every account's password expired. Tests of the limits give it a clock
/// of their own.
/// </summary>
public sealed class SessionClock(TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public DateTimeOffset Now => _time.GetUtcNow();

    public static SessionClock Of(HttpContext http) => http.RequestServices.GetService<SessionClock>() ?? System;

    private static readonly SessionClock System = new();
}

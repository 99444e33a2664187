using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>
/// Idle timeout 30 minutes (15 for the administrators, docs/security.md 12), absolute 12 hours; HttpOnly,
/// SameSite=Strict, Secure over HTTPS — including HTTPS that a configured reverse proxy ended (ProxyHeaders sets the
/// request's scheme before this runs). Work inside a page's circuit makes no request: session.js tells the server,
/// once a minute at most, that the user is still at work (POST /api/session/alive), which renews the cookie. An open
/// circuit never reads the cookie again, so the sign-in moment also travels in the principal (AppClaims.SessionStarted),
/// where RevalidatingAuthStateProvider holds the circuit to the same 12 hours.
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
        properties.Items.TryGetValue(key, out var text) ? FromSeconds(text) : null;

    private static DateTimeOffset? FromSeconds(string? text) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>The three administrators (system admin, security admin, auditor): the roles that manage the system, its accounts or read its trail.</summary>
    public static bool IsAdministrator(ClaimsPrincipal user) => Roles.Administrators.Any(user.IsInRole);

    public static TimeSpan IdleFor(ClaimsPrincipal user) => IsAdministrator(user) ? AdminIdle : Idle;

    /// <summary>The sign-in moment the principal carries (AppClaims.SessionStarted); null when it carries none.</summary>
    public static DateTimeOffset? StartedAt(ClaimsPrincipal user) => FromSeconds(user.FindFirstValue(AppClaims.SessionStarted));

    /// <summary>Whether a session that began at <paramref name="started"/> has passed the absolute limit at <paramref name="now"/>.</summary>
    public static bool PastAbsolute(DateTimeOffset started, DateTimeOffset now) => now - started > Absolute;

    /// <summary>
    /// Puts the sign-in moment into the principal when it lacks it: at sign-in, and after the security stamp validator
    /// rebuilt the principal from the database (every minute), which drops claims the factory does not make.
    /// </summary>
    private static void CarryStarted(ClaimsPrincipal? principal, string? started)
    {
        if (started is null || principal?.Identity is not ClaimsIdentity identity || principal.HasClaim(c => c.Type == AppClaims.SessionStarted)) return;
        identity.AddClaim(new Claim(AppClaims.SessionStarted, started));
    }

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
            CarryStarted(context.Principal, now);
            return Task.CompletedTask;
        };
        o.Events.OnValidatePrincipal = async context =>
        {
            var now = SessionClock.Of(context.HttpContext).Now;
            if (At(context.Properties, StartedKey) is { } started && PastAbsolute(started, now))
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
            // After the stamp validator, which may have replaced the principal (and then renews the cookie with it).
            if (context.Properties.Items.TryGetValue(StartedKey, out var signedIn)) CarryStarted(context.Principal, signedIn);
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

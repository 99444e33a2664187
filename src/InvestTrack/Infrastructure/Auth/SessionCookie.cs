using Microsoft.AspNetCore.Authentication.Cookies;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>
/// Idle timeout 30 minutes, absolute 12 hours; HttpOnly, SameSite=Strict, Secure over HTTPS — including HTTPS that a
/// configured reverse proxy ended (ProxyHeaders sets the request's scheme before this runs).
/// </summary>
public static class SessionCookie
{
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);
    private const string StartedKey = "session_started";

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
            context.Properties.Items[StartedKey] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        };
        o.Events.OnValidatePrincipal = async context =>
        {
            if (context.Properties.Items.TryGetValue(StartedKey, out var started) && long.TryParse(started, out var seconds)
                && DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(seconds) > Absolute)
            {
                context.RejectPrincipal();
                return;
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

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
        o.AccessDeniedPath = "/not-found";
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
        // The API answers 401/403 as status codes, never as a redirect to the login page.
        o.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

namespace InvestTrack.Infrastructure.Auth;

/// <summary>A user with a one-time or an expired password can do nothing but choose a new one (docs/security.md 8 and 9).</summary>
public sealed class MustChangePasswordRedirect(RequestDelegate next)
{
    public const string Path = "/account/change-password";

    public Task InvokeAsync(HttpContext context) =>
        context.User.HasClaim(c => c.Type == AppClaims.MustChangePassword) ? AccountGate.HoldAsync(context, Path, next) : next(context);
}

/// <summary>
/// A user whose role requires a second factor and who has none can do nothing but enrol one (docs/security.md 11):
/// pages lead to the enrolment page, the API answers 403, until the factor is in place.
/// </summary>
public sealed class MustEnrolFactorRedirect(RequestDelegate next)
{
    public const string Path = "/account/security";

    public Task InvokeAsync(HttpContext context) =>
        context.User.HasClaim(c => c.Type == AppClaims.MustEnrolFactor) ? AccountGate.HoldAsync(context, Path, next) : next(context);
}

/// <summary>Holds a signed-in user at one account page: only the account pages, static files and health pass.</summary>
internal static class AccountGate
{
    public static Task HoldAsync(HttpContext context, string path, RequestDelegate next)
    {
        var request = context.Request.Path;
        if (request.StartsWithSegments("/account") || request.StartsWithSegments("/_framework") || request.StartsWithSegments("/_content")
            || request.StartsWithSegments("/healthz") || request.StartsWithSegments("/css") || request.StartsWithSegments("/favicon.svg"))
            return next(context);
        if (request.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }
        context.Response.Redirect(path);
        return Task.CompletedTask;
    }
}

namespace InvestTrack.Infrastructure.Auth;

/// <summary>A user with a one-time password can do nothing but choose a new one.</summary>
public sealed class MustChangePasswordRedirect(RequestDelegate next)
{
    public const string Path = "/account/change-password";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.HasClaim(c => c.Type == AppClaims.MustChangePassword)
            && !context.Request.Path.StartsWithSegments("/account")
            && !context.Request.Path.StartsWithSegments("/_framework") && !context.Request.Path.StartsWithSegments("/_content")
            && !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments("/css"))
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }
            context.Response.Redirect(Path);
            return Task.CompletedTask;
        }
        return next(context);
    }
}

using InvestTrack.Data;

namespace InvestTrack.Infrastructure.Hosting;

/// <summary>
/// With a read replica only: a response whose request saved records carries a cookie that lives as long as the
/// replica may lag; while the browser or API client sends it back, that user's reads go to the primary on every
/// instance, so a record just saved through one instance is never missing from a list read through another. It
/// holds no data: at worst, a client that keeps it reads the primary.
/// </summary>
public sealed class RecentWriteCookie(RequestDelegate next)
{
    public const string Name = "InvestTrack.Wrote";

    public Task InvokeAsync(HttpContext context, DatabaseSettings settings, RecentWrites writes)
    {
        if (settings.ReadConnectionString is null) return next(context);
        writes.Declared = context.Request.Cookies.ContainsKey(Name);
        context.Response.OnStarting(() =>
        {
            if (writes.WroteHere)
            {
                context.Response.Cookies.Append(Name, "1", new CookieOptions
                {
                    MaxAge = writes.Window, HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, IsEssential = true,
                });
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}

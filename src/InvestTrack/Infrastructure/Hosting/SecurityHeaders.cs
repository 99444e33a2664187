namespace InvestTrack.Infrastructure.Hosting;

/// <summary>CSP, framing, sniffing and referrer rules on every answer; no caching of signed-in pages.</summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    // MudBlazor sets inline styles; scripts come only from this origin.
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = Csp;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            // Over HTTPS only, also when a configured proxy ended it (ProxyHeaders sets the scheme first); here
            // rather than app.UseHsts(), so that every security header has one place.
            if (context.Request.IsHttps) h.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            if (!IsStatic(context.Request.Path)) h.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static bool IsStatic(PathString path) =>
        path.StartsWithSegments("/_content") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/css") || path.StartsWithSegments("/lib");
}

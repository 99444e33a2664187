using Microsoft.AspNetCore.Diagnostics;

namespace InvestTrack.Infrastructure.Hosting;

/// <summary>Which answers get the app's status page (404, 403, …) instead of a bare status.</summary>
public static class StatusPages
{
    /// <summary>
    /// Only reads of pages: the API and the OpenAPI document answer ProblemDetails of their own (WebApp), and a form post
    /// keeps its bare status (re-executing a POST would run the status page's form handling). The feature is switched off
    /// and taken away, so that Blazor, which renders differently when it sees one, treats the request as before.
    /// </summary>
    public static Task OnlyForPageReads(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || ApiErrors.IsApi(context.Request.Path) || context.Request.Path.StartsWithSegments("/openapi"))
        {
            if (context.Features.Get<IStatusCodePagesFeature>() is { } feature) feature.Enabled = false;
            context.Features.Set<IStatusCodePagesFeature?>(null);
        }
        return next(context);
    }

    /// <summary>
    /// The address the user asked for while the status page answers it ("/projects/12/x?y=1"), or null outside a
    /// re-executed answer: NavigationManager then knows only the status page's own address.
    /// </summary>
    public static string? OriginalAddress(HttpContext? context) =>
        context?.Features.Get<IStatusCodeReExecuteFeature>() is { } original ? original.OriginalPath + original.OriginalQueryString : null;
}

using InvestTrack.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Infrastructure.Hosting;

/// <summary>
/// API errors become ProblemDetails with a trace id and no internals; a record outside the user's units
/// answers exactly like a missing one (404). Pages fall through to /error, which shows a reference id.
/// </summary>
public sealed class AppExceptionHandler(IProblemDetailsService problems, ILogger<AppExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!context.Request.Path.StartsWithSegments("/api")) return false;
        var (status, title) = exception switch
        {
            OutOfScopeException => (StatusCodes.Status404NotFound, "Not Found"),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "The record was changed by someone else; reload and try again."),
            BadHttpRequestException bad => (bad.StatusCode, "Bad Request"),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
        };
        if (status >= 500) log.LogError(exception, "Unhandled API error");
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title },
        });
    }
}

using System.Globalization;
using System.Reflection;
using InvestTrack.Data;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Infrastructure.Hosting;

/// <summary>
/// API errors become ProblemDetails with a trace id and no internals (no exception message, stack trace or SQL);
/// a record outside the user's units answers exactly like a missing one (404), a stale save 409, a request that
/// cannot be bound 400 naming the field (<see cref="ApiErrors"/>). Pages fall through to /error, which shows a
/// reference id. The middleware has already rewritten the path to /error: the original is in the feature.
/// </summary>
public sealed class AppExceptionHandler(IProblemDetailsService problems, IStringLocalizer<SharedResource> l, ILogger<AppExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var feature = context.Features.Get<IExceptionHandlerFeature>();
        var path = feature?.Path is { } original ? new PathString(original) : context.Request.Path;
        if (!ApiErrors.IsApi(path))
        {
            if (exception is not BadHttpRequestException pageRequest) return false;
            // A form post or download link the endpoint cannot bind keeps its bare status, as without ThrowOnBadRequest.
            context.Response.StatusCode = pageRequest.StatusCode;
            return true;
        }

        // The exception surfaces outside the localisation middleware's flow: the request's language is on the feature.
        if (context.Features.Get<IRequestCultureFeature>()?.RequestCulture is { } culture)
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture.Culture, culture.UICulture);

        var handler = feature?.Endpoint?.Metadata.GetMetadata<MethodInfo>();
        var (status, title, binding) = exception switch
        {
            OutOfScopeException => (StatusCodes.Status404NotFound, l["Api.NotFound"].Value, null),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, l["Api.Conflict"].Value, null),
            InvalidTextException text => (StatusCodes.Status400BadRequest, l["Api.BadRequest"].Value, ApiErrors.Text(text, l)),
            BadHttpRequestException bad => (bad.StatusCode, l["Api.BadRequest"].Value, ApiErrors.Describe(bad, handler, l)),
            _ => (StatusCodes.Status500InternalServerError, l["Api.Error"].Value, (ApiErrors.Binding?)null),
        };
        if (status >= 500) log.LogError(exception, "Unhandled API error on {Path}", path.Value);
        else log.LogInformation("API request {Path} answered {Status}: {Error}", path.Value, status, exception.GetType().Name);

        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title };
        if (binding is not null)
        {
            problem.Detail = binding.Field is null || binding.Message.Contains(binding.Field, StringComparison.Ordinal)
                ? binding.Message : l["Api.FieldProblem", binding.Field, binding.Message];
            if (binding.Field is not null) problem.Extensions["errors"] = new Dictionary<string, string[]> { [binding.Field] = [binding.Message] };
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}

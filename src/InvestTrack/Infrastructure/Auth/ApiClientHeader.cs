namespace InvestTrack.Infrastructure.Auth;

/// <summary>
/// Cross-site request forgery guard for JSON API writes (docs/decisions/0005-api-csrf.md): a state-changing
/// request must carry <c>X-Requested-With: InvestTrack</c>. A browser sends a custom header cross-origin only
/// after a CORS preflight, which this app never grants, so a forged request from another site cannot have it.
/// Calls made with a personal access token (Authorization: Bearer) do not need it, for the same reason.
/// </summary>
public sealed class ApiClientHeader : IEndpointFilter
{
    public const string Name = "X-Requested-With";
    public const string Value = "InvestTrack";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            return await next(context);
        // A personal access token is not something a browser sends by itself: a forged cross-site request cannot carry one.
        if (Features.ApiTokens.ApiTokenAuthentication.IsTokenCall(context.HttpContext.User))
            return await next(context);
        if (!string.Equals(request.Headers[Name], Value, StringComparison.Ordinal))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request",
                detail: $"State-changing API requests need the header {Name}: {Value}.");
        return await next(context);
    }
}

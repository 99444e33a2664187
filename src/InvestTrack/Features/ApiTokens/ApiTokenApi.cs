using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.ApiTokens;

/// <summary>
/// /api/account/tokens: the signed-in user's own tokens; /api/admin/tokens: every user's, for the administrator who may
/// revoke them. Tokens are made and revoked from a session only: a token cannot make another token, so a leaked one
/// cannot outlive its own revocation or expiry.
/// </summary>
public static class ApiTokenApi
{
    public static void MapApiTokenApi(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/account/tokens").WithTags("Account");
        mine.MapGet("/", async (ApiTokenService tokens, CancellationToken ct) => TypedResults.Ok(await tokens.MineAsync(ct))).WithName("GetMyApiTokens");
        mine.MapPost("/", async Task<Results<Ok<ApiTokenCreated>, ValidationProblem>> (ApiTokenForm form, ApiTokenService tokens, CancellationToken ct) =>
            {
                var created = await tokens.CreateAsync(form, ct);
                return created.Ok ? TypedResults.Ok(created) : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["token"] = [created.Error!] });
            })
            .AddEndpointFilter<SessionOnly>().WithName("CreateApiToken");
        mine.MapDelete("/{id}", async Task<Results<NoContent, NotFound>> (int id, ApiTokenService tokens, CancellationToken ct) =>
                await tokens.RevokeMineAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .AddEndpointFilter<SessionOnly>().WithName("RevokeMyApiToken");

        var all = api.MapGroup("/admin/tokens").WithTags("Account").RequireAuthorization(nameof(Operation.RevokeApiTokens));
        all.MapGet("/", async (ApiTokenService tokens, CancellationToken ct) => TypedResults.Ok(await tokens.AllAsync(ct))).WithName("GetAllApiTokens");
        all.MapPost("/{id}/revoke", async Task<Results<NoContent, NotFound>> (int id, ApiTokenService tokens, CancellationToken ct) =>
                await tokens.RevokeAnyAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .AddEndpointFilter<SessionOnly>().WithName("RevokeAnyApiToken");
    }

    /// <summary>Refuses a call made with a token (403): tokens are managed from a signed-in session.</summary>
    private sealed class SessionOnly : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
            ApiTokenAuthentication.IsTokenCall(context.HttpContext.User) ? TypedResults.Forbid() : await next(context);
    }
}

using InvestTrack.Infrastructure.Auth;

namespace InvestTrack.Features.Users;

public sealed record MeResponse(string? UserName, string? DisplayName, string? Role, int? UnitId, string? UnitName, bool AllUnits, IReadOnlyList<int> UnitIds);

public static class UserApi
{
    public static void MapUserApi(this RouteGroupBuilder api) =>
        api.MapGet("/me", (CurrentUser user) =>
        {
            var scope = user.UnitScope;
            return TypedResults.Ok(new MeResponse(user.UserName, user.Principal.FindFirst(AppClaims.DisplayName)?.Value, user.Role,
                user.UnitId, user.Principal.FindFirst(AppClaims.UnitName)?.Value, scope.All, scope.UnitIds));
        }).WithName("GetMe").WithTags("Account");

    /// <summary>
    /// The page's word that its user is at work (wwwroot/js/session.js): the request itself renews the session cookie
    /// (SessionCookie), so that work inside a circuit, which makes no request, keeps the session.
    /// </summary>
    public static void MapSessionApi(this RouteGroupBuilder api) =>
        api.MapPost("/session/alive", () => TypedResults.NoContent())
            .WithName("KeepSessionAlive").WithTags("Account");
}

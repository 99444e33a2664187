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
}

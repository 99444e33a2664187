using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.Privacy;

public static class PrivacyApi
{
    /// <summary>
    /// POST /api/personal-data/unmask {kind, id, field}: the full value, audited. A POST with the record in the body, so
    /// that no address (and no proxy's log) carries it (docs/security.md 24). 404 for a missing or another unit's record.
    /// </summary>
    public static void MapPrivacyApi(this RouteGroupBuilder api) =>
        api.MapPost("/personal-data/unmask", async Task<Results<Ok<UnmaskAnswer>, NotFound, ForbidHttpResult>> (
            UnmaskRequest request, UnmaskService service, CancellationToken ct) =>
        {
            try
            {
                return await service.UnmaskAsync(request, ct) is { } answer ? TypedResults.Ok(answer) : TypedResults.NotFound();
            }
            catch (UnauthorizedAccessException)
            {
                return TypedResults.Forbid();
            }
        }).RequireAuthorization(nameof(Operation.UnmaskPersonalData)).WithName("UnmaskPersonalData").WithTags("PersonalData");
}

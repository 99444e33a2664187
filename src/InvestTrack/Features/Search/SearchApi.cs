using InvestTrack.Infrastructure.Auth;

namespace InvestTrack.Features.Search;

public static class SearchApi
{
    /// <summary>GET /api/search?q=…&amp;take=…: what the search page shows, grouped by kind, within the user's scope.</summary>
    public static void MapSearchApi(this RouteGroupBuilder api) =>
        api.MapGet("/search", async (GlobalSearch search, string? q, int? take, CancellationToken ct) =>
                TypedResults.Ok(await search.SearchAsync(q, take ?? GlobalSearch.DefaultTake, ct)))
            .RequireAuthorization(nameof(Operation.ViewRecords)).WithName("Search").WithTags("Search");
}

using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel.Crypto;
using InvestTrack.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Search;

/// <summary>What the search API reads from a POST: the text (a phone number may be one) and how many hits per kind.</summary>
public sealed record SearchRequest(string? Q, int? Take);

public static class SearchApi
{
    public static void MapSearchApi(this RouteGroupBuilder api)
    {
        // GET /api/search?q=…&take=…: what the search page shows, grouped by kind, within the user's scope. A phone number
        // is refused here (it would sit in the address and in every proxy's log: docs/security.md 24); ?h= takes its keyed hash.
        api.MapGet("/search", async Task<Results<Ok<SearchResults>, ValidationProblem>> (GlobalSearch search, IStringLocalizer<SearchResource> t,
                string? q, string? h, int? take, CancellationToken ct) =>
            PersonalDataCipher.LooksLikePhone(Kernel.TextInput.Search(q))
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [t["Error.PhoneInAddress"]] })
                : TypedResults.Ok(h is not null ? await search.SearchByPhoneHashAsync(h, take ?? GlobalSearch.DefaultTake, ct)
                    : await search.SearchAsync(q, take ?? GlobalSearch.DefaultTake, ct)))
            .RequireAuthorization(nameof(Operation.ViewRecords)).WithName("Search").WithTags("Search");

        // POST /api/search {q, take}: the same, for any text, a phone number included.
        api.MapPost("/search", async (GlobalSearch search, SearchRequest request, CancellationToken ct) =>
                TypedResults.Ok(await search.SearchAsync(request.Q, request.Take ?? GlobalSearch.DefaultTake, ct)))
            .RequireAuthorization(nameof(Operation.ViewRecords)).WithName("SearchByPost").WithTags("Search");
    }
}

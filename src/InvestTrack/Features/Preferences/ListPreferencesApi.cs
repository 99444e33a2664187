using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Preferences;

/// <summary>GET and PUT /api/preferences/lists/{list}: the signed-in user's columns and density of one list.</summary>
public static class ListPreferencesApi
{
    public static void MapListPreferencesApi(this RouteGroupBuilder api)
    {
        var lists = api.MapGroup("/preferences/lists").WithTags("Preferences");
        lists.MapGet("/{list}", async Task<Results<Ok<ListView>, NotFound>> (string list, ListPreferences preferences, CancellationToken ct) =>
            ListPreferences.IsKey(list) ? TypedResults.Ok(await preferences.GetAsync(list, ct)) : TypedResults.NotFound()).WithName("GetListView");
        lists.MapPut("/{list}", async Task<Results<Ok<ListView>, ValidationProblem>> (string list, ListView view, ListPreferences preferences,
                IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            await preferences.SetAsync(list, view with { Hidden = view.Hidden ?? [] }, ct)
                ? TypedResults.Ok(await preferences.GetAsync(list, ct))
                : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["hidden"] = [l["List.BadView"]] }))
            .WithName("SaveListView");
    }
}

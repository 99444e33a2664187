using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Preferences;

/// <summary>
/// The columns and row height a user chooses for a list (issue 13, item 3) are the user's own: kept on the account, so
/// they are there after signing out and in again, never seen by another user, and the list page applies them as it renders.
/// </summary>
public abstract class ListPreferencesTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private async Task<HttpClient> ClientAsync(string user)
    {
        var client = await App.SignInAsync(user);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        return client;
    }

    /// <summary>The hidden columns joined by commas, and whether rows are compact.</summary>
    private static async Task<(string Hidden, bool Compact)> ViewAsync(HttpClient client, string list)
    {
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/preferences/lists/{list}");
        return (string.Join(",", view.GetProperty("hidden").EnumerateArray().Select(e => e.GetString())), view.GetProperty("compact").GetBoolean());
    }

    [Fact]
    public async Task A_users_columns_and_row_height_are_kept_for_that_user_alone_and_survive_signing_out()
    {
        // lishu and tiedong: no other test of this class changes their views.
        var lishu = await ClientAsync("lishu");
        var auditsBefore = await AppUserUpdatesAsync("lishu");
        var saved = await lishu.PutAsJsonAsync("/api/preferences/lists/projects", new { hidden = new[] { "signed", "investor", "investor" }, compact = true });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(("investor,signed", true), await ViewAsync(lishu, "projects"));
        // Another list of the same user is untouched.
        Assert.Equal(("", false), await ViewAsync(lishu, "companies"));

        // Another user sees the defaults.
        var tiedong = await ClientAsync("tiedong");
        Assert.Equal(("", false), await ViewAsync(tiedong, "projects"));

        // The list page renders with the view applied: the investor (3rd) and signing date (7th) columns hidden, compact rows.
        var page = await lishu.GetStringAsync("/projects");
        Assert.Contains("data-hide=\"c3 c7\"", page);
        Assert.Contains("list-compact", page);
        var other = await tiedong.GetStringAsync("/projects");
        Assert.DoesNotContain("data-hide=", other);
        Assert.Contains("list-normal", other);

        // Signed out and in again: the view is still there.
        var logout = await lishu.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestApp.TokenOf(await lishu.GetStringAsync("/")),
        }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await lishu.GetAsync("/api/preferences/lists/projects")).StatusCode);
        var again = await ClientAsync("lishu");
        Assert.Equal(("investor,signed", true), await ViewAsync(again, "projects"));
        Assert.Contains("data-hide=\"c3 c7\"", await again.GetStringAsync("/projects"));

        // Back to the defaults: nothing is kept for the list.
        Assert.Equal(HttpStatusCode.OK, (await again.PutAsJsonAsync("/api/preferences/lists/projects", new { hidden = Array.Empty<string>(), compact = false })).StatusCode);
        Assert.Equal(("", false), await ViewAsync(again, "projects"));
        Assert.DoesNotContain("data-hide=", await again.GetStringAsync("/projects"));
        // A way of looking at records is not a change of a record: the audit trail holds no update of the account for it.
        Assert.Equal(auditsBefore, await AppUserUpdatesAsync("lishu"));
    }

    [Fact]
    public async Task A_malformed_or_forged_write_is_refused_and_writes_nothing()
    {
        var client = await ClientAsync("tiedong");
        // Without the API's client header (decision 0005): refused, nothing written.
        var bare = await App.SignInAsync("tiedong");
        var forged = await bare.PutAsJsonAsync("/api/preferences/lists/leads", new { hidden = new[] { "unit" }, compact = true });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(("", false), await ViewAsync(client, "leads"));

        var markup = await client.PutAsJsonAsync("/api/preferences/lists/leads", new { hidden = new[] { "<script>" }, compact = false });
        Assert.Equal(HttpStatusCode.BadRequest, markup.StatusCode);
        Assert.Contains("hidden", await markup.Content.ReadAsStringAsync());
        var tooMany = await client.PutAsJsonAsync("/api/preferences/lists/leads", new { hidden = Enumerable.Range(0, 31).Select(i => $"c{i}"), compact = false });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/preferences/lists/Bad%20List")).StatusCode);
        Assert.Equal(("", false), await ViewAsync(client, "leads"));
        Assert.Null(await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.UserName == "tiedong").Select(u => u.ListViews).SingleAsync()));
    }

    private Task<int> AppUserUpdatesAsync(string userName) => App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        return await db.AuditEntries.CountAsync(e => e.ObjectType == "AppUser" && e.ObjectId == id && e.Action == "Update");
    });
}

[Collection("postgres")]
public sealed class PostgresListPreferencesTests(PostgresFixture fixture) : ListPreferencesTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteListPreferencesTests(SqliteFixture fixture) : ListPreferencesTests(fixture), IClassFixture<SqliteFixture>;

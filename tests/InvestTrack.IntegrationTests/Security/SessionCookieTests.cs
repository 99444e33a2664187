using System.Net;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>docs/security.md 12: the session cookie is HttpOnly and SameSite=Strict, and logout invalidates it server-side.</summary>
public abstract class SessionCookieTests(AppFixture fixture)
{
    private const string CookieName = "InvestTrack.Auth";
    private TestApp App => fixture.App;

    [Fact]
    public async Task The_auth_cookie_is_HttpOnly_and_SameSite_Strict()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await TestApp.PostLoginAsync(client, "tiexi", TestApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CookieName + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
    }

    [Fact]
    public async Task A_cookie_replayed_after_logout_gives_no_access()
    {
        // The security stamp is checked on every request here, instead of once a minute, to see the logout take effect.
        await using var app = App.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await TestApp.PostLoginAsync(client, "tiedong", TestApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var stolen = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal)).Split(';')[0];

        var replay = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(replay, stolen)).StatusCode);

        var home = await client.GetStringAsync("/");
        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestApp.TokenOf(home),
        }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetWithCookieAsync(replay, stolen)).StatusCode);
    }

    private static Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }
}

[Collection("postgres")]
public sealed class PostgresSessionCookieTests(PostgresFixture fixture) : SessionCookieTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteSessionCookieTests(SqliteFixture fixture) : SessionCookieTests(fixture), IClassFixture<SqliteFixture>;

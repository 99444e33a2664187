using InvestTrack.Tests;
using Microsoft.AspNetCore.Mvc.Testing;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>docs/security.md 17: CSP with frame-ancestors, nosniff, a referrer policy and no caching of pages.</summary>
public abstract class SecurityHeaderTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task The_login_page_has_the_security_headers()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        AssertHeaders(await client.GetAsync("/account/login"));
    }

    [Fact]
    public async Task A_signed_in_page_and_an_API_answer_have_the_security_headers()
    {
        var client = await App.SignInAsync("auditor");
        AssertHeaders(await client.GetAsync("/audit"));
        AssertHeaders(await client.GetAsync("/api/audit"));
    }

    private static void AssertHeaders(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode}");
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(response.Headers.GetValues("Referrer-Policy"))));
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control has no no-store");
    }
}

[Collection("postgres")]
public sealed class PostgresSecurityHeaderTests(PostgresFixture fixture) : SecurityHeaderTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteSecurityHeaderTests(SqliteFixture fixture) : SecurityHeaderTests(fixture), IClassFixture<SqliteFixture>;

using System.Net;
using InvestTrack.Data;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Hosting;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>Beside the per-account lockout, one address may post the sign-in form only so often (docs/security.md 10).</summary>
public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task An_address_that_posts_too_many_sign_ins_is_slowed_down()
    {
        await using var app = new TestApp(DatabaseProviderKind.Sqlite);
        await app.StartAsync();
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("Security:SignInAttemptsPerAddress", "3"));
        var client = limited.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await TestApp.PostLoginAsync(client, $"nobody{i}", "Wrong#2026go")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses);
        // Other pages are not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }
}

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
        var refused = await TestApp.PostLoginAsync(client, "nobody", "Wrong#2026go");
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        var seconds = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, 300);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains($"尝试次数过多，请 {(seconds + 59) / 60} 分钟后再试。", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/login\"", page, StringComparison.Ordinal);

        // In the language the browser was given.
        using var english = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = new FormUrlEncodedContent([new("_handler", "login")]) };
        english.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var inEnglish = await limited.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(english);
        Assert.Equal((HttpStatusCode)429, inEnglish.StatusCode);
        Assert.Contains("Too many attempts. Try again in", await inEnglish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Other pages are not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }
}

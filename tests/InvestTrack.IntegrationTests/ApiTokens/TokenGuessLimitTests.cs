using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.ApiTokens;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.ApiTokens;

/// <summary>
/// Unknown bearer tokens are failed sign-ins (docs/security.md 10 and 18): each is audited without any of its text, and
/// an address that has sent Security:SignInAttemptsPerAddress of them is answered 429 with Retry-After for every bearer
/// call, good token or not, and leaves no more entries; sessions from the address are not affected.
/// </summary>
public sealed class TokenGuessLimitTests
{
    [Fact]
    public async Task Unknown_tokens_are_audited_until_the_address_is_slowed_down_and_then_no_token_is_looked_up()
    {
        await using var app = new TestApp(DatabaseProviderKind.Sqlite);
        await app.StartAsync();
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("Security:SignInAttemptsPerAddress", "3"));
        var session = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostLoginAsync(session, "tiexi", TestApp.Password)).StatusCode);
        session.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        var created = await session.PostAsJsonAsync("/api/account/tokens", new { name = "月报脚本", days = 30, scope = "Read" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var good = (await created.Content.ReadFromJsonAsync<ApiTokenCreated>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!.Token!;

        HttpClient Bearer(string token)
        {
            var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }
        Assert.Equal(HttpStatusCode.OK, (await Bearer(good).GetAsync("/api/projects")).StatusCode);
        var guesses = new[] { "not-a-token", "itk_" + new string('A', 43), "itk_" + new string('B', 43) };
        foreach (var guess in guesses)
        {
            var refused = await Bearer(guess).GetAsync("/api/projects");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("令牌无效", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var entries = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.ObjectType == ApiTokenService.ObjectType && a.Action == "Refused" && a.ObjectId == null).ToListAsync());
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Contains("\"Unknown\"", e.NewValues, StringComparison.Ordinal);
            Assert.Contains("/api/projects", e.NewValues, StringComparison.Ordinal);
            Assert.DoesNotContain("AAAA", e.NewValues, StringComparison.Ordinal);
            Assert.DoesNotContain("not-a-token", e.NewValues, StringComparison.Ordinal);
        });

        // The fourth unknown token, and now even the good one: 429, when to try again, in Chinese; not one more entry.
        foreach (var token in new[] { "itk_" + new string('C', 43), good })
        {
            var slowed = await Bearer(token).GetAsync("/api/projects");
            Assert.Equal((HttpStatusCode)429, slowed.StatusCode);
            var seconds = int.Parse(slowed.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 1, 300);
            Assert.Contains("尝试次数过多", await slowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(3, await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .CountAsync(a => a.ObjectType == ApiTokenService.ObjectType && a.Action == "Refused" && a.ObjectId == null)));
        // The signed-in user at the same address works on.
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/projects")).StatusCode);
    }
}

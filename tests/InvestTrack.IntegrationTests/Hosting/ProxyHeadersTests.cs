using System.Net;
using InvestTrack.Data;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Hosting;

/// <summary>
/// Behind a reverse proxy (here: the test, connecting from 127.0.0.1 to the app on a real loopback port) the
/// X-Forwarded-For/-Proto headers count only when the connection comes from a configured proxy: then the audit
/// trail and the sign-in rate limit see the user's address, and HTTPS at the proxy makes the cookie Secure and
/// sends HSTS. From anyone else the same headers change nothing.
/// </summary>
public abstract class ProxyHeadersTests(DatabaseProviderKind provider)
{
    private const string AuthCookie = "InvestTrack.Auth";

    [Fact]
    public async Task Through_a_configured_proxy_the_users_address_and_scheme_count()
    {
        await using var app = await StartAsync(("ForwardedHeaders:KnownProxies", "127.0.0.1"));

        var signIn = await app.SignInAsync("tiexi", TestApp.Password, from: "203.0.113.7", https: true);
        Assert.Contains("secure", Attributes(signIn.Cookie));
        Assert.Equal("max-age=31536000; includeSubDomains", signIn.Hsts);
        Assert.Equal(["203.0.113.7"], await app.SignInAddressesAsync("tiexi"));

        // Each user's address has its own sign-in budget (2 here).
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], await app.FailedSignInsAsync("203.0.113.8", 3));
        Assert.Equal([HttpStatusCode.OK], await app.FailedSignInsAsync("203.0.113.9", 1));
    }

    [Theory]
    [InlineData("192.0.2.1")] // a proxy is configured, but the request does not come from it
    [InlineData(null)]        // nothing configured (ASP.NET Core would trust everyone with empty lists)
    public async Task From_anyone_else_the_forwarded_headers_are_ignored(string? proxy)
    {
        await using var app = await StartAsync(proxy is null ? [] : [("ForwardedHeaders:KnownProxies", proxy)]);

        var signIn = await app.SignInAsync("tiedong", TestApp.Password, from: "203.0.113.7", https: true);
        Assert.DoesNotContain("secure", Attributes(signIn.Cookie));
        Assert.Null(signIn.Hsts);
        Assert.Equal(["127.0.0.1"], await app.SignInAddressesAsync("tiedong"));

        // A forged address does not buy a fresh sign-in budget: the one sign-in above already used one of two.
        Assert.Equal([HttpStatusCode.OK, (HttpStatusCode)429], await app.FailedSignInsAsync("203.0.113.8", 2));
    }

    [Fact]
    public async Task A_configured_network_and_a_chain_of_two_proxies_give_the_first_address()
    {
        await using var app = await StartAsync(("ForwardedHeaders:KnownNetworks", "127.0.0.0/8, 10.0.0.0/8"), ("ForwardedHeaders:ForwardLimit", "2"));
        // A load balancer (10.1.2.3) in front of nginx: it appended the user's address (203.0.113.5) to one the
        // client made up (198.51.100.66), which lies beyond the two trusted hops and is not taken.
        await app.SignInAsync("lishu", TestApp.Password, from: "198.51.100.66, 203.0.113.5, 10.1.2.3", https: true);
        Assert.Equal(["203.0.113.5"], await app.SignInAddressesAsync("lishu"));
    }

    private static string[] Attributes(string cookie) => cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToArray();

    private async Task<ProxiedApp> StartAsync(params (string Key, string Value)[] settings)
    {
        var app = new TestApp(provider, settings: settings.Append(("Security:SignInAttemptsPerAddress", "2")).ToDictionary(s => s.Item1, s => s.Item2));
        // A real connection, so that the app sees a real remote address: the test's 127.0.0.1.
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ProxiedApp(app, new Uri(address));
    }

    private sealed class ProxiedApp(TestApp root, Uri address) : IAsyncDisposable
    {
        public async Task<(string Cookie, string? Hsts)> SignInAsync(string userName, string password, string from, bool https)
        {
            var (response, _) = await PostLoginAsync(userName, password, from, https);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthCookie + "=", StringComparison.Ordinal));
            return (cookie, response.Headers.TryGetValues("Strict-Transport-Security", out var hsts) ? hsts.Single() : null);
        }

        public async Task<HttpStatusCode[]> FailedSignInsAsync(string from, int count)
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < count; i++) statuses.Add((await PostLoginAsync("nobody", "Wrong#2026go", from, https: false)).Response.StatusCode);
            return [.. statuses];
        }

        public Task<List<string?>> SignInAddressesAsync(string userName) => root.AsSystemAsync(sp =>
            sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
                .Where(a => a.Action == "SignIn" && a.UserName == userName).Select(a => a.Address).ToListAsync());

        /// <summary>The login form as a browser behind the proxy posts it; cookies carried by hand, since a Secure one would not go back over plain HTTP.</summary>
        private async Task<(HttpResponseMessage Response, string Page)> PostLoginAsync(string userName, string password, string from, bool https)
        {
            using var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
            using var client = new HttpClient(handler) { BaseAddress = address };
            var form = await client.SendAsync(Proxied(new HttpRequestMessage(HttpMethod.Get, "/account/login"), from, https));
            var page = await form.Content.ReadAsStringAsync();
            var post = Proxied(new HttpRequestMessage(HttpMethod.Post, "/account/login")
            {
                Content = TestApp.LoginForm(TestApp.TokenOf(page), userName, password),
            }, from, https);
            post.Headers.Add("Cookie", string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
            return (await client.SendAsync(post), page);
        }

        private static HttpRequestMessage Proxied(HttpRequestMessage request, string from, bool https)
        {
            request.Headers.Add("X-Forwarded-For", from);
            request.Headers.Add("X-Forwarded-Proto", https ? "https" : "http");
            return request;
        }

        public async ValueTask DisposeAsync() => await root.DisposeAsync();
    }
}

[Collection("postgres")]
public sealed class PostgresProxyHeadersTests() : ProxyHeadersTests(DatabaseProviderKind.Postgres);

public sealed class SqliteProxyHeadersTests() : ProxyHeadersTests(DatabaseProviderKind.Sqlite);

using System.Net;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>docs/security.md 1: every endpoint needs a signed-in user unless it is on the anonymous list.</summary>
public abstract class EndpointEnumerationTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    /// <summary>
    /// The whole anonymous list. Anything else found without authorization fails the test. The code page after the
    /// password (/account/two-factor) is open: what it completes is the two-factor cookie of the password step.
    /// </summary>
    private static readonly HashSet<string> AnonymousRoutes = ["/account/login", "/account/two-factor", "/error", "/not-found", "/status/{Code:int}", "/healthz"];

    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        App.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .DistinctBy(e => (e.RoutePattern.RawText, e.DisplayName)).ToList();

    private static string Route(RouteEndpoint e) => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');

    /// <summary>A file of wwwroot or a package, served by MapStaticAssets.</summary>
    private static bool IsStaticAsset(RouteEndpoint e) => e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;

    private bool RequiresAuthorization(RouteEndpoint e)
    {
        if (e.Metadata.GetMetadata<IAllowAnonymous>() is not null) return false;
        if (e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any() || e.Metadata.GetMetadata<AuthorizationPolicy>() is not null) return true;
        var fallback = App.Services.GetRequiredService<IOptions<AuthorizationOptions>>().Value.FallbackPolicy;
        return fallback?.Requirements.OfType<DenyAnonymousAuthorizationRequirement>().Any() == true;
    }

    [Fact]
    public void Every_endpoint_requires_authorization_unless_listed_as_anonymous()
    {
        var endpoints = Endpoints();
        Assert.Contains(endpoints, e => Route(e) == "/api/projects/");
        Assert.Contains(endpoints, e => Route(e) == "/audit");
        var open = endpoints.Where(e => !RequiresAuthorization(e))
            .Where(e => !AnonymousRoutes.Contains(Route(e)) && !IsStaticAsset(e))
            .Select(e => $"{Route(e)} ({e.DisplayName})").ToList();
        Assert.True(open.Count == 0, "endpoints open to anonymous users but not on the list:\n" + string.Join("\n", open));
        // The list is not stale: each listed route exists and is open.
        foreach (var route in AnonymousRoutes)
            Assert.Contains(endpoints, e => Route(e) == route && !RequiresAuthorization(e));
    }

    [Fact]
    public async Task Anonymous_GET_of_every_protected_route_is_refused()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var urls = Endpoints().Where(RequiresAuthorization).Where(AnswersGet)
            .Select(e => SampleUrl(Route(e))).OfType<string>().Distinct().ToList();
        Assert.Contains("/api/audit", urls);
        Assert.Contains("/api/projects/1", urls);
        var failures = new List<string>();
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            var location = response.Headers.Location?.OriginalString ?? "";
            var refused = IsApi(url)
                ? response.StatusCode == HttpStatusCode.Unauthorized
                : response.StatusCode == HttpStatusCode.Redirect && location.Contains("/account/login", StringComparison.Ordinal);
            if (!refused) failures.Add($"{url}: {(int)response.StatusCode} {location}");
        }
        Assert.True(failures.Count == 0, "anonymous requests not refused:\n" + string.Join("\n", failures));
    }

    private static bool IsApi(string url) => url.StartsWith("/api", StringComparison.Ordinal) || url.StartsWith("/openapi", StringComparison.Ordinal);

    private static bool AnswersGet(RouteEndpoint e) =>
        e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Count == 0 || methods.HttpMethods.Contains(HttpMethods.Get);

    /// <summary>The route with a sample value for an id; null for routes with other parameters.</summary>
    private static string? SampleUrl(string route)
    {
        route = route.Replace("{id:int}", "1", StringComparison.OrdinalIgnoreCase).Replace("{id}", "1", StringComparison.OrdinalIgnoreCase);
        if (route.Contains('{')) return null;
        return route.Length > 1 ? route.TrimEnd('/') : route;
    }
}

[Collection("postgres")]
public sealed class PostgresEndpointEnumerationTests(PostgresFixture fixture) : EndpointEnumerationTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteEndpointEnumerationTests(SqliteFixture fixture) : EndpointEnumerationTests(fixture), IClassFixture<SqliteFixture>;

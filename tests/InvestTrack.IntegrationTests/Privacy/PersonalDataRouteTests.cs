using System.Reflection;
using System.Text.RegularExpressions;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Privacy;

/// <summary>
/// docs/security.md 24: no personal data in URLs. No route, no API query parameter and no page's query parameter is
/// named for a phone, an e-mail address or an ID number; a search by phone goes by POST or by the keyed hash
/// (<see cref="PersonalDataTests"/>).
/// </summary>
public abstract partial class PersonalDataRouteTests(AppFixture fixture)
{
    [GeneratedRegex("phone|mobile|tel|email|mail|idnumber|idcard|identity|shenfen", RegexOptions.IgnoreCase)]
    private static partial Regex Personal();

    [Fact]
    public void No_route_or_query_parameter_is_named_for_personal_data()
    {
        var endpoints = fixture.App.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
        Assert.Contains(endpoints, e => e.RoutePattern.RawText?.Contains("search", StringComparison.Ordinal) == true);
        var offending = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText ?? "";
            offending.AddRange(endpoint.RoutePattern.Parameters.Where(p => Personal().IsMatch(p.Name)).Select(p => $"{route}: {{{p.Name}}}"));
            // A minimal API's simple parameters are bound from the route or the query string; a model (a form, a request) comes in the body.
            if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler)
                offending.AddRange(handler.GetParameters()
                    .Where(p => p.Name is not null && IsSimple(p.ParameterType) && Personal().IsMatch(p.Name))
                    .Select(p => $"{route}: ?{p.Name}="));
        }
        var pages = typeof(Program).Assembly.GetTypes().Where(t => t.GetCustomAttributes<RouteAttribute>().Any()).ToList();
        Assert.NotEmpty(pages);
        foreach (var page in pages)
            foreach (var property in page.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
                if (property.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is { } query && Personal().IsMatch(query.Name ?? property.Name))
                    offending.Add($"{page.Name}: ?{query.Name ?? property.Name}=");
        Assert.True(offending.Count == 0, string.Join("; ", offending));
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(Guid);
    }
}

public sealed class PostgresPersonalDataRouteTests(PostgresFixture fixture) : PersonalDataRouteTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqlitePersonalDataRouteTests(SqliteFixture fixture) : PersonalDataRouteTests(fixture), IClassFixture<SqliteFixture>;

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Mvc.Testing;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>docs/security.md 17: errors show a reference id, never a stack trace; API errors are ProblemDetails with a trace id.</summary>
public abstract partial class ErrorResponseTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task The_error_page_shows_a_reference_id_and_no_internals()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/error");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var reference = ErrorReference().Match(html);
        Assert.True(reference.Success, "no error-reference element");
        Assert.Matches("^[0-9a-f]{16,}|^[0-9A-Z:]{8,}", reference.Groups[1].Value.Trim());
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("at InvestTrack", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/projects/99999999")]
    [InlineData("/api/no-such-thing")]
    public async Task API_404_is_ProblemDetails_with_a_trace_id(string url)
    {
        var client = await App.SignInAsync("city");
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("traceId").GetString()));
    }

    [GeneratedRegex("data-testid=\"error-reference\"[^>]*>([^<]+)<")]
    private static partial Regex ErrorReference();
}

[Collection("postgres")]
public sealed class PostgresErrorResponseTests(PostgresFixture fixture) : ErrorResponseTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteErrorResponseTests(SqliteFixture fixture) : ErrorResponseTests(fixture), IClassFixture<SqliteFixture>;

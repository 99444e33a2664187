using System.Net;
using System.Text;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>
/// Every /api error is ProblemDetails with a trace id and no internals, exceptions included; a request that cannot be
/// bound names the field, in the user's language.
/// </summary>
public abstract class ApiErrorTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    /// <summary>What the test endpoint throws for each path under /api/test-throw/.</summary>
    private static readonly Dictionary<string, Func<Exception>> Throws = new()
    {
        ["out-of-scope"] = () => new OutOfScopeException("Project: unit 7 is outside the user's scope"),
        ["concurrency"] = () => new DbUpdateConcurrencyException("UPDATE \"Projects\" SET … WHERE \"Version\" = @p0 affected 0 rows"),
        ["text"] = () => new InvalidTextException("Project", "ResponsibleLeader", TextInput.Bidi),
        ["crash"] = () => new InvalidOperationException("SELECT secret FROM \"AspNetUsers\" failed at Npgsql.Internal"),
    };

    /// <summary>
    /// The app with a test-only endpoint that throws: a middleware after the app's own pipeline, so inside its
    /// exception handler and authorization, reached by any /api path no endpoint matched. Production code has none.
    /// </summary>
    private WebApplicationFactory<Program> Throwing() => App.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new ThrowingEndpoint())));

    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use(async (context, nextMiddleware) =>
            {
                var path = context.Request.Path;
                if ((path.StartsWithSegments("/api/test-throw", out var rest) || path.StartsWithSegments("/test-throw", out rest))
                    && Throws.TryGetValue(rest.Value!.Trim('/'), out var exception))
                    throw exception();
                await nextMiddleware(context);
            });
        };
    }

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> factory, string user, string? culture = null)
    {
        var cookies = new System.Net.CookieContainer();
        var client = factory.CreateDefaultClient(new CookieContainerHandler(cookies));
        var login = await TestApp.PostLoginAsync(client, user, TestApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        if (culture is not null) cookies.Add(client.BaseAddress!, new Cookie(".AspNetCore.Culture", Uri.EscapeDataString($"c={culture}|uic={culture}")));
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        return client;
    }

    /// <summary>Asserts a ProblemDetails answer of the status with a trace id and nothing of the exception; returns the body.</summary>
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        foreach (var secret in new[] { "Exception", "SELECT", "Npgsql", "UPDATE", "   at ", "outside the user", "AspNetUsers" })
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement.Clone();
        Assert.Equal((int)status, root.GetProperty("status").GetInt32());
        Assert.Matches("^[0-9a-f]{32}$", root.GetProperty("traceId").GetString());
        return root;
    }

    [Fact]
    public async Task Exceptions_in_the_API_map_to_404_409_400_and_500_ProblemDetails_without_internals()
    {
        await using var factory = Throwing();
        var client = await SignInAsync(factory, "tiexi");

        var notFound = await ProblemAsync(await client.GetAsync("/api/test-throw/out-of-scope"), HttpStatusCode.NotFound);
        Assert.Equal("记录不存在", notFound.GetProperty("title").GetString());
        var conflict = await ProblemAsync(await client.GetAsync("/api/test-throw/concurrency"), HttpStatusCode.Conflict);
        Assert.Equal("记录已被他人修改，请刷新后重试", conflict.GetProperty("title").GetString());
        var text = await ProblemAsync(await client.GetAsync("/api/test-throw/text"), HttpStatusCode.BadRequest);
        Assert.Equal(["含有不允许的文字方向控制字符"], text.GetProperty("errors").GetProperty("responsibleLeader").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("responsibleLeader：含有不允许的文字方向控制字符", text.GetProperty("detail").GetString());
        var crash = await ProblemAsync(await client.GetAsync("/api/test-throw/crash"), HttpStatusCode.InternalServerError);
        Assert.StartsWith("系统处理请求时出错", crash.GetProperty("title").GetString());
        Assert.False(crash.TryGetProperty("detail", out _));

        // A page's exception still gets the error page with its reference id, not JSON.
        var page = await client.GetAsync("/test-throw/crash");
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("error-reference", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_that_cannot_be_bound_names_the_field_in_Chinese()
    {
        var client = await SignInAsync(App, "tiexi");
        var record = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().FundsRecords.Select(r => r.Id).FirstAsync());
        async Task<JsonElement> Bad(HttpMethod method, string url, string? json = null)
        {
            var request = new HttpRequestMessage(method, url);
            if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            return await ProblemAsync(await client.SendAsync(request), HttpStatusCode.BadRequest);
        }
        static void Field(JsonElement problem, string field, string message)
        {
            Assert.Equal([message], problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(message, problem.GetProperty("detail").GetString());
        }

        Field(await Bad(HttpMethod.Delete, $"/api/funds/{record}"), "version", "缺少参数 version");
        Field(await Bad(HttpMethod.Delete, $"/api/funds/{record}?version=abc"), "version", "version 必须是整数");
        Field(await Bad(HttpMethod.Post, "/api/funds", """{"projectId": 1, "amountWan": "十万"}"""), "amountWan", "amountWan 必须是数字");
        Field(await Bad(HttpMethod.Post, "/api/funds", """{"source": "Mars"}"""), "source", "source 的值不在可选范围内");
        Field(await Bad(HttpMethod.Post, "/api/companies", """{"name": "甲", "contacts": [{"name": 5}]}"""), "contacts[0].name", "contacts[0].name 必须是文本");
        Field(await Bad(HttpMethod.Get, "/api/projects/abc"), "id", "id 必须是整数");
        Field(await Bad(HttpMethod.Get, "/api/projects?signedYear=2025.5"), "signedYear", "signedYear 必须是整数");
        Field(await Bad(HttpMethod.Get, "/api/projects?stage=Mars"), "stage", "stage 的值不在可选范围内");

        var malformed = await Bad(HttpMethod.Post, "/api/companies", "{\n\"name\": \"甲\",\n}");
        Assert.Equal("请求内容不是有效的 JSON（第 3 行）", malformed.GetProperty("detail").GetString());
        Assert.Equal("缺少请求内容", (await Bad(HttpMethod.Post, "/api/funds", "")).GetProperty("detail").GetString());
        var wrongType = await client.PostAsync("/api/funds", new StringContent("{}", Encoding.UTF8, "text/plain"));
        await ProblemAsync(wrongType, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_English_user_gets_the_field_messages_in_English()
    {
        var client = await SignInAsync(App, "tiexi", "en");
        var missing = await ProblemAsync(await client.DeleteAsync("/api/funds/1"), HttpStatusCode.BadRequest);
        Assert.Equal("version is required", missing.GetProperty("detail").GetString());
        var number = await ProblemAsync(await client.PostAsync("/api/funds", new StringContent("""{"amountWan": "lots"}""", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        Assert.Equal("amountWan must be a number", number.GetProperty("detail").GetString());
        Assert.Equal("The request is not valid", number.GetProperty("title").GetString());
    }
}

[Collection("postgres")]
public sealed class PostgresApiErrorTests(PostgresFixture fixture) : ApiErrorTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteApiErrorTests(SqliteFixture fixture) : ApiErrorTests(fixture), IClassFixture<SqliteFixture>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Features.Leads;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Mvc.Testing;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>
/// No dead ends (issue 13): an unknown address, another unit's record and a page not for the user's role answer 404 or 403
/// with the app's own page — in the user's language, inside the app's frame, with a way back — never an empty body that
/// the browser replaces with its own English page. The API keeps answering ProblemDetails.
/// </summary>
public abstract class StatusPageTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private const string Tiedong = "220303";

    /// <summary>What each language says, as the resource files have it.</summary>
    private sealed record Words(string Lang, string NotFound, string Forbidden, string Home, string BackToProjects, string UnitUser, string SystemAdmin, string Auditor);

    private static readonly Dictionary<string, Words> Languages = new()
    {
        ["zh-CN"] = new("zh-CN", "页面或记录不存在", "没有访问权限", "返回首页", "返回项目", "您的角色（单位用户）", "您的角色（系统管理员）", "您的角色（安全审计员）"),
        ["en"] = new("en", "Page or record not found", "No access", "Back to the home page", "Back to Projects", "Your role (Unit staff)", "Your role (System admin)", "Your role (Security auditor)"),
    };

    private readonly Dictionary<string, string> _cookies = [];

    /// <summary>GET as the user in the language (the culture cookie, as the language switch sets it), redirects not followed.</summary>
    private async Task<(HttpStatusCode Status, string? Type, string Body)> GetAsync(string user, string url, string culture)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (!_cookies.TryGetValue(user, out var auth)) _cookies[user] = auth = await TestApp.AuthCookieAsync(client, user);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", $"{auth}; .AspNetCore.Culture={Uri.EscapeDataString($"c={culture}|uic={culture}")}");
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Text as the app writes it into HTML (its encoder leaves Chinese as it is).</summary>
    private static string Html(string text) => System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(text);

    /// <summary>The app's page, not a bare status: its frame (the signed-in user in the app bar), its language, the way home.</summary>
    private static void AssertAppPage(string url, string body, Words w, string testId, string title)
    {
        Assert.True(body.Contains($"<html lang=\"{w.Lang}\"", StringComparison.Ordinal), $"{url}: not in {w.Lang}");
        Assert.True(body.Contains($"data-testid=\"{testId}\"", StringComparison.Ordinal), $"{url}: no {testId} page in {body[..Math.Min(300, body.Length)]}");
        Assert.True(body.Contains(Html(title), StringComparison.Ordinal), $"{url}: no \"{title}\"");
        Assert.True(body.Contains("data-testid=\"current-user\"", StringComparison.Ordinal), $"{url}: outside the app's frame");
        Assert.True(body.Contains($"<a href=\"/\">{Html(w.Home)}</a>", StringComparison.Ordinal), $"{url}: no way home");
        // Switching language comes back to the address asked for, not to the status page's own.
        Assert.True(body.Contains($"name=\"returnUrl\" value=\"{Html(url)}\"", StringComparison.Ordinal), $"{url}: the language switch returns elsewhere");
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task An_unknown_address_answers_404_with_the_apps_not_found_page(string culture)
    {
        var w = Languages[culture];
        foreach (var url in new[] { "/no-such-page", "/projects/12/no-such-tab", "/not-found" })
        {
            var (status, type, body) = await GetAsync("tiexi", url, culture);
            Assert.True(status == HttpStatusCode.NotFound, $"{url}: {(int)status}");
            Assert.Equal("text/html", type);
            AssertAppPage(url, body, w, "not-found", w.NotFound);
        }
        // Under a list, the way back leads to that list too.
        var (_, _, under) = await GetAsync("tiexi", "/projects/12/no-such-tab", culture);
        Assert.Contains($"<a href=\"/projects\" data-testid=\"back-to-list\">{Html(w.BackToProjects)}</a>", under);

        // Signed out, an unknown address still asks to sign in first.
        var anonymous = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Another_units_records_answer_404_with_the_not_found_page_and_nothing_of_them(string culture)
    {
        var w = Languages[culture];
        var u = AdminTestSupport.Unique();
        var tiedong = await App.UnitIdAsync(Tiedong);
        var project = await App.CreateProjectAsync("tiedong", Tiedong);

        var tiedongClient = await ApiClientAsync("tiedong");
        var lead = await tiedongClient.PostAsJsonAsync("/api/leads", new LeadForm
        {
            UnitId = tiedong, Name = $"铁东线索{u}", SourceKind = LeadSourceKind.ViaInvestor, Referrer = "王会长", InvestorName = $"铁东投资方{u}有限公司",
            InvestorOrigin = "广东省深圳市", IndustrySectionCode = "C", EstimatedInvestmentWan = 1000m,
        });
        Assert.True(lead.IsSuccessStatusCode, await lead.Content.ReadAsStringAsync());
        var leadId = (await lead.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var activity = await tiedongClient.PostAsJsonAsync("/api/activities", new
        {
            code = $"TD-{u}", kind = "走出去", startOn = "2025-05-01", unitId = tiedong, leader = $"铁东带队{u}", leaderLevel = "县级", destinations = "北京市",
        });
        Assert.True(activity.IsSuccessStatusCode, await activity.Content.ReadAsStringAsync());
        var activityId = (await activity.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var order = await (await ApiClientAsync("city")).PostAsJsonAsync("/api/orders", new
        {
            unitId = tiedong, problem = $"铁东督办{u}", planDueOn = today.AddDays(30).ToString("yyyy-MM-dd"), fixDueOn = today.AddDays(60).ToString("yyyy-MM-dd"),
        });
        Assert.True(order.IsSuccessStatusCode, await order.Content.ReadAsStringAsync());
        var orderId = (await order.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var failures = new List<string>();
        foreach (var url in new[] { $"/projects/{project.Id}", $"/projects/{project.Id}/funds", $"/projects/{project.Id}/edit", $"/leads/{leadId}", $"/activities/{activityId}", $"/orders/{orderId}" })
        {
            var (status, _, body) = await GetAsync("tiexi", url, culture);
            if (status != HttpStatusCode.NotFound) failures.Add($"{url}: {(int)status}");
            AssertAppPage(url, body, w, "not-found", w.NotFound);
            foreach (var secret in new[] { project.Name, project.Code, $"铁东线索{u}", $"TD-{u}", $"铁东带队{u}", $"铁东督办{u}" })
                if (body.Contains(secret, StringComparison.Ordinal)) failures.Add($"{url} shows {secret}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // The way back from another unit's project is the project list, as from a missing one.
        Assert.Contains($"<a href=\"/projects\" data-testid=\"back-to-list\">{Html(w.BackToProjects)}</a>", (await GetAsync("tiexi", $"/projects/{project.Id}", culture)).Body);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("tiedong", $"/projects/{project.Id}", culture)).Status);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_page_not_for_the_users_role_answers_403_with_the_no_right_page(string culture)
    {
        var w = Languages[culture];
        var cases = new (string User, string Url, string Role)[]
        {
            ("tiexi", "/admin/users", w.UnitUser), ("tiexi", "/audit", w.UnitUser), ("tiexi", "/funds/audit", w.UnitUser), ("tiexi", "/leads/conflicts", w.UnitUser), ("tiexi", "/admin/jobs", w.UnitUser),
            ("admin", "/projects", w.SystemAdmin), ("admin", "/search?q=x", w.SystemAdmin),
            // Not for the role at all, whatever the id: the answer tells nothing of the record.
            ("auditor", "/projects/1", w.Auditor), ("auditor", "/projects/999999", w.Auditor),
        };
        foreach (var (user, url, role) in cases)
        {
            var (status, type, body) = await GetAsync(user, url, culture);
            Assert.True(status == HttpStatusCode.Forbidden, $"{user} {url}: {(int)status}");
            Assert.Equal("text/html", type);
            AssertAppPage(url, body, w, "forbidden", w.Forbidden);
            Assert.Contains(Html(role), body);
        }
    }

    [Fact]
    public async Task The_API_keeps_answering_ProblemDetails_for_refusals_and_unknown_routes()
    {
        foreach (var (user, url, status) in new[] { ("tiexi", "/api/audit", HttpStatusCode.Forbidden), ("admin", "/api/search?q=x", HttpStatusCode.Forbidden), ("tiexi", "/api/no-such-route", HttpStatusCode.NotFound) })
        {
            var (answered, type, body) = await GetAsync(user, url, "zh-CN");
            Assert.Equal(status, answered);
            Assert.Equal("application/problem+json", type);
            using var problem = JsonDocument.Parse(body);
            Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
            Assert.True(problem.RootElement.TryGetProperty("traceId", out _));
        }
    }

    private async Task<HttpClient> ApiClientAsync(string user)
    {
        var client = await App.SignInAsync(user);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        return client;
    }
}

[Collection("postgres")]
public sealed class PostgresStatusPageTests(PostgresFixture fixture) : StatusPageTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteStatusPageTests(SqliteFixture fixture) : StatusPageTests(fixture), IClassFixture<SqliteFixture>;

using System.Net;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Mvc.Testing;

namespace InvestTrack.IntegrationTests.Help;

/// <summary>
/// The help pages over HTTP (issue 13 item 12): a feature's help in the reader's language with the rules it points to,
/// a rules document of docs/ shown in the app, 404 for an unknown topic or a path out of docs/, and sign-in first. The
/// help reads no records, so one database (SQLite) is enough.
/// </summary>
public sealed class HelpPageTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private TestApp App => fixture.App;

    private string? _auth;

    /// <summary>GET as 铁西区's unit user in the language (the culture cookie, as the language switch sets it), redirects not followed.</summary>
    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string url, string culture = "zh-CN")
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        _auth ??= await TestApp.AuthCookieAsync(client, "tiexi");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", $"{_auth}; .AspNetCore.Culture={Uri.EscapeDataString($"c={culture}|uic={culture}")}");
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_features_help_is_shown_in_the_readers_language_with_its_rules()
    {
        var (status, funds) = await GetAsync("/help/funds");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(">到位资金</h1>", funds);
        Assert.Contains("只有审核通过的记录才计入统计", funds);
        Assert.Contains("href=\"/help/rules/statistics.md\"", funds);
        Assert.Contains("href=\"/help/rules/decisions/0007-funds-year-totals.md\"", funds);

        var (projectsStatus, projects) = await GetAsync("/help/projects");
        Assert.Equal(HttpStatusCode.OK, projectsStatus);
        Assert.Contains(">项目</h1>", projects);
        Assert.Contains("变更阶段", projects);
        Assert.Contains("href=\"/help/rules/import-format.md\"", projects);

        var (englishStatus, english) = await GetAsync("/help/projects", "en");
        Assert.Equal(HttpStatusCode.OK, englishStatus);
        Assert.Contains(">Projects</h1>", english);
        Assert.Contains("Change stage", english);
        Assert.DoesNotContain("变更阶段", english);
    }

    [Fact]
    public async Task A_rules_document_of_docs_is_shown_with_its_links_kept_in_the_help()
    {
        var (status, body) = await GetAsync("/help/rules/statistics.md");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(">Statistics contract: how the reported figures are counted</h1>", body);
        Assert.Contains("href=\"/help/rules/import-format.md\"", body);
        Assert.Contains("href=\"/help/rules/decisions/0006-statistics.md\"", body);

        var (decisionStatus, decision) = await GetAsync("/help/rules/decisions/0012-published-rankings.md");
        Assert.Equal(HttpStatusCode.OK, decisionStatus);
        Assert.Contains(">0012 A published ranking is public within the city; a draft ranking is not</h1>", decision);
        Assert.Contains("href=\"/help/rules/security.md\"", decision); // ../security.md from docs/decisions/
    }

    [Theory]
    [InlineData("/help/no-such-topic")]
    [InlineData("/help/rules/no-such-rules.md")]
    [InlineData("/help/rules/../../README.md")] // the client collapses the dots: this one asks for /README.md
    [InlineData("/help/rules/..%2F..%2FREADME.md")] // sent as it is: the dots reach the app
    [InlineData("/help/rules/decisions/..%2F..%2FREADME.md")]
    public async Task An_unknown_topic_or_a_path_out_of_docs_answers_404(string url)
    {
        var (status, body) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("页面或记录不存在", body);
        Assert.DoesNotContain("Two commands", body); // a heading of README.md
    }

    [Fact]
    public async Task Help_asks_to_sign_in_first()
    {
        var anonymous = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync("/help/funds");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain("到位资金", await response.Content.ReadAsStringAsync());
    }
}

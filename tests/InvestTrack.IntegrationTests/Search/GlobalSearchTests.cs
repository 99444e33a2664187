using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Leads;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Search;

/// <summary>
/// The global search over HTTP on both databases: each kind is found by its own list's search, so a county user finds
/// its own projects, leads and activities and never another county's (nor learns of them through a company hit); the
/// company directory is citywide (decision 0004). A search term or a name holding markup is shown as text.
/// </summary>
public abstract class GlobalSearchTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private const string Tiedong = "220303";

    private sealed record Seeded(string Term, int Company, Project OwnProject, Project ForeignProject, int OwnLead, int ForeignLead, int OwnActivity, int ForeignActivity,
        string[] ForeignTexts);

    private async Task<HttpClient> ClientAsync(string user)
    {
        var client = await App.SignInAsync(user);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        return client;
    }

    /// <summary>A term held by a project, a lead and an activity of 铁西区 and of 铁东区, and by a company that invests in 铁东区 only.</summary>
    private async Task<Seeded> SeedAsync()
    {
        // Chinese and ASCII, long enough for PostgreSQL's trigram index.
        var term = $"寻觅{AdminTestSupport.Unique()}";
        var company = await App.AsUserAsync("tiedong", sp => sp.GetRequiredService<CompanyService>().CreateAsync(new CompanyForm { Name = $"{term}科技有限公司", Origin = "广东省深圳市" }));
        Assert.True(company.Ok, string.Join(", ", company.Errors?.Values ?? []));

        async Task<Project> ProjectAsync(string user, string unit, string name, int? companyId)
        {
            var form = await App.NewFormAsync(unit);
            form.Name = name;
            if (companyId is { } id) form.CompanyId = id;
            var result = await App.AsUserAsync(user, sp => sp.GetRequiredService<ProjectService>().CreateAsync(form));
            Assert.True(result.Ok, result.FirstError);
            return await App.ProjectAsync(result.Id!.Value);
        }
        var own = await ProjectAsync("tiexi", ProjectTestSupport.Tiexi, $"{term}铁西<img src=x onerror=alert(1)>项目", null);
        var foreign = await ProjectAsync("tiedong", Tiedong, $"铁东{term}冷链项目", company.Id);

        async Task<int> LeadAsync(string user, string unit, string name)
        {
            var response = await (await ClientAsync(user)).PostAsJsonAsync("/api/leads", new LeadForm
            {
                UnitId = await App.UnitIdAsync(unit), Name = name, SourceKind = LeadSourceKind.ViaInvestor, Referrer = "王会长",
                InvestorName = $"投资方{AdminTestSupport.Unique()}有限公司", InvestorOrigin = "浙江省杭州市", IndustrySectionCode = "C", EstimatedInvestmentWan = 500m,
            });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }
        async Task<int> ActivityAsync(string user, string unit, string code, string leader)
        {
            var response = await (await ClientAsync(user)).PostAsJsonAsync("/api/activities", new
            {
                code, kind = "走出去", startOn = "2025-05-01", unitId = await App.UnitIdAsync(unit), leader, leaderLevel = "县级", destinations = "北京市",
            });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }
        var u = AdminTestSupport.Unique();
        return new Seeded(term, company.Id!.Value, own, foreign,
            await LeadAsync("tiexi", ProjectTestSupport.Tiexi, $"{term}铁西线索"), await LeadAsync("tiedong", Tiedong, $"{term}铁东线索"),
            await ActivityAsync("tiexi", ProjectTestSupport.Tiexi, $"TX-{u}", $"{term}铁西带队"), await ActivityAsync("tiedong", Tiedong, $"TD-{u}", $"{term}铁东带队"),
            [foreign.Name, foreign.Code, $"{term}铁东线索", $"TD-{u}", $"{term}铁东带队"]);
    }

    private static int[] Ids(JsonElement results, string kind) =>
        [.. results.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("kind").GetString() == kind).GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetInt32()).Order()];

    /// <summary>Every string of a JSON answer, unescaped (the raw text escapes Chinese as \uXXXX).</summary>
    private static string Texts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Object => string.Join("\n", element.EnumerateObject().Select(p => Texts(p.Value))),
        JsonValueKind.Array => string.Join("\n", element.EnumerateArray().Select(Texts)),
        _ => element.ToString(),
    };

    private static int Total(JsonElement results, string kind) =>
        results.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("kind").GetString() == kind).GetProperty("total").GetInt32();

    [Fact]
    public async Task A_county_user_finds_its_own_records_and_never_another_countys()
    {
        var s = await SeedAsync();
        var tiexi = await ClientAsync("tiexi");
        var json = await tiexi.GetStringAsync($"/api/search?q={Uri.EscapeDataString(s.Term)}&take=50");
        var results = JsonDocument.Parse(json).RootElement;
        Assert.Equal(s.Term, results.GetProperty("text").GetString());
        Assert.Equal([s.OwnProject.Id], Ids(results, "Project"));
        Assert.Equal(1, Total(results, "Project"));
        Assert.Equal([s.OwnLead], Ids(results, "Lead"));
        Assert.Equal([s.OwnActivity], Ids(results, "Activity"));
        // The company directory is the city's (decision 0004): the company is found, as /companies lists it, with no unit
        // and nothing of the projects another county holds with it.
        Assert.Equal([s.Company], Ids(results, "Company"));
        var companyHit = results.GetProperty("groups")[1].GetProperty("hits")[0];
        Assert.Equal(JsonValueKind.Null, companyHit.GetProperty("unit").ValueKind);
        var texts = Texts(results);
        Assert.Contains(s.OwnProject.Name, texts);
        foreach (var secret in s.ForeignTexts) Assert.DoesNotContain(secret, texts);

        // The page shows the same, and nothing of 铁东区 either.
        var html = await tiexi.GetStringAsync($"/search?q={Uri.EscapeDataString(s.Term)}");
        Assert.Contains($"href=\"/projects/{s.OwnProject.Id}\"", html);
        Assert.Contains($"href=\"/leads/{s.OwnLead}\"", html);
        Assert.Contains($"href=\"/activities/{s.OwnActivity}\"", html);
        Assert.Contains($"href=\"/companies/{s.Company}\"", html);
        Assert.DoesNotContain($"href=\"/projects/{s.ForeignProject.Id}\"", html);
        foreach (var secret in s.ForeignTexts) Assert.DoesNotContain(secret, html);

        // City staff find both counties' records.
        var city = JsonDocument.Parse(await (await ClientAsync("city")).GetStringAsync($"/api/search?q={Uri.EscapeDataString(s.Term)}&take=50")).RootElement;
        Assert.Equal(new[] { s.OwnProject.Id, s.ForeignProject.Id }.Order(), Ids(city, "Project"));
        Assert.Equal(new[] { s.OwnLead, s.ForeignLead }.Order(), Ids(city, "Lead"));
        Assert.Equal(new[] { s.OwnActivity, s.ForeignActivity }.Order(), Ids(city, "Activity"));

        // A foreign project's code, searched for exactly, finds nothing for the county.
        var byCode = JsonDocument.Parse(await tiexi.GetStringAsync($"/api/search?q={Uri.EscapeDataString(s.ForeignProject.Code)}")).RootElement;
        Assert.Equal(0, Total(byCode, "Project"));
    }

    [Fact]
    public async Task Script_in_a_search_term_or_a_name_is_shown_as_text()
    {
        var s = await SeedAsync();
        var tiexi = await ClientAsync("tiexi");
        const string Script = "<script>alert('x')</script>";
        var response = await tiexi.GetAsync($"/search?q={Uri.EscapeDataString(Script)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html);
        var api = await tiexi.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(Script)}");
        Assert.Equal(Script, api.GetProperty("text").GetString());
        Assert.All(api.GetProperty("groups").EnumerateArray(), g => Assert.Equal(0, g.GetProperty("total").GetInt32()));

        // A name with markup, found: text on the page, not an element.
        var found = await tiexi.GetStringAsync($"/search?q={Uri.EscapeDataString(s.Term)}");
        Assert.DoesNotContain("<img src=x", found);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", found);
    }

    [Fact]
    public async Task An_empty_term_finds_nothing_and_roles_that_read_no_records_may_not_search()
    {
        var tiexi = await ClientAsync("tiexi");
        var empty = await tiexi.GetFromJsonAsync<JsonElement>("/api/search?q=%20%E2%80%8B");
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("text").ValueKind);
        Assert.Equal(0, empty.GetProperty("groups").GetArrayLength());
        Assert.Contains("data-testid=\"search-hint\"", await tiexi.GetStringAsync("/search"));

        foreach (var user in new[] { "admin", "auditor" })
        {
            var client = await ClientAsync(user);
            var refused = await client.GetAsync("/api/search?q=项目");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            // Nor is the box in their app bar.
            var home = await client.GetStringAsync("/");
            Assert.DoesNotContain("data-testid=\"global-search\"", home);
        }
        Assert.Contains("data-testid=\"global-search\"", await tiexi.GetStringAsync("/"));
    }
}

[Collection("postgres")]
public sealed class PostgresGlobalSearchTests(PostgresFixture fixture) : GlobalSearchTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteGlobalSearchTests(SqliteFixture fixture) : GlobalSearchTests(fixture), IClassFixture<SqliteFixture>;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.ApiTokens;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Kernel.Crypto;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.ApiTokens;

/// <summary>
/// Issue 14 item 7: personal access tokens. A token acts as its user — the same records, the same unit, never more — on
/// /api only; a read token cannot write; a token that is expired or revoked, or whose user is disabled or locked, is
/// refused with a message; only the keyed hash is stored; every use is audited once and its last use kept.
/// </summary>
public abstract class ApiTokenTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<HttpClient> SessionAsync(string userName)
    {
        var client = await App.SignInAsync(userName);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        return client;
    }

    /// <summary>Makes a token through the page's API as the signed-in user; returns the token and its id.</summary>
    private async Task<(string Token, int Id)> CreateTokenAsync(string userName, ApiTokenScope scope, int days = 90, string? name = null)
    {
        var session = await SessionAsync(userName);
        var response = await session.PostAsJsonAsync("/api/account/tokens", new { name = name ?? $"脚本{Guid.NewGuid():N}"[..12], days, scope = scope.ToString() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<ApiTokenCreated>(Json))!;
        Assert.True(ApiTokenFormat.IsWellFormed(created.Token), created.Token);
        Assert.Equal(created.Token![..12], created.Row!.Prefix);
        return (created.Token, created.Row.Id);
    }

    /// <summary>A client with no cookie and no client header: what a script has.</summary>
    private HttpClient Bearer(string token)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private Task<List<Features.Audit.AuditEntry>> TokenEntriesAsync(int tokenId) => App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries
        .AsNoTracking().Where(a => a.ObjectType == ApiTokenService.ObjectType && a.ObjectId == tokenId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .OrderBy(a => a.Id).ToListAsync());

    private Task<ApiToken> StoredAsync(int id) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().ApiTokens.AsNoTracking().SingleAsync(t => t.Id == id));

    [Fact]
    public async Task A_read_token_reads_exactly_what_its_user_reads_and_cannot_write()
    {
        var (token, id) = await CreateTokenAsync("tiexi", ApiTokenScope.Read);
        var session = await SessionAsync("tiexi");
        var script = Bearer(token);

        const string list = "/api/projects?pageSize=100";
        var byToken = await script.GetAsync(list);
        Assert.Equal(HttpStatusCode.OK, byToken.StatusCode);
        var rows = (await byToken.Content.ReadFromJsonAsync<ProjectPage>(Json))!;
        Assert.NotEmpty(rows.Rows);
        Assert.Equal(await session.GetStringAsync(list), await byToken.Content.ReadAsStringAsync());
        var me = JsonDocument.Parse(await script.GetStringAsync("/api/me")).RootElement;
        Assert.Equal("tiexi", me.GetProperty("userName").GetString());

        // A write with a read token: refused, said why, nothing written, audited as a refusal.
        var form = await App.NewFormAsync();
        var write = await script.PostAsJsonAsync("/api/projects", form);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Contains("只读", (await ProblemAsync(write)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await App.CountByCodeAsync(form.Code));
        var refusal = (await TokenEntriesAsync(id)).Last();
        Assert.Equal(("Refused", "Refused", "tiexi"), (refusal.Action, refusal.Result, refusal.UserName));
        Assert.Contains("\"method\":\"POST\"", refusal.NewValues, StringComparison.Ordinal);
        Assert.Contains("read-only token", refusal.NewValues, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_token_writes_without_the_client_header_which_a_session_still_needs()
    {
        var (token, _) = await CreateTokenAsync("tiexi", ApiTokenScope.ReadWrite);
        var form = await App.NewFormAsync();
        var created = await Bearer(token).PostAsJsonAsync("/api/projects", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stored = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.AsNoTracking().SingleAsync(p => p.Code == form.Code));
        Assert.Equal(form.UnitId, stored.UnitId);
        Assert.Equal("tiexi", await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Action == "Create" && a.ObjectType == "Project" && a.ObjectId == stored.Id.ToString()).Select(a => a.UserName).SingleAsync()));

        var cookieOnly = await App.SignInAsync("tiexi");
        var other = await App.NewFormAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await cookieOnly.PostAsJsonAsync("/api/projects", other)).StatusCode);
        Assert.Equal(0, await App.CountByCodeAsync(other.Code));
    }

    [Fact]
    public async Task Another_units_record_answers_404_to_a_token_as_a_missing_one()
    {
        var (token, id) = await CreateTokenAsync("tiexi", ApiTokenScope.ReadWrite);
        var own = await App.CreateProjectAsync();
        var foreign = await App.CreateProjectAsync("lishu", ProjectTestSupport.Lishu);
        var script = Bearer(token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync($"/api/projects/{own.Id}")).StatusCode);
        foreach (var missing in new[] { foreign.Id, 999_999 })
        {
            var response = await script.GetAsync($"/api/projects/{missing}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(404, (await ProblemAsync(response)).GetProperty("status").GetInt32());
        }
        var form = ProjectTestSupport.FormOf(foreign);
        form.Name = "改名";
        Assert.Equal(HttpStatusCode.NotFound, (await script.PutAsJsonAsync($"/api/projects/{foreign.Id}", form)).StatusCode);
        Assert.Equal(foreign.Name, (await App.ProjectAsync(foreign.Id)).Name);
        // One entry per call: the use, which carries the refusal; not a second one from the refusal audit.
        var uses = await TokenEntriesAsync(id);
        Assert.Equal(4, uses.Count(a => a.Action == ApiTokenService.UsedAction));
        Assert.Equal(3, uses.Count(a => a.Result == "Refused"));
        Assert.False(await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .AnyAsync(a => a.ObjectType == RefusalAudit.ObjectType && a.ObjectId == $"GET /api/projects/{foreign.Id}")));
    }

    [Fact]
    public async Task Expired_revoked_unknown_and_tokens_of_disabled_or_locked_users_answer_401_saying_why_in_the_users_language()
    {
        async Task<string> RefusedAsync(string token)
        {
            var response = await Bearer(token).GetAsync("/api/projects");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            var problem = await ProblemAsync(response);
            Assert.True(problem.TryGetProperty("traceId", out _));
            return problem.GetProperty("detail").GetString()!;
        }
        Task SetAsync(Func<AppDbContext, Task> change) => App.AsSystemAsync(async sp => { await change(sp.GetRequiredService<AppDbContext>()); return 0; });

        Assert.Contains("令牌无效", await RefusedAsync("itk_" + new string('A', 43)), StringComparison.Ordinal);
        Assert.Contains("令牌无效", await RefusedAsync("not-a-token"), StringComparison.Ordinal);

        var (expired, expiredId) = await CreateTokenAsync("tiexi", ApiTokenScope.Read);
        await SetAsync(db => db.ApiTokens.Where(t => t.Id == expiredId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        Assert.Contains("已过期", await RefusedAsync(expired), StringComparison.Ordinal);

        var (revoked, revokedId) = await CreateTokenAsync("tiexi", ApiTokenScope.Read);
        Assert.Equal(HttpStatusCode.NoContent, (await (await SessionAsync("tiexi")).DeleteAsync($"/api/account/tokens/{revokedId}")).StatusCode);
        Assert.Contains("已被撤销", await RefusedAsync(revoked), StringComparison.Ordinal);
        Assert.Contains((await TokenEntriesAsync(revokedId)), a => a.Action == "Refused" && a.UserName == "tiexi" && a.NewValues!.Contains("Revoked", StringComparison.Ordinal));

        // The user's own language: lishuzone reads English.
        var (token, _) = await CreateTokenAsync("lishuzone", ApiTokenScope.Read);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(token).GetAsync("/api/projects")).StatusCode);
        try
        {
            await SetAsync(db => db.Users.Where(u => u.UserName == "lishuzone").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true).SetProperty(u => u.PreferredCulture, "en")));
            Assert.Equal("The account the token belongs to is disabled.", await RefusedAsync(token));
            await SetAsync(db => db.Users.Where(u => u.UserName == "lishuzone").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, false)
                .SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(15))));
            Assert.Contains("is locked", await RefusedAsync(token), StringComparison.Ordinal);
        }
        finally
        {
            await SetAsync(db => db.Users.Where(u => u.UserName == "lishuzone").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, false)
                .SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null).SetProperty(u => u.PreferredCulture, "zh-CN")));
        }
        Assert.Equal(HttpStatusCode.OK, (await Bearer(token).GetAsync("/api/projects")).StatusCode);
    }

    [Fact]
    public async Task A_token_acts_with_its_users_role_of_the_moment()
    {
        var (token, _) = await CreateTokenAsync("leader", ApiTokenScope.ReadWrite);
        var script = Bearer(token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/projects")).StatusCode);
        // A leader edits nothing, whatever the token's scope says.
        var form = await App.NewFormAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await script.PostAsJsonAsync("/api/projects", form)).StatusCode);
        Assert.Equal(0, await App.CountByCodeAsync(form.Code));
        Assert.Equal(HttpStatusCode.Forbidden, (await script.GetAsync("/api/jobs")).StatusCode);
    }

    /// <summary>No copy of the user's unit lives in the token: moved to another unit, its next call sees that unit's records.</summary>
    [Fact]
    public async Task A_token_follows_a_change_of_its_users_unit_at_the_next_call()
    {
        var (token, _) = await CreateTokenAsync("lishuzone", ApiTokenScope.Read);
        var tiexiProject = await App.CreateProjectAsync();
        var script = Bearer(token);
        Assert.Equal(HttpStatusCode.NotFound, (await script.GetAsync($"/api/projects/{tiexiProject.Id}")).StatusCode);
        var zone = await App.UnitIdAsync("220322K01");
        var tiexi = await App.UnitIdAsync(ProjectTestSupport.Tiexi);
        Task MoveAsync(int unit) => App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.UserName == "lishuzone")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.UnitId, unit)));
        try
        {
            await MoveAsync(tiexi);
            Assert.Equal(HttpStatusCode.OK, (await script.GetAsync($"/api/projects/{tiexiProject.Id}")).StatusCode);
        }
        finally
        {
            await MoveAsync(zone);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await script.GetAsync($"/api/projects/{tiexiProject.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_signs_in_to_no_page_and_only_the_api_accepts_it()
    {
        var (token, _) = await CreateTokenAsync("tiexi", ApiTokenScope.ReadWrite);
        var script = Bearer(token);
        var page = await script.GetAsync("/projects");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/openapi/v1.json")).StatusCode);
        // Nor may a token make or revoke tokens: that is done from a session.
        var create = await script.PostAsJsonAsync("/api/account/tokens", new { name = "再造", days = 30, scope = "ReadWrite" });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    public async Task Only_the_keyed_hash_is_stored_and_neither_token_nor_hash_reaches_the_trail()
    {
        var (token, id) = await CreateTokenAsync("tiexi", ApiTokenScope.Read, name: "月报脚本");
        await Bearer(token).GetAsync("/api/me");
        var stored = await StoredAsync(id);
        var keys = App.Services.GetRequiredService<IKeyProvider>();
        Assert.Equal(ApiTokenFormat.Hash(keys, token), stored.Hash);
        Assert.NotEqual(Convert.ToHexStringLower(Sm3.Hash(System.Text.Encoding.ASCII.GetBytes(token))), stored.Hash);
        Assert.Equal(token[..12], stored.Prefix);
        var secret = token[12..];
        var texts = await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var rows = await db.ApiTokens.AsNoTracking().Select(t => t.Name + t.Prefix + t.Hash + t.LastUsedFrom + t.RevokedBy).ToListAsync();
            var audit = await db.AuditEntries.AsNoTracking().Select(a => (a.ObjectId ?? "") + (a.OldValues ?? "") + (a.NewValues ?? "")).ToListAsync();
            return (rows, audit);
        });
        Assert.DoesNotContain(texts.rows, r => r.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(texts.audit, a => a.Contains(secret, StringComparison.Ordinal) || a.Contains(stored.Hash, StringComparison.Ordinal));
        var entries = await TokenEntriesAsync(id);
        Assert.Equal(ApiTokenService.CreatedAction, entries[0].Action);
        Assert.Contains("月报脚本", entries[0].NewValues, StringComparison.Ordinal);
        Assert.Contains(token[..12], entries[0].NewValues, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_use_is_audited_once_and_the_last_use_is_stored_at_most_once_a_minute()
    {
        var (token, id) = await CreateTokenAsync("tiexi", ApiTokenScope.Read, name: "统计脚本");
        Assert.Null((await StoredAsync(id)).LastUsedAt);
        var script = Bearer(token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/me")).StatusCode);
        var first = (await StoredAsync(id)).LastUsedAt;
        Assert.NotNull(first);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/projects?q=abc")).StatusCode);
        Assert.Equal(first, (await StoredAsync(id)).LastUsedAt);

        var uses = (await TokenEntriesAsync(id)).Where(a => a.Action == ApiTokenService.UsedAction).ToList();
        Assert.Equal(2, uses.Count);
        Assert.All(uses, a => Assert.Equal(("tiexi", "Success", "UnitUser"), (a.UserName, a.Result, a.Role)));
        Assert.Contains("\"path\":\"/api/projects?q=abc\"", uses[1].NewValues, StringComparison.Ordinal);
        Assert.Contains("\"Name\":\"统计脚本\"", uses[1].NewValues, StringComparison.Ordinal);
        Assert.Contains($"\"prefix\":\"{token[..12]}\"", uses[1].NewValues, StringComparison.Ordinal);
        Assert.Contains("\"status\":200", uses[1].NewValues, StringComparison.Ordinal);

        // A minute later (as stored) the next use moves it.
        await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().ApiTokens.Where(t => t.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, first!.Value.AddMinutes(-2))));
        await script.GetAsync("/api/me");
        Assert.True((await StoredAsync(id)).LastUsedAt > first);
    }

    [Fact]
    public async Task The_administrator_sees_and_revokes_any_users_token_and_others_cannot()
    {
        var (token, id) = await CreateTokenAsync("tiexi", ApiTokenScope.Read, name: "管理员撤销");
        var tiedong = await SessionAsync("tiedong");
        Assert.Equal(HttpStatusCode.NotFound, (await tiedong.DeleteAsync($"/api/account/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tiedong.PostAsync($"/api/admin/tokens/{id}/revoke", null)).StatusCode);
        Assert.Null((await StoredAsync(id)).RevokedAt);
        Assert.DoesNotContain(await tiedong.GetFromJsonAsync<List<ApiTokenRow>>("/api/account/tokens", Json) ?? [], r => r.Id == id);

        var admin = await SessionAsync("admin");
        var all = (await admin.GetFromJsonAsync<List<ApiTokenRow>>("/api/admin/tokens", Json))!;
        Assert.Equal(("tiexi", "管理员撤销"), all.Where(r => r.Id == id).Select(r => (r.UserName, r.Name)).Single());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/admin/tokens/{id}/revoke", null)).StatusCode);
        var stored = await StoredAsync(id);
        Assert.Equal("admin", stored.RevokedBy);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(token).GetAsync("/api/me")).StatusCode);
        var revoked = (await TokenEntriesAsync(id)).Single(a => a.Action == ApiTokenService.RevokedAction);
        Assert.Equal("admin", revoked.UserName);
        Assert.Contains("\"owner\":\"tiexi\"", revoked.NewValues, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/admin/tokens/999999/revoke", null)).StatusCode);
    }

    [Fact]
    public async Task An_administrators_token_works_only_from_the_administrator_networks()
    {
        var (token, id) = await CreateTokenAsync("admin", ApiTokenScope.Read);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(token).GetAsync("/api/jobs")).StatusCode);
        await using var elsewhere = App.WithWebHostBuilder(b => b.UseSetting(AdminNetworks.Key, "10.9.0.0/16"));
        Assert.Equal(HttpStatusCode.Forbidden, (await CreateClient(elsewhere, token).GetAsync("/api/jobs")).StatusCode);
        var use = (await TokenEntriesAsync(id)).Last();
        Assert.Equal((ApiTokenService.UsedAction, "Refused", "admin"), (use.Action, use.Result, use.UserName));
        Assert.Contains("\"status\":403", use.NewValues, StringComparison.Ordinal);
    }

    private static HttpClient CreateClient(WebApplicationFactory<Program> app, string token)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_message_and_nothing_is_made()
    {
        var session = await SessionAsync("tiexi");
        async Task<string> RefusedAsync(object body)
        {
            var response = await session.PostAsJsonAsync("/api/account/tokens", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await ProblemAsync(response)).GetProperty("errors").GetProperty("token")[0].GetString()!;
        }
        var before = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().ApiTokens.CountAsync());
        Assert.Contains("名称", await RefusedAsync(new { name = "  ", days = 30, scope = "Read" }), StringComparison.Ordinal);
        Assert.Contains("1 至 365", await RefusedAsync(new { name = "太久", days = 366, scope = "Read" }), StringComparison.Ordinal);
        Assert.Contains("1 至 365", await RefusedAsync(new { name = "太短", days = 0, scope = "Read" }), StringComparison.Ordinal);
        Assert.Equal(before, await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().ApiTokens.CountAsync()));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_bearer_scheme_on_every_api_operation()
    {
        var session = await SessionAsync("tiexi");
        var document = JsonDocument.Parse(await session.GetStringAsync("/openapi/v1.json")).RootElement;
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty(BearerOpenApi.SchemeName);
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        var operations = document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject()).Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch" or "head").ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, o => Assert.Contains(o.Value.GetProperty("security").EnumerateArray(), r => r.TryGetProperty(BearerOpenApi.SchemeName, out _)));
    }
}

public sealed class PostgresApiTokenTests(PostgresFixture fixture) : ApiTokenTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteApiTokenTests(SqliteFixture fixture) : ApiTokenTests(fixture), IClassFixture<SqliteFixture>;

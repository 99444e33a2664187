using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Home;
using InvestTrack.Features.Users;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests;

public abstract class ShellTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task Health_checks_the_database_without_sign_in()
    {
        var response = await App.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_page_is_chinese_text_not_entities()
    {
        var html = await App.CreateClient().GetStringAsync("/account/login");
        Assert.Contains("招商项目管理平台", html);
        Assert.Contains("<html lang=\"zh-CN\"", html);
        Assert.DoesNotContain("&#x", html);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_api_for_signed_in_users_only()
    {
        var anonymous = await App.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/openapi/v1.json");
        Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"{anonymous.StatusCode} {anonymous.Headers.Location}");
        var client = await App.SignInAsync("city");
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/projects", paths);
        Assert.Contains("/api/projects/{id}", paths);
        Assert.Contains("/api/summary", paths);
        Assert.Contains("/api/assessment/schemes/{id}", paths);
        Assert.Contains("/api/assessment/rankings/{year}/{month}", paths);
        Assert.Contains("/api/orders/{id}/return", paths);
        Assert.Contains("/api/orders/{id}/attachments/{attachmentId}", paths);
    }

    [Fact]
    public async Task Summary_counts_are_true_and_scoped()
    {
        var (units, users, lishuProjects, allProjects) = await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var lishu = await db.Units.Where(u => u.Code == "220322" || u.Code == "220322K01").Select(u => u.Id).ToListAsync();
            return (await db.Units.CountAsync(u => u.IsActive), await db.Users.CountAsync(),
                await db.Projects.CountAsync(p => lishu.Contains(p.UnitId)), await db.Projects.CountAsync());
        });
        var city = await (await App.SignInAsync("city")).GetFromJsonAsync<HomeSummary>("/api/summary");
        Assert.Equal(units, city!.Units);
        Assert.Equal(users, city.Users);
        Assert.Equal(allProjects, city.Projects);
        var county = await (await App.SignInAsync("lishu")).GetFromJsonAsync<HomeSummary>("/api/summary");
        Assert.Equal(lishuProjects, county!.Projects);
        Assert.True(county.Users < users);
        var admin = await (await App.SignInAsync("admin")).GetFromJsonAsync<HomeSummary>("/api/summary");
        Assert.Null(admin!.Projects); // the system admin reads no business records
    }

    [Fact]
    public async Task Language_choice_is_remembered_on_the_user()
    {
        var userName = $"lang{Guid.NewGuid():N}"[..12];
        await App.AsSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var unitId = await sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Code == "220303").Select(u => u.Id).SingleAsync();
            var user = new AppUser { UserName = userName, DisplayName = "语言测试", UnitId = unitId, CreatedAt = DateTimeOffset.UtcNow };
            await users.CreateAsync(user, TestApp.Password);
            return await users.AddToRoleAsync(user, Infrastructure.Auth.Roles.UnitUser);
        });
        var client = await App.SignInAsync(userName);
        var home = await client.GetStringAsync("/");
        Assert.Contains("工作台", home);
        var switched = await client.PostAsync("/account/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestApp.TokenOf(home), ["culture"] = "en", ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("Overview", await client.GetStringAsync("/"));

        // A new session on another machine starts in the remembered language.
        var again = await App.SignInAsync(userName);
        var english = await again.GetStringAsync("/");
        Assert.Contains("Overview", english);
        Assert.Contains("<html lang=\"en\"", english);
    }

    [Fact]
    public async Task Culture_switch_without_antiforgery_token_is_refused()
    {
        var client = await App.SignInAsync("tiedong");
        var response = await client.PostAsync("/account/culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class PostgresShellTests(PostgresFixture fixture) : ShellTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteShellTests(SqliteFixture fixture) : ShellTests(fixture), IClassFixture<SqliteFixture>;

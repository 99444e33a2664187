using System.Net;
using InvestTrack.Data;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Warnings;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>
/// Issue 14 item 3: an administrator's session ends after 15 idle minutes (others 30), administrators work only from
/// the configured networks, and a user has one role, so the administrators' roles exclude each other and every other.
/// </summary>
public abstract class AdministratorSessionTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    [Theory]
    [InlineData("admin", 14, 16)]
    [InlineData("auditor", 14, 16)]
    [InlineData("city", 29, 31)]
    public async Task A_session_ends_after_the_idle_time_of_the_users_role(string userName, int stillIn, int signedOut)
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await using var app = App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(new SessionClock(clock))));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostLoginAsync(client, userName, TestApp.Password)).StatusCode);

        // A request within the idle time renews the session: the idle time counts from the last request.
        clock.Advance(TimeSpan.FromMinutes(stillIn));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(stillIn));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        // The page's word that its user is at work inside it counts as a request.
        using var alive = new HttpRequestMessage(HttpMethod.Post, "/api/session/alive");
        alive.Headers.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        clock.Advance(TimeSpan.FromMinutes(stillIn));
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(alive)).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(signedOut));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Administrators_outside_the_configured_networks_are_refused_and_audited_others_are_not()
    {
        await using var app = App.WithWebHostBuilder(b => b.UseSetting(AdminNetworks.Key, "10.9.0.0/16, fd00:9::/32"));
        async Task<HttpClient> SignInAsync(string userName)
        {
            var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostLoginAsync(client, userName, TestApp.Password)).StatusCode);
            client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
            return client;
        }
        // The test host's requests come from this machine, which this list leaves out.
        var admin = await SignInAsync("admin");
        var page = await admin.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("data-testid=\"forbidden\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/jobs")).StatusCode);
        var auditor = await SignInAsync("auditor");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/audit")).StatusCode);
        var city = await SignInAsync("city");
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync("/api/me")).StatusCode);

        var refusals = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Action == "Refused" && a.ObjectType == RefusalAudit.ObjectType && (a.UserName == "admin" || a.UserName == "auditor"))
            .OrderByDescending(a => a.Id).Select(a => a.UserName + " " + a.ObjectId).Take(3).ToListAsync());
        Assert.Equal(["auditor GET /api/audit", "admin GET /api/jobs", "admin GET /admin/users"], refusals);
    }

    [Fact]
    public async Task The_default_networks_let_administrators_work_from_this_machine()
    {
        var admin = await App.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task A_second_role_is_refused_by_the_database()
    {
        var refused = await App.AsSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var admin = (await users.FindByNameAsync("admin"))!;
            try
            {
                var result = await users.AddToRoleAsync(admin, Roles.Auditor);
                return !result.Succeeded;
            }
            catch (DbUpdateException)
            {
                return true;
            }
        });
        Assert.True(refused);
        var roles = await App.AsSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.GetRolesAsync((await users.FindByNameAsync("admin"))!);
        });
        Assert.Equal([Roles.SystemAdmin], roles);
    }
}

[Collection("postgres")]
public sealed class PostgresAdministratorSessionTests(PostgresFixture fixture) : AdministratorSessionTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteAdministratorSessionTests(SqliteFixture fixture) : AdministratorSessionTests(fixture), IClassFixture<SqliteFixture>;

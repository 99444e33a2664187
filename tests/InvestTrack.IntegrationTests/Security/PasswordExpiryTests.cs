using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Account;
using InvestTrack.Features.ApiTokens;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Warnings;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Security.PasswordTestSupport;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>
/// docs/security.md 9: a password older than Security:PasswordMaxAgeDays (90) holds its user at the change page — pages
/// redirect there, the API and the user's tokens are refused — until a new one, different from the old, is chosen.
/// </summary>
public abstract class PasswordExpiryTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private static HttpClient NewClient(WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static Task<HttpResponseMessage> PostChangeAsync(HttpClient client, string form, string current, string next) =>
        client.PostAsync(MustChangePasswordRedirect.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password", ["__RequestVerificationToken"] = TestApp.TokenOf(form),
            ["Input.Current"] = current, ["Input.New"] = next, ["Input.Confirm"] = next,
        }));

    [Fact]
    public async Task A_password_91_days_old_is_held_at_the_change_page_until_it_is_changed()
    {
        var (userName, id) = await NewUserAsync(App, changedDaysAgo: 0);
        // The password ages on the clock of sessions and password ages, not by waiting.
        // Whole seconds: PostgreSQL keeps microseconds, and the stored moment is compared with the clock's.
        var clock = new MovableClock(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(91).ToUnixTimeSeconds()));
        await using var app = App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(new SessionClock(clock))));
        var client = NewClient(app);

        var login = await TestApp.PostLoginAsync(client, userName, Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(MustChangePasswordRedirect.Path, PathOf(login));
        var page = await client.GetAsync("/projects");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(MustChangePasswordRedirect.Path, PathOf(page));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/projects")).StatusCode);

        // The page says why: expired after 90 days, not a one-time password.
        var form = await client.GetStringAsync(MustChangePasswordRedirect.Path);
        Assert.Contains("您的密码已超过90天未修改，已过期", form, StringComparison.Ordinal);
        Assert.DoesNotContain("一次性密码", form, StringComparison.Ordinal);

        // The same password again is refused with a message, and nothing changes.
        var same = await PostChangeAsync(client, form, Password, Password);
        Assert.Contains("新密码不能与当前密码相同", await same.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/projects")).StatusCode);
        var before = await StoredAsync(App, id);

        var done = await PostChangeAsync(client, form, Password, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/projects")).StatusCode);
        var page2 = await client.GetAsync("/projects");
        Assert.Equal(HttpStatusCode.OK, page2.StatusCode);
        var after = await StoredAsync(App, id);
        Assert.Equal(clock.GetUtcNow(), after.PasswordChangedAt);
        Assert.NotEqual(before.PasswordHash, after.PasswordHash);
        Assert.Contains(await App.AuditOfAsync(nameof(AppUser), id), e => e.Action == "PasswordChanged" && e.UserName == userName);

        // The next sign-in, with the new password, goes straight in.
        var again = await TestApp.PostLoginAsync(NewClient(app), userName, NewPassword);
        Assert.Equal("/", PathOf(again));
    }

    [Theory]
    [InlineData(91, 200, true)]
    [InlineData(89, 200, false)]
    [InlineData(null, 91, true)]
    [InlineData(null, 89, false)]
    [InlineData(1, 400, false)]
    public async Task Sign_in_holds_a_password_by_its_age_from_the_last_change_or_else_the_accounts_creation(int? changedDaysAgo, int createdDaysAgo, bool held)
    {
        var (userName, _) = await NewUserAsync(App, changedDaysAgo, createdDaysAgo);
        var client = App.NewClient();
        var login = await TestApp.PostLoginAsync(client, userName, Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(held ? MustChangePasswordRedirect.Path : "/", PathOf(login));
        Assert.Equal(held ? HttpStatusCode.Forbidden : HttpStatusCode.OK, (await client.GetAsync("/api/projects")).StatusCode);
        var page = await client.GetAsync("/projects");
        Assert.Equal(held ? HttpStatusCode.Redirect : HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_change_page_says_why_in_the_users_language()
    {
        var (userName, _) = await NewUserAsync(App, changedDaysAgo: 120, culture: "en");
        await using var app = App.WithWebHostBuilder(b => b.UseSetting(PasswordExpiry.Key, "100"));
        var client = NewClient(app);
        var login = await TestApp.PostLoginAsync(client, userName, Password);
        Assert.Equal(MustChangePasswordRedirect.Path, PathOf(login));
        var form = await client.GetStringAsync(MustChangePasswordRedirect.Path);
        Assert.Contains("Your password is more than 100 days old and has expired", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_maximum_age_of_0_a_password_never_expires()
    {
        var (userName, _) = await NewUserAsync(App, changedDaysAgo: 3000, createdDaysAgo: 3000);
        await using var app = App.WithWebHostBuilder(b => b.UseSetting(PasswordExpiry.Key, "0"));
        var client = NewClient(app);
        var login = await TestApp.PostLoginAsync(client, userName, Password);
        Assert.Equal("/", PathOf(login));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/projects")).StatusCode);
        // The same account under the default of 90 days is held.
        Assert.Equal(MustChangePasswordRedirect.Path, PathOf(await TestApp.PostLoginAsync(App.NewClient(), userName, Password)));
    }

    [Fact]
    public async Task A_token_of_a_user_whose_password_expired_is_refused_saying_why_until_it_is_changed()
    {
        var (userName, id) = await NewUserAsync(App, changedDaysAgo: 1);
        var session = await App.SignInAsync(userName, Password);
        session.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        var made = await session.PostAsJsonAsync("/api/account/tokens", new { name = "脚本", days = 30, scope = nameof(ApiTokenScope.Read) });
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var created = (await made.Content.ReadFromJsonAsync<ApiTokenCreated>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
        var bearer = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/projects")).StatusCode);

        Task SetChangedAsync(DateTimeOffset at) => App.AsSystemAsync(sp =>
            sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordChangedAt, at)));
        await SetChangedAsync(DateTimeOffset.UtcNow.AddDays(-91));
        var refused = await bearer.GetAsync("/api/projects");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("令牌所属账号的密码已过期，须先登录修改密码。", problem.GetProperty("detail").GetString());
        var audited = await App.AuditOfAsync(ApiTokenService.ObjectType, created.Row!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(audited, e => e.Action == "Refused" && e.UserName == userName && e.NewValues!.Contains("PasswordExpired", StringComparison.Ordinal));

        await SetChangedAsync(DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/projects")).StatusCode);
    }

    [Fact]
    public async Task The_users_list_shows_when_each_password_was_changed_and_which_have_expired()
    {
        var (_, fresh) = await NewUserAsync(App, changedDaysAgo: 10);
        var (_, expired) = await NewUserAsync(App, changedDaysAgo: null, createdDaysAgo: 91);
        var rows = await App.AsUserAsync("admin", async sp =>
        {
            var admin = sp.GetRequiredService<UserAdmin>();
            return (await admin.FindAsync(fresh), await admin.FindAsync(expired));
        });
        Assert.False(rows.Item1!.PasswordExpired);
        Assert.InRange(rows.Item1.PasswordChangedAt!.Value, DateTimeOffset.UtcNow.AddDays(-10).AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(-10).AddMinutes(5));
        Assert.True(rows.Item2!.PasswordExpired);
        Assert.InRange(rows.Item2.PasswordChangedAt!.Value, DateTimeOffset.UtcNow.AddDays(-91).AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(-91).AddMinutes(5));
        Assert.False(rows.Item2.MustChangePassword);
    }
}

[Collection("postgres")]
public sealed class PostgresPasswordExpiryTests(PostgresFixture fixture) : PasswordExpiryTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqlitePasswordExpiryTests(SqliteFixture fixture) : PasswordExpiryTests(fixture), IClassFixture<SqliteFixture>;

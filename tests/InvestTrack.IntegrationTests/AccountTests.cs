using System.Net;
using InvestTrack.Data;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests;

public abstract class AccountTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private async Task<(string UserName, string Password)> NewUserWithOneTimePasswordAsync()
    {
        var userName = $"otp{Guid.NewGuid():N}"[..12];
        var password = DemoData.OneTimePassword();
        await App.AsSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var unitId = await sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Code == "220382").Select(u => u.Id).SingleAsync();
            var user = new AppUser { UserName = userName, DisplayName = "一次性密码", UnitId = unitId, MustChangePassword = true, CreatedAt = DateTimeOffset.UtcNow };
            await users.CreateAsync(user, password);
            return await users.AddToRoleAsync(user, Roles.UnitUser);
        });
        return (userName, password);
    }

    private static Task<HttpResponseMessage> PostChangeAsync(HttpClient client, string form, string current, string next, string confirm) =>
        client.PostAsync("/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password", ["__RequestVerificationToken"] = TestApp.TokenOf(form),
            ["Input.Current"] = current, ["Input.New"] = next, ["Input.Confirm"] = confirm,
        }));

    [Fact]
    public async Task A_one_time_password_must_be_changed_before_anything_else()
    {
        var (userName, password) = await NewUserWithOneTimePasswordAsync();
        var client = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var login = await TestApp.PostLoginAsync(client, userName, password);
        Assert.EndsWith("/account/change-password", login.Headers.Location!.OriginalString);
        var blocked = await client.GetAsync("/projects");
        Assert.EndsWith("/account/change-password", blocked.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/projects")).StatusCode);

        var form = await client.GetStringAsync("/account/change-password");
        Assert.Contains("一次性密码", form);
        var differ = await PostChangeAsync(client, form, password, "New#Pass2026x", "New#Pass2026y");
        Assert.Contains("两次输入的新密码不一致", await differ.Content.ReadAsStringAsync());
        var weak = await PostChangeAsync(client, form, password, "simplepassword", "simplepassword");
        Assert.Contains("至少三类", await weak.Content.ReadAsStringAsync());

        var done = await PostChangeAsync(client, form, password, "New#Pass2026x", "New#Pass2026x");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/projects")).StatusCode);
        var stored = await App.AsSystemAsync(sp => sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName));
        Assert.False(stored!.MustChangePassword);
        var audited = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AnyAsync(a => a.Action == "PasswordChanged" && a.ObjectId == stored.Id));
        Assert.True(audited);
    }

    [Fact]
    public async Task An_empty_sign_in_form_gets_a_message_not_an_error()
    {
        var client = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var response = await TestApp.PostLoginAsync(client, "", "");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请输入用户名和密码", await response.Content.ReadAsStringAsync());
    }
}

public sealed class PostgresAccountTests(PostgresFixture fixture) : AccountTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteAccountTests(SqliteFixture fixture) : AccountTests(fixture), IClassFixture<SqliteFixture>;

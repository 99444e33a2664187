using System.Net;
using InvestTrack.Data;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>docs/security.md 10 and 18: failures are counted, the fifth locks the account, and both are audited.</summary>
public abstract class SignInTests(AppFixture fixture)
{
    private const string RightPassword = "Kx7$mPq2wZ";
    private TestApp App => fixture.App;

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password_and_are_audited()
    {
        var (userName, userId) = await CreateUserAsync();
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var failed = await TestApp.PostLoginAsync(client, userName, "Wrong#Pass123");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Contains("用户名或密码错误", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var fifth = await TestApp.PostLoginAsync(client, userName, "Wrong#Pass123");
        Assert.Contains("锁定", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var right = await TestApp.PostLoginAsync(client, userName, RightPassword);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("锁定", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(right.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("InvestTrack.Auth=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);

        var trail = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.ObjectType == "AppUser" && a.ObjectId == userId).OrderBy(a => a.Id).Select(a => new { a.Action, a.Result, a.UserName }).ToListAsync());
        Assert.Equal(4, trail.Count(a => a.Action == "SignInFailed" && a.Result == "Refused"));
        Assert.Equal(2, trail.Count(a => a.Action == "LockedOut" && a.Result == "Refused"));
        Assert.DoesNotContain(trail, a => a.Action == "SignIn");
        Assert.All(trail.Where(a => a.Action is "SignInFailed" or "LockedOut"), a => Assert.Equal(userName, a.UserName));
        var lockoutEnd = await App.AsSystemAsync(async sp =>
            await sp.GetRequiredService<UserManager<AppUser>>().GetLockoutEndDateAsync((await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(userId))!));
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14), $"lockout ends {lockoutEnd}");
    }

    [Fact]
    public async Task A_wrong_password_for_an_unknown_user_gives_the_same_message()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await TestApp.PostLoginAsync(client, "nobody_" + Guid.NewGuid().ToString("N")[..8], "Wrong#Pass123");
        Assert.Contains("用户名或密码错误", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A user of its own, so that locking it disturbs no other test.</summary>
    private Task<(string UserName, string Id)> CreateUserAsync() => App.AsSystemAsync(async sp =>
    {
        var unitId = await sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Code == "220302").Select(u => u.Id).SingleAsync();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = "lock" + Guid.NewGuid().ToString("N")[..8], DisplayName = "锁定测试", UnitId = unitId,
            PasswordChangedAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow,
        };
        Assert.True((await users.CreateAsync(user, RightPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.UnitUser)).Succeeded);
        return (user.UserName, user.Id);
    });
}

[Collection("postgres")]
public sealed class PostgresSignInTests(PostgresFixture fixture) : SignInTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteSignInTests(SqliteFixture fixture) : SignInTests(fixture), IClassFixture<SqliteFixture>;

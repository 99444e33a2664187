using System.Net;
using InvestTrack.Data;
using InvestTrack.Features.Users;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static InvestTrack.IntegrationTests.Security.PasswordTestSupport;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>
/// docs/security.md 9: passwords are hashed with PBKDF2-HMAC-SHA512 at 220,000 iterations — as configured in the app's
/// services and as found inside the hashes it stores — and a hash made with weaker parameters is made again at the next
/// sign-in.
/// </summary>
public abstract class PasswordHashingTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private static readonly IdentityHash Expected = new(3, IdentityHash.HmacSha512, 220_000, 16, 32);

    [Fact]
    public async Task The_app_hashes_with_PBKDF2_HMAC_SHA512_at_220000_iterations_and_so_do_its_stored_hashes()
    {
        var options = App.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value;
        Assert.Equal((220_000, PasswordHasherCompatibilityMode.IdentityV3), (options.IterationCount, options.CompatibilityMode));

        // A hash the app stored at set-up (the demo seed) and one it stores when a password is changed.
        var seeded = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Users.AsNoTracking()
            .Where(u => u.UserName == "tiexi").Select(u => u.PasswordHash!).SingleAsync());
        Assert.Equal(Expected, IdentityHash.Decode(seeded));
        var (_, id) = await NewUserAsync(App, changedDaysAgo: 0);
        var changed = await App.AsSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var result = await users.ChangePasswordAsync((await users.FindByIdAsync(id))!, Password, NewPassword);
            Assert.True(result.Succeeded);
            return (await users.FindByIdAsync(id))!.PasswordHash!;
        });
        Assert.Equal(Expected, IdentityHash.Decode(changed));
    }

    [Theory]
    [InlineData(PasswordHasherCompatibilityMode.IdentityV3, 10_000)]
    [InlineData(PasswordHasherCompatibilityMode.IdentityV2, 1_000)]
    public async Task A_hash_made_with_weaker_parameters_is_made_again_at_sign_in(PasswordHasherCompatibilityMode mode, int iterations)
    {
        var weak = new PasswordHasher<AppUser>(Options.Create(new PasswordHasherOptions { CompatibilityMode = mode, IterationCount = iterations }));
        var (userName, id) = await NewUserAsync(App, changedDaysAgo: 0, hasher: weak);
        var before = IdentityHash.Decode((await StoredAsync(App, id)).PasswordHash!);
        Assert.Equal(iterations, before.Iterations);
        Assert.NotEqual(Expected, before);

        var login = await TestApp.PostLoginAsync(App.NewClient(), userName, Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", PathOf(login));
        Assert.Equal(Expected, IdentityHash.Decode((await StoredAsync(App, id)).PasswordHash!));
        Assert.Contains(await App.AuditOfAsync(nameof(AppUser), id), e => e.Action == "SignIn" && e.Result == "Success");

        // The new hash holds the same password: the next sign-in succeeds, and a wrong password still fails.
        Assert.Equal("/", PathOf(await TestApp.PostLoginAsync(App.NewClient(), userName, Password)));
        Assert.Equal(HttpStatusCode.OK, (await TestApp.PostLoginAsync(App.NewClient(), userName, NewPassword)).StatusCode);
    }
}

[Collection("postgres")]
public sealed class PostgresPasswordHashingTests(PostgresFixture fixture) : PasswordHashingTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqlitePasswordHashingTests(SqliteFixture fixture) : PasswordHashingTests(fixture), IClassFixture<SqliteFixture>;

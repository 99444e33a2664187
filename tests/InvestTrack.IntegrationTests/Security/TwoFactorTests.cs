using System.Net;
using System.Text.RegularExpressions;
using InvestTrack.Data;
using InvestTrack.Features.Account.TwoFactor;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>The app's clock, moved by whole 30-second steps so that the codes a test computes are the server's.</summary>
public sealed class StepClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
    public long Step => Totp.StepOf(Now);
    public void Advance(int steps) => Now += Totp.Step * steps;
}

public sealed class PostgresTwoFactorFixture() : AppFixture(DatabaseProviderKind.Postgres, new StepClock(DateTimeOffset.UtcNow));

public sealed class SqliteTwoFactorFixture() : AppFixture(DatabaseProviderKind.Sqlite, new StepClock(DateTimeOffset.UtcNow));

/// <summary>
/// docs/security.md 10, 11 and 18 (issue 14 item 2): enrolment over HTTP, sign-in with a code that works once, clock
/// drift of one step, wrong codes towards the lockout, recovery codes, the per-role requirement, the security admin's
/// reset, and the security admin's place in 三员分立.
/// </summary>
public abstract partial class TwoFactorTests(AppFixture fixture)
{
    private const string RightPassword = "Kx7$mPq2wZ";
    private TestApp App => fixture.App;
    private StepClock Clock => (StepClock)App.Clock!;

    [Fact]
    public async Task A_user_enrols_over_http_and_then_signs_in_with_a_code_that_works_once()
    {
        var (userName, userId) = await CreateUserAsync(Roles.UnitUser);
        var client = await SignInAsync(userName);
        var (secret, codes) = await EnrolAsync(client);
        Assert.Equal(10, codes.Count);
        var stored = await UserAsync(userId);
        Assert.NotNull(stored.TotpSecret);
        Assert.DoesNotContain(Base32.Encode(secret), stored.TotpSecret!);
        Assert.All(codes, c => Assert.DoesNotContain(c, stored.RecoveryCodes!));
        var enrolled = await ActionsAsync(userId);
        Assert.Contains("TwoFactorEnabled", enrolled);
        Assert.Single(enrolled, a => a == TwoFactorSignIn.FailedAction);

        // The password alone no longer signs in: it leads to the code page and gives no session.
        var other = NewClient();
        var password = await TestApp.PostLoginAsync(other, userName, RightPassword);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Equal("/account/two-factor", PathOf(password));
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/me")).StatusCode);

        // The enrolment's own code is spent; the next step's (one step ahead of the server's clock) signs in.
        Assert.False(await PostCodeAsync(other, Totp.Code(secret, Clock.Step)));
        Assert.True(await PostCodeAsync(other, Totp.Code(secret, Clock.Step + 1)));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/me")).StatusCode);

        // The same code, again, in the same window: refused.
        var third = NewClient();
        await TestApp.PostLoginAsync(third, userName, RightPassword);
        Assert.False(await PostCodeAsync(third, Totp.Code(secret, Clock.Step + 1)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await third.GetAsync("/api/me")).StatusCode);

        // A phone one step behind the server: accepted.
        Clock.Advance(3);
        Assert.True(await PostCodeAsync(third, Totp.Code(secret, Clock.Step - 1)));
        Assert.Equal(HttpStatusCode.OK, (await third.GetAsync("/api/me")).StatusCode);
        // Two steps away is outside the window.
        var fourth = NewClient();
        await TestApp.PostLoginAsync(fourth, userName, RightPassword);
        Assert.False(await PostCodeAsync(fourth, Totp.Code(secret, Clock.Step + 2)));
        var actions = await ActionsAsync(userId);
        // The password sign-in before enrolment, then two with a code.
        Assert.Equal(3, actions.Count(a => a == "SignIn"));
        // The mistyped enrolment code, then three codes refused at sign-in.
        Assert.Equal(4, actions.Count(a => a == TwoFactorSignIn.FailedAction));
    }

    [Fact]
    public async Task Wrong_codes_count_towards_the_lockout_with_one_answer_and_the_password_does_not_reset_the_count()
    {
        var (userName, userId) = await CreateUserAsync(Roles.UnitUser);
        var (secret, _) = await EnrolDirectlyAsync(userId);
        var client = NewClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            // The password step again before each code: the right password must not forgive the wrong codes.
            await TestApp.PostLoginAsync(client, userName, RightPassword);
            var html = await PostCodeFormAsync(client, attempt % 2 == 0 ? Totp.Code(secret, Clock.Step + 5) : "12ab");
            Assert.Contains(Refusal, html, StringComparison.Ordinal);
        }
        await TestApp.PostLoginAsync(client, userName, RightPassword);
        Assert.False(await PostCodeAsync(client, Totp.Code(secret, Clock.Step - 5)));
        // Locked: the password is refused now, and a right code from an earlier password step too.
        var locked = await TestApp.PostLoginAsync(NewClient(), userName, RightPassword);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        var user = await UserAsync(userId);
        Assert.True(user.LockoutEnd > Clock.Now.AddMinutes(15).AddSeconds(-1), $"locked until {user.LockoutEnd}, the app's clock at {Clock.Now}");
        var actions = await ActionsAsync(userId);
        Assert.Equal(4, actions.Count(a => a == TwoFactorSignIn.FailedAction));
        Assert.Contains("LockedOut", actions);
        Assert.DoesNotContain("SignIn", actions);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_is_audited()
    {
        var (userName, userId) = await CreateUserAsync(Roles.UnitUser);
        var (_, codes) = await EnrolDirectlyAsync(userId);
        var client = NewClient();
        await TestApp.PostLoginAsync(client, userName, RightPassword);
        Assert.True(await PostCodeAsync(client, codes[4].ToUpperInvariant(), recovery: true));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(9, RecoveryCodes.Left(await UserAsync(userId)));

        var again = NewClient();
        await TestApp.PostLoginAsync(again, userName, RightPassword);
        Assert.False(await PostCodeAsync(again, codes[4], recovery: true));
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/me")).StatusCode);
        var actions = await ActionsAsync(userId);
        Assert.Single(actions, a => a == TwoFactorSignIn.RecoveryCodeUsedAction);
        Assert.Single(actions, a => a == TwoFactorSignIn.FailedAction);
    }

    [Fact]
    public async Task A_role_that_requires_a_factor_is_held_at_enrolment_until_it_has_one()
    {
        await using var app = App.WithWebHostBuilder(b => b.UseSetting(TwoFactorPolicy.Key, $"{Roles.UnitUser},{Roles.SystemAdmin}"));
        var (userName, userId) = await CreateUserAsync(Roles.UnitUser);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostLoginAsync(client, userName, RightPassword)).StatusCode);

        var page = await client.GetAsync("/projects");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(MustEnrolFactorRedirect.Path, page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/me")).StatusCode);
        var enrolment = await client.GetStringAsync(MustEnrolFactorRedirect.Path);
        Assert.Contains("data-testid=\"setup-required\"", enrolment, StringComparison.Ordinal);

        // A user who must enrol cannot switch the factor off afterwards either.
        await EnrolAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/projects")).StatusCode);
        var settings = await client.GetStringAsync("/account/security");
        Assert.DoesNotContain("data-testid=\"disable-submit\"", settings, StringComparison.Ordinal);

        // A role the policy leaves optional is not held.
        var leader = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await TestApp.PostLoginAsync(leader, "leader", TestApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/me")).StatusCode);
        Assert.Contains("TwoFactorEnabled", await ActionsAsync(userId));
    }

    [Fact]
    public async Task The_security_admin_resets_a_factor_with_a_reason_in_the_trail_and_the_system_admin_cannot()
    {
        var (_, userId) = await CreateUserAsync(Roles.UnitUser);
        await EnrolDirectlyAsync(userId);

        var byAdmin = await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().ResetSecondFactorAsync(userId, "手机丢失")));
        Assert.Contains("ManageAccountSecurity", byAdmin.Message, StringComparison.Ordinal);
        var noReason = await App.AsUserAsync("security", sp => sp.GetRequiredService<UserAdmin>().ResetSecondFactorAsync(userId, "  "));
        Assert.Equal("请填写重置两步验证的原因。", noReason.Error);
        Assert.NotNull((await UserAsync(userId)).TotpSecret);

        var stamp = (await UserAsync(userId)).SecurityStamp;
        var reset = await App.AsUserAsync("security", sp => sp.GetRequiredService<UserAdmin>().ResetSecondFactorAsync(userId, "手机丢失"));
        Assert.True(reset.Ok, reset.Error);
        var user = await UserAsync(userId);
        Assert.Null(user.TotpSecret);
        Assert.Null(user.RecoveryCodes);
        Assert.NotEqual(stamp, user.SecurityStamp);
        var entry = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.ObjectId == userId && a.Action == "TwoFactorReset").SingleAsync());
        Assert.Equal("security", entry.UserName);
        Assert.Contains("手机丢失", entry.NewValues, StringComparison.Ordinal);
        Assert.DoesNotContain("TotpSecret", entry.NewValues ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_security_admin_reads_no_records_and_no_audit_trail_and_roles_do_not_mix()
    {
        var client = await App.SignInAsync("security");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/account-security")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/users")).StatusCode);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            App.AsUserAsync("security", sp => sp.GetRequiredService<UserAdmin>().ResetPasswordAsync(Guid.NewGuid().ToString())));

        // The system admin makes a security admin; the user has that one role and no other.
        var (_, userId) = await CreateUserAsync(Roles.Auditor);
        var form = new UserForm { DisplayName = "安全管理员乙", UnitId = await App.UnitIdAsync("220300"), Role = Roles.SecurityAdmin };
        var row = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().FindAsync(userId));
        var changed = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().UpdateAsync(userId, form, row!.ConcurrencyStamp));
        Assert.True(changed.Ok, changed.Error);
        var roles = await App.AsSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(userId))!;
            try
            {
                Assert.False((await users.AddToRoleAsync(user, Roles.CityAdmin)).Succeeded, "a second role was accepted");
            }
            catch (DbUpdateException)
            {
                // The unique index on AspNetUserRoles.UserId refused it.
            }
            return await sp.GetRequiredService<AppDbContext>().UserRoles.AsNoTracking().Where(r => r.UserId == userId)
                .Join(sp.GetRequiredService<AppDbContext>().Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        });
        Assert.Equal([Roles.SecurityAdmin], roles);
    }

    private const string Refusal = "验证码不正确或已使用过，或账号已被临时锁定。15分钟内连续失败5次将锁定账号15分钟。";

    /// <summary>Where a redirect leads, without the host the app may put before it.</summary>
    private static string PathOf(HttpResponseMessage response) => new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath;

    private HttpClient NewClient() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<HttpClient> SignInAsync(string userName)
    {
        var client = NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostLoginAsync(client, userName, RightPassword)).StatusCode);
        return client;
    }

    /// <summary>The enrolment page read as a person would: the secret shown as text, a code computed from it, the recovery codes shown.</summary>
    private async Task<(byte[] Secret, IReadOnlyList<string> Codes)> EnrolAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/account/security");
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        var secret = Base32.Decode(System.Net.WebUtility.HtmlDecode(SecretText().Match(page).Groups[1].Value))!;
        var offer = System.Net.WebUtility.HtmlDecode(OfferField().Match(page).Groups[1].Value);
        // A mistyped code first: a clear message, the same secret offered again, nothing stored.
        var wrong = await client.PostAsync("/account/security", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "enrol",
            ["__RequestVerificationToken"] = TestApp.TokenOf(page),
            ["Enrol.Offer"] = offer,
            ["Enrol.Code"] = Totp.Code(secret, Clock.Step + 7),
        }));
        var again = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("验证码不正确或已使用过，请输入应用中当前显示的验证码。", again, StringComparison.Ordinal);
        Assert.Equal(Base32.Encode(secret), Base32.Encode(Base32.Decode(System.Net.WebUtility.HtmlDecode(SecretText().Match(again).Groups[1].Value))!));
        var response = await client.PostAsync("/account/security", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "enrol",
            ["__RequestVerificationToken"] = TestApp.TokenOf(page),
            ["Enrol.Offer"] = offer,
            ["Enrol.Code"] = Totp.Code(secret, Clock.Step),
        }));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        var codes = RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.True(codes.Count == 10, html);
        return (secret, codes);
    }

    /// <summary>The second step of signing in; true when it signed in (a redirect away from the page).</summary>
    private static async Task<bool> PostCodeAsync(HttpClient client, string code, bool recovery = false) =>
        await PostCodeFormAsync(client, code, recovery) is null;

    /// <summary>The code page's answer: null for a redirect (signed in), else the page.</summary>
    private static async Task<string?> PostCodeFormAsync(HttpClient client, string code, bool recovery = false)
    {
        var path = "/account/two-factor?returnUrl=%2F" + (recovery ? "&recovery=true" : "");
        var form = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "two-factor",
            ["__RequestVerificationToken"] = TestApp.TokenOf(await form.Content.ReadAsStringAsync()),
            ["Input.Code"] = code,
        }));
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Equal("/", PathOf(response));
            return null;
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(Refusal, html, StringComparison.Ordinal);
        return html;
    }

    private Task<(byte[] Secret, IReadOnlyList<string> Codes)> EnrolDirectlyAsync(string userId) => App.AsSystemAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        var secret = Totp.NewSecret();
        Assert.True(sp.GetRequiredService<TotpFactor>().Enrol(user, Base32.Encode(secret), Totp.Code(secret, Clock.Step), Clock.Now));
        var codes = sp.GetRequiredService<RecoveryCodes>().Renew(user);
        Assert.True((await users.UpdateAsync(user)).Succeeded);
        return (secret, codes);
    });

    private Task<AppUser> UserAsync(string id) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == id));

    private Task<List<string>> ActionsAsync(string userId) => App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
        .Where(a => a.ObjectType == "AppUser" && a.ObjectId == userId).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    private Task<(string UserName, string Id)> CreateUserAsync(string role) => App.AsSystemAsync(async sp =>
    {
        var unitId = await sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Code == (role == Roles.UnitUser ? "220302" : "220300")).Select(u => u.Id).SingleAsync();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = "tf" + Guid.NewGuid().ToString("N")[..8], DisplayName = "两步验证测试", UnitId = unitId,
            PasswordChangedAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow,
        };
        Assert.True((await users.CreateAsync(user, RightPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return (user.UserName, user.Id);
    });

    [GeneratedRegex("data-testid=\"totp-secret\">([^<]+)<")]
    private static partial Regex SecretText();

    [GeneratedRegex("name=\"Enrol.Offer\" value=\"([^\"]+)\"")]
    private static partial Regex OfferField();

    [GeneratedRegex("<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();
}

[Collection("postgres")]
public sealed class PostgresTwoFactorTests(PostgresTwoFactorFixture fixture) : TwoFactorTests(fixture), IClassFixture<PostgresTwoFactorFixture>;

public sealed class SqliteTwoFactorTests(SqliteTwoFactorFixture fixture) : TwoFactorTests(fixture), IClassFixture<SqliteTwoFactorFixture>;

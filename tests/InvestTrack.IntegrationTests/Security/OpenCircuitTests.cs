using System.Globalization;
using System.Net;
using System.Security.Claims;
using InvestTrack.Data;
using InvestTrack.Features.Account.TwoFactor;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Warnings;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>
/// docs/security.md 7 and 12: an open page's circuit holds the principal of the request that opened it and never reads
/// the cookie again. Each test signs a user of its own in through the login form, authenticates the sign-in cookie as the
/// circuit's request does, and asks the app's RevalidatingAuthStateProvider (of a scope, as a circuit has one) what its
/// periodic check would answer: still signed in before a change, signed out after each change to the user, after the
/// role's idle time without activity, and after 12 hours even with activity.
/// </summary>
public abstract class OpenCircuitTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    public static TheoryData<string> Changes => ["role", "unit", "disable", "end-sessions", "logout", "password-reset", "factor-reset"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Each_change_to_the_user_signs_an_open_circuit_out(string change)
    {
        var (userName, userId) = await CreateUserAsync(Roles.UnitUser);
        var cookie = await SignInCookieAsync(App.CreateClient(NoRedirects), userName);
        // A user with a factor signs in with a code; here the factor comes after the sign-in, for the security admin to reset.
        if (change == "factor-reset") await EnrolDirectlyAsync(userId);
        await using var circuit = await OpenCircuit.OpenAsync(App, cookie);
        Assert.True(await circuit.StillSignedInAsync());

        await ChangeAsync(change, userName, userId);

        Assert.False(await circuit.StillSignedInAsync());
    }

    [Fact]
    public async Task An_edit_that_changes_no_access_keeps_the_circuit()
    {
        var (userName, userId) = await CreateUserAsync(Roles.UnitUser);
        await using var circuit = await OpenCircuit.OpenAsync(App, await SignInCookieAsync(App.CreateClient(NoRedirects), userName));
        Assert.True(await circuit.StillSignedInAsync());

        var row = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().FindAsync(userId));
        var form = new UserForm { DisplayName = "改名 用户", UnitId = row!.UnitId, Role = row.Role! };
        var result = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().UpdateAsync(userId, form, row.ConcurrencyStamp));
        Assert.True(result.Ok, result.Error);
        Assert.Equal("改名 用户", (await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().FindAsync(userId)))!.DisplayName);

        Assert.True(await circuit.StillSignedInAsync());
    }

    [Theory]
    [InlineData(Roles.UnitUser, 29, 31)]
    [InlineData(Roles.CityAdmin, 29, 31)]
    [InlineData(Roles.Auditor, 14, 16)]
    [InlineData(Roles.SecurityAdmin, 14, 16)]
    public async Task An_open_circuit_left_alone_for_the_idle_time_of_its_role_is_signed_out_and_activity_keeps_it(string role, int stillIn, int signedOut)
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await using var app = WithClock(clock);
        var (userName, _) = await CreateUserAsync(role);
        await using var circuit = await OpenCircuit.OpenAsync(app, await SignInCookieAsync(app.CreateClient(NoRedirects), userName));
        Assert.True(await circuit.StillSignedInAsync());

        // Activity in the page (a click, a key) counts: the idle time runs from the last of it.
        clock.Advance(TimeSpan.FromMinutes(stillIn));
        Assert.True(await circuit.StillSignedInAsync());
        await circuit.ActAsync();
        clock.Advance(TimeSpan.FromMinutes(stillIn));
        Assert.True(await circuit.StillSignedInAsync());

        clock.Advance(TimeSpan.FromMinutes(signedOut - stillIn));
        Assert.False(await circuit.StillSignedInAsync());
    }

    [Fact]
    public async Task A_session_ends_after_12_hours_in_an_open_circuit_and_over_HTTP_even_with_activity()
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await using var app = WithClock(clock);
        var (userName, _) = await CreateUserAsync(Roles.UnitUser);
        var client = app.CreateClient(NoRedirects);
        await using var circuit = await OpenCircuit.OpenAsync(app, await SignInCookieAsync(client, userName));
        Assert.True(await circuit.StillSignedInAsync());

        // At work all day: something in the page and a request every 29 minutes, up to 11 h 59 min after signing in.
        foreach (var minutes in Enumerable.Repeat(29, 24).Append(23))
        {
            clock.Advance(TimeSpan.FromMinutes(minutes));
            await circuit.ActAsync();
            Assert.True(await circuit.StillSignedInAsync());
            Assert.Equal(HttpStatusCode.NoContent, (await AliveAsync(client)).StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(2));
        await circuit.ActAsync();
        Assert.False(await circuit.StillSignedInAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await AliveAsync(client)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_circuit_opened_after_the_principal_was_rebuilt_keeps_the_sign_in_moment()
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        // The security stamp is checked at every request here, instead of once a minute: each request rebuilds the
        // principal from the database, which knows nothing of the sign-in moment.
        await using var app = App.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton(new SessionClock(clock));
            s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        }));
        var (userName, _) = await CreateUserAsync(Roles.UnitUser);
        var signedIn = clock.GetUtcNow();
        var cookie = await SignInCookieAsync(app.CreateClient(NoRedirects), userName);

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);
        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var renewed = AuthCookieOf(response);
        Assert.NotEqual(cookie, renewed);

        await using var circuit = await OpenCircuit.OpenAsync(app, renewed);
        Assert.Equal(signedIn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), circuit.User.FindFirstValue(AppClaims.SessionStarted));
        clock.Advance(SessionCookie.Absolute - TimeSpan.FromMinutes(1));
        await circuit.ActAsync();
        Assert.True(await circuit.StillSignedInAsync());
        clock.Advance(TimeSpan.FromMinutes(2));
        await circuit.ActAsync();
        Assert.False(await circuit.StillSignedInAsync());
    }

    [Fact]
    public async Task A_principal_that_does_not_carry_its_sign_in_moment_is_signed_out()
    {
        var (userName, _) = await CreateUserAsync(Roles.UnitUser);
        await using var scope = App.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var user = (await sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName))!;
        // What the claims factory alone makes: enabled, same stamp, but nothing shows when the session began.
        var principal = await sp.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user);
        Assert.Null(principal.FindFirst(AppClaims.SessionStarted));
        var provider = Assert.IsType<RevalidatingAuthStateProvider>(sp.GetRequiredService<AuthenticationStateProvider>());
        Assert.False(await provider.IsStillValidAsync(principal, CancellationToken.None));
    }

    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false, HandleCookies = true };

    private WebApplicationFactory<Program> WithClock(TimeProvider clock) =>
        App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(new SessionClock(clock))));

    private async Task ChangeAsync(string change, string userName, string userId)
    {
        switch (change)
        {
            case "role":
            case "unit":
                var row = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().FindAsync(userId));
                var form = change == "role"
                    ? new UserForm { DisplayName = row!.DisplayName, UnitId = row.UnitId, Role = Roles.Leader }
                    : new UserForm { DisplayName = row!.DisplayName, UnitId = await App.UnitIdAsync("220322"), Role = row.Role! };
                Assert.True((await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().UpdateAsync(userId, form, row.ConcurrencyStamp))).Ok);
                var after = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().FindAsync(userId));
                Assert.Equal((form.Role, form.UnitId), (after!.Role, after.UnitId));
                break;
            case "disable":
                Assert.True((await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().SetDisabledAsync(userId, true))).Ok);
                break;
            case "end-sessions":
                Assert.True((await App.AsUserAsync("security", sp => sp.GetRequiredService<UserAdmin>().EndSessionsAsync(userId))).Ok);
                Assert.Contains("SessionsEnded", await ActionsAsync(userId));
                break;
            case "logout":
                // The same user signs out in another browser: POST /account/logout of that session.
                var other = await App.SignInAsync(userName);
                var home = await other.GetStringAsync("/");
                var logout = await other.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = TestApp.TokenOf(home),
                }));
                Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
                Assert.Equal("/account/login", PathOf(logout.Headers.Location));
                Assert.Contains("SignOut", await ActionsAsync(userId));
                break;
            case "password-reset":
                var (reset, password) = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().ResetPasswordAsync(userId));
                Assert.True(reset.Ok, reset.Error);
                Assert.False(string.IsNullOrEmpty(password));
                break;
            case "factor-reset":
                Assert.True((await App.AsUserAsync("security", sp => sp.GetRequiredService<UserAdmin>().ResetSecondFactorAsync(userId, "手机丢失"))).Ok);
                Assert.Null((await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == userId))).TotpSecret);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "not a change of this test");
        }
    }

    /// <summary>A user of this test alone with the demo password and nothing to do first (no one-time password, no factor).</summary>
    private Task<(string UserName, string Id)> CreateUserAsync(string role) => App.AsSystemAsync(async sp =>
    {
        var unitCode = role is Roles.UnitUser ? "220302" : "220300";
        var unitId = await sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = "oc" + AdminTestSupport.Unique(), DisplayName = "会话测试", UnitId = unitId,
            PasswordChangedAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow,
        };
        Assert.True((await users.CreateAsync(user, TestApp.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return (user.UserName, user.Id);
    });

    private Task EnrolDirectlyAsync(string userId) => App.AsSystemAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        var secret = Totp.NewSecret();
        var now = DateTimeOffset.UtcNow;
        Assert.True(sp.GetRequiredService<TotpFactor>().Enrol(user, Base32.Encode(secret), Totp.Code(secret, Totp.StepOf(now)), now));
        Assert.True((await users.UpdateAsync(user)).Succeeded);
        return true;
    });

    private Task<List<string>> ActionsAsync(string userId) => App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
        .Where(a => a.ObjectType == nameof(AppUser) && a.ObjectId == userId).Select(a => a.Action).ToListAsync());

    /// <summary>Signs in through the login form and returns the sign-in cookie ("name=value") it set.</summary>
    private static async Task<string> SignInCookieAsync(HttpClient client, string userName)
    {
        var login = await TestApp.PostLoginAsync(client, userName, TestApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", PathOf(login.Headers.Location));
        return AuthCookieOf(login);
    }

    /// <summary>The path a redirect leads to, whether the app wrote it absolute or relative.</summary>
    private static string? PathOf(Uri? location) => location is null ? null : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString;

    private static string AuthCookieOf(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("InvestTrack.Auth=", StringComparison.Ordinal)).Split(';')[0];

    private static Task<HttpResponseMessage> AliveAsync(HttpClient client)
    {
        var alive = new HttpRequestMessage(HttpMethod.Post, "/api/session/alive");
        alive.Headers.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        return client.SendAsync(alive);
    }

    /// <summary>
    /// A circuit as the app makes one: a DI scope of its own with the app's authentication state provider and circuit
    /// activity, and the principal the cookie authenticates to on the request that opens it.
    /// </summary>
    private sealed class OpenCircuit(AsyncServiceScope scope, ClaimsPrincipal user) : IAsyncDisposable
    {
        public ClaimsPrincipal User => user;

        public static async Task<OpenCircuit> OpenAsync(WebApplicationFactory<Program> app, string cookie)
        {
            var scope = app.Services.CreateAsyncScope();
            var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            http.Request.Headers.Cookie = cookie;
            var result = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            Assert.True(result.Succeeded, result.Failure?.Message ?? "the sign-in cookie was not accepted");
            return new OpenCircuit(scope, result.Principal!);
        }

        private RevalidatingAuthStateProvider Provider =>
            Assert.IsType<RevalidatingAuthStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());

        /// <summary>What the circuit's periodic check answers now: true keeps the page signed in.</summary>
        public Task<bool> StillSignedInAsync() => Provider.IsStillValidAsync(user, CancellationToken.None);

        /// <summary>Something from the browser in the circuit (a click, a key): passes the app's inbound activity handler,
        /// which reads nothing of its context (Blazor's constructor of that context is internal).</summary>
        public Task ActAsync() => scope.ServiceProvider.GetRequiredService<CircuitActivity>().CreateInboundActivityHandler(_ => Task.CompletedTask)(null!);

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}

[Collection("postgres")]
public sealed class PostgresOpenCircuitTests(PostgresFixture fixture) : OpenCircuitTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteOpenCircuitTests(SqliteFixture fixture) : OpenCircuitTests(fixture), IClassFixture<SqliteFixture>;

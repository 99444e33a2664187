using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Admin;

internal static class AdminTestSupport
{
    /// <summary>Runs work in a fresh scope acting as a demo user, with the real claims a sign-in would give.</summary>
    public static async Task<T> AsUserAsync<T>(this TestApp app, string userName, Func<IServiceProvider, Task<T>> work)
    {
        // Messages are asserted in Chinese, the default language.
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var user = await sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName)
            ?? throw new InvalidOperationException($"no user {userName}");
        var principal = await sp.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user);
        sp.GetRequiredService<CurrentUser>().Set(principal, "127.0.0.1");
        return await work(sp);
    }

    public static Task AsUserAsync(this TestApp app, string userName, Func<IServiceProvider, Task> work) =>
        app.AsUserAsync(userName, async sp => { await work(sp); return true; });

    public static Task<List<AuditEntry>> AuditOfAsync(this TestApp app, string objectType, string objectId) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.ObjectType == objectType && e.ObjectId == objectId).OrderBy(e => e.Id).ToListAsync());

    public static Task<int> UnitIdAsync(this TestApp app, string code) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    /// <summary>A short unique suffix, so that tests sharing one app never collide.</summary>
    public static string Unique() => Guid.NewGuid().ToString("N")[..8];

    public static HttpClient NewClient(this TestApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}

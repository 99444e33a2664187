using InvestTrack.Data;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;

namespace InvestTrack.Infrastructure.Hosting;

/// <summary>What the web app does with its database before it serves.</summary>
public static class Startup
{
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem("startup");
        if (settings.Provider == DatabaseProviderKind.Sqlite)
        {
            // The embedded database migrates itself and, when new, gets the example city's demo data.
            var created = await DatabaseSetup.MigrateAsync(scope.ServiceProvider);
            if (created && app.Configuration.GetValue("Demo:SeedOnFirstStart", true))
                await DemoData.SeedAsync(scope.ServiceProvider, oneTimePasswords: false);
            PrintWelcome(app);
        }
        else
        {
            await DatabaseSetup.EnsureReachableAsync(scope.ServiceProvider);
        }
    }

    private static void PrintWelcome(WebApplication app)
    {
        var urls = app.Configuration["urls"] ?? app.Configuration["Kestrel:Endpoints:Http:Url"] ?? "http://localhost:5000";
        Console.WriteLine();
        Console.WriteLine($"InvestTrack 招商项目管理平台: {urls}");
        Console.WriteLine("演示账号 demo logins (embedded SQLite demo database only):");
        foreach (var (userName, role, unit) in DemoData.Users)
            Console.WriteLine($"  {userName,-10} {DemoData.DemoPassword}   {role} · {unit}");
        Console.WriteLine();
    }
}

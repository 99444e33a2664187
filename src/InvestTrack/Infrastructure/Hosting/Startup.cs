using InvestTrack.Data;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;

namespace InvestTrack.Infrastructure.Hosting;

/// <summary>
/// What the web app does with its database before it serves: SQLite migrates itself and gets demo data
/// when new; PostgreSQL must be reachable and current (`migrate` is an operator's step).
/// Tests switch it off with Database:PrepareOnStart=false and prepare their own database.
/// </summary>
public sealed class Startup(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Database:PrepareOnStart", true)) return;
        var settings = services.GetRequiredService<DatabaseSettings>();
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem("startup");
        if (settings.Provider == DatabaseProviderKind.Sqlite)
        {
            // The embedded database migrates itself and, when new, gets the example city's demo data.
            var created = await DatabaseSetup.MigrateAsync(scope.ServiceProvider);
            if (created && configuration.GetValue("Demo:SeedOnFirstStart", true))
                await DemoData.SeedAsync(scope.ServiceProvider, oneTimePasswords: false);
            PrintWelcome();
        }
        else
        {
            await DatabaseSetup.EnsureReachableAsync(scope.ServiceProvider);
        }
    }

    private void PrintWelcome()
    {
        var urls = configuration["urls"] ?? "http://localhost:5000";
        Console.WriteLine();
        Console.WriteLine($"InvestTrack 招商项目管理平台: {urls}");
        Console.WriteLine("演示账号 demo logins (embedded SQLite demo database only):");
        foreach (var (userName, role, unit) in DemoData.Users)
            Console.WriteLine($"  {userName,-10} {DemoData.DemoPassword}   {role} · {unit}");
        Console.WriteLine();
    }
}

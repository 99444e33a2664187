using InvestTrack.Data;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace InvestTrack.Infrastructure.Hosting;

/// <summary>
/// What the web app does with its database before it serves: SQLite migrates itself and gets demo data
/// when new; PostgreSQL must be reachable and current (`migrate` is an operator's step) and its Data Protection
/// keys encrypted. Once the server listens, a banner names the addresses it really bound.
/// Tests switch it off with Database:PrepareOnStart=false and prepare their own database.
/// </summary>
public sealed class Startup(IServiceProvider services, IConfiguration configuration, IServer server,
    IHostApplicationLifetime lifetime, ILogger<Startup> logger) : IHostedService
{
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Database:PrepareOnStart", true)) return;
        var settings = services.GetRequiredService<DatabaseSettings>();
        var keyProtection = services.GetRequiredService<KeyProtection>();
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem("startup");
        var demo = settings.Provider == DatabaseProviderKind.Sqlite;
        if (demo)
        {
            // The embedded database migrates itself and, when new, gets the example city's demo data.
            var created = await DatabaseSetup.MigrateAsync(scope.ServiceProvider);
            if (created && configuration.GetValue("Demo:SeedOnFirstStart", true))
                await DemoData.SeedAsync(scope.ServiceProvider, oneTimePasswords: false);
        }
        else
        {
            await DatabaseSetup.EnsureReachableAsync(scope.ServiceProvider);
            keyProtection.EnsureAllowed(settings.Provider, configuration);
        }
        // The audit chain's keys (Security:KeyDirectory): made on first start of the SQLite demo or in Development; on
        // PostgreSQL they must be in place (`keys init`), or the app refuses to start, naming the setting.
        logger.LogInformation("{Keys}", services.GetRequiredService<Kernel.Crypto.IKeyProvider>().Describe());
        if (keyProtection.Encrypted) logger.LogInformation("{KeyProtection}", keyProtection.Describe());
        else logger.LogWarning("{KeyProtection}", keyProtection.Describe());
        // Hosted services start before the server binds: the addresses (a port 0 made real) are known only then.
        lifetime.ApplicationStarted.Register(() => PrintWelcome(demo));
    }

    private void PrintWelcome(bool demo)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine();
        Console.WriteLine($"InvestTrack 招商项目管理平台: {string.Join("  ", addresses)}");
        if (demo)
        {
            Console.WriteLine("演示账号 demo logins (embedded SQLite demo database only):");
            var twoFactor = services.GetRequiredService<Features.Account.TwoFactor.TwoFactorPolicy>();
            foreach (var (userName, role, unit) in DemoData.Users)
                Console.WriteLine($"  {userName,-10} {DemoData.DemoPassword}   {role} · {unit}{(twoFactor.Requires(role) ? "   + 两步验证 authenticator app" : "")}");
            if (DemoData.Users.Any(u => twoFactor.Requires(u.Role)))
                Console.WriteLine("  两步验证：首次登录时扫码绑定身份验证器应用 / two-step verification: add an authenticator app at the first sign-in (Security:TwoFactorRequiredRoles)");
        }
        Console.WriteLine();
    }
}

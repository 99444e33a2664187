using InvestTrack.Data;
using InvestTrack.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Hosting;

/// <summary>
/// The audit chain's keys on PostgreSQL (production): the web app refuses to start without them, naming the setting and
/// the verb; `keys init` makes them, readable by the owner only; then the app starts. The SQLite demo makes its own.
/// </summary>
[Collection("postgres")]
public sealed class PostgresAuditKeysStartupTests : IDisposable
{
    private readonly string _keys = Path.Combine(Directory.CreateTempSubdirectory("investtrack-keys-").FullName, "keys");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_keys)!, recursive: true);

    [Fact]
    public async Task Without_key_files_the_web_app_refuses_to_start_and_keys_init_makes_them()
    {
        await using var database = new TestApp(DatabaseProviderKind.Postgres);
        await database.StartAsync();
        var environment = new Dictionary<string, string?>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__InvestTrack"] = database.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:InvestTrack"],
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["DataProtection__AllowUnencryptedKeys"] = "true",
            ["Security__KeyDirectory"] = _keys,
        };
        await using (var refused = RealProgram.Start(environment))
        {
            Assert.Equal(2, await refused.ExitCodeAsync());
            Assert.Contains($"配置错误 / configuration error: Configuration value 'Security:KeyDirectory' is '{_keys}', which lacks audit-mac.key", refused.Output);
            Assert.Contains("keys init", refused.Output);
            Assert.False(Directory.Exists(_keys));
        }
        await using (var init = RealProgram.Start(environment, "keys", "init"))
        {
            Assert.Equal(0, await init.ExitCodeAsync());
            Assert.Contains(_keys, init.Output);
        }
        Assert.Equal(7, Directory.GetFiles(_keys).Length);
        if (!OperatingSystem.IsWindows())
            foreach (var file in Directory.GetFiles(_keys))
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        await using var started = RealProgram.Start(environment);
        Assert.Single(await started.BannerAddressesAsync());
        Assert.Contains($"密钥文件 key files: {_keys}", started.Output);
    }
}

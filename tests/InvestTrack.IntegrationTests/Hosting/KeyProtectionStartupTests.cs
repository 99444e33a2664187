using InvestTrack.Data;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Hosting;

/// <summary>The real program states at start-up how its Data Protection keys are protected, and refuses a bad setting.</summary>
public sealed class KeyProtectionStartupTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("investtrack-keys-").FullName;

    [Fact]
    public async Task With_a_certificate_the_start_up_log_names_its_thumbprint()
    {
        var certificate = TestCertificate.Create(_dir);
        var environment = certificate.Environment;
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        await using var program = RealProgram.Start(environment);
        await program.BannerAddressesAsync();
        Assert.Contains($"数据保护密钥：证书加密 (thumbprint {certificate.Thumbprint}", program.Output);
        Assert.DoesNotContain("未加密", program.Output);
    }

    [Fact]
    public async Task A_wrong_certificate_password_is_named()
    {
        var certificate = TestCertificate.Create(_dir) with { Password = "not-the-password" };
        await using var program = RealProgram.Start(certificate.Environment);
        Assert.Equal(2, await program.ExitCodeAsync());
        Assert.Contains("配置错误 / configuration error: Configuration value 'DataProtection:Certificate:Password' is not the password of", program.Output);
        Assert.DoesNotContain("   at ", program.Output);
    }

    [Fact]
    public async Task A_missing_certificate_file_is_named()
    {
        await using var program = RealProgram.Start(new() { ["DataProtection__Certificate__Path"] = Path.Combine(_dir, "absent.pfx") });
        Assert.Equal(2, await program.ExitCodeAsync());
        Assert.Contains("'DataProtection:Certificate:Path' is '", program.Output);
        Assert.Contains("absent.pfx', a file that does not exist", program.Output);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>On PostgreSQL (production) the web app refuses unencrypted keys unless the operator allows them.</summary>
[Collection("postgres")]
public sealed class PostgresKeyProtectionStartupTests
{
    [Fact]
    public async Task Without_a_certificate_the_web_app_refuses_to_start_unless_allowed()
    {
        await using var database = new TestApp(DatabaseProviderKind.Postgres);
        await database.StartAsync();
        var environment = new Dictionary<string, string?>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__InvestTrack"] = database.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:InvestTrack"],
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Security__KeyDirectory"] = TestApp.TestKeyDirectory,
        };

        // The test's own app may have written its key already (its database starts migrated); the refused program writes none.
        var keys = await database.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().DataProtectionKeys.CountAsync());
        await using (var refused = RealProgram.Start(environment))
        {
            Assert.Equal(2, await refused.ExitCodeAsync());
            Assert.Contains("配置错误 / configuration error: Configuration value 'DataProtection:Certificate:Path' is missing: on PostgreSQL", refused.Output);
            Assert.Contains("DataProtection:AllowUnencryptedKeys=true", refused.Output);
            Assert.DoesNotContain("   at ", refused.Output);
            Assert.Equal(keys, await database.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().DataProtectionKeys.CountAsync()));
        }

        environment["DataProtection__AllowUnencryptedKeys"] = "true";
        await using var allowed = RealProgram.Start(environment);
        var address = new Uri(Assert.Single(await allowed.BannerAddressesAsync()));
        Assert.Contains("WRN] 数据保护密钥：未加密 / Data Protection keys: NOT ENCRYPTED", allowed.Output);
        Assert.DoesNotContain("demo logins", allowed.Output);
        using var client = new HttpClient { BaseAddress = address };
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
    }
}

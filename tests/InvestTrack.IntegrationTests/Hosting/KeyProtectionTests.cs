using System.Net;
using InvestTrack.Data;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Hosting;

/// <summary>
/// With the operator's certificate the Data Protection keys are stored encrypted, so a reader of the database cannot
/// forge a sign-in cookie; every instance with the certificate accepts the others' cookies, one without it cannot.
/// </summary>
public abstract class KeyProtectionTests(DatabaseProviderKind provider) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("investtrack-keys-").FullName;

    [Fact]
    public async Task Keys_are_stored_encrypted_and_only_instances_with_the_certificate_accept_the_cookie()
    {
        var certificate = TestCertificate.Create(_dir);
        await using var root = new TestApp(provider);
        var first = root.WithWebHostBuilder(b => WithCertificate(b, certificate));
        await PrepareAsync(first);

        var client = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await TestApp.PostLoginAsync(client, "tiexi", TestApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("InvestTrack.Auth=", StringComparison.Ordinal)).Split(';')[0];

        var keys = await WithScopeAsync(first, sp => sp.GetRequiredService<AppDbContext>().DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml);
            Assert.Contains("EncryptedXmlDecryptor", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });

        var second = root.WithWebHostBuilder(b => WithCertificate(b, certificate));
        var me = await GetMeAsync(second, cookie);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("\"tiexi\"", await me.Content.ReadAsStringAsync());

        // A new certificate, with the old one listed as previous: the keys written under the old one still open.
        var replacement = TestCertificate.Create(_dir, "InvestTrack Data Protection test 2");
        var rotated = root.WithWebHostBuilder(b => WithCertificate(b, replacement)
            .UseSetting("DataProtection:PreviousCertificates:0:Path", certificate.Path)
            .UseSetting("DataProtection:PreviousCertificates:0:Password", certificate.Password));
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(rotated, cookie)).StatusCode);
        var replaced = root.WithWebHostBuilder(b => WithCertificate(b, replacement));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetMeAsync(replaced, cookie)).StatusCode);

        var withoutCertificate = root.WithWebHostBuilder(_ => { });
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetMeAsync(withoutCertificate, cookie)).StatusCode);
    }

    private static IWebHostBuilder WithCertificate(IWebHostBuilder builder, TestCertificate certificate) => builder
        .UseSetting("DataProtection:Certificate:Path", certificate.Path)
        .UseSetting("DataProtection:Certificate:Password", certificate.Password);

    /// <summary>What TestApp.StartAsync does, on the instance with the certificate, so that it writes the first key.</summary>
    private static Task<bool> PrepareAsync(WebApplicationFactory<Program> app) => WithScopeAsync(app, async sp =>
    {
        await DatabaseSetup.MigrateAsync(sp);
        await DemoData.SeedAsync(sp, oneTimePasswords: false);
        return true;
    });

    private static async Task<T> WithScopeAsync<T>(WebApplicationFactory<Program> app, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem("test");
        return await work(scope.ServiceProvider);
    }

    private static Task<HttpResponseMessage> GetMeAsync(WebApplicationFactory<Program> app, string cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[Collection("postgres")]
public sealed class PostgresKeyProtectionTests() : KeyProtectionTests(DatabaseProviderKind.Postgres);

public sealed class SqliteKeyProtectionTests() : KeyProtectionTests(DatabaseProviderKind.Sqlite);

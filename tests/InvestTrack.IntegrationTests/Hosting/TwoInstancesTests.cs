using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Funds;
using InvestTrack.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Hosting;

/// <summary>
/// Two instances of the real program on loopback ports, one PostgreSQL database and one Data Protection certificate,
/// as behind nginx: a sign-in on one is valid on the other, a change through one is in the other's figures at once,
/// and two saves of the same record through both leave one saved and the other refused (409), never a lost update.
/// </summary>
[Collection("postgres")]
public sealed class TwoInstancesTests : IDisposable
{
    private const string Dispatch = "/api/reports/dispatch?year=2025&month=8";
    private const string Dashboard = "/api/dashboard?year=2025&month=8";
    private readonly string _dir = Directory.CreateTempSubdirectory("investtrack-two-").FullName;

    [Fact]
    public async Task A_sign_in_a_change_and_two_saves_of_one_record_hold_across_two_instances()
    {
        await using var database = new TestApp(DatabaseProviderKind.Postgres);
        await database.StartAsync();
        var project = await database.SignedProjectAsync(new DateOnly(2025, 1, 15));
        var environment = TestCertificate.Create(_dir).Environment;
        environment["Database__Provider"] = "Postgres";
        environment["ConnectionStrings__InvestTrack"] = database.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:InvestTrack"];
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        // The key files every instance shares (the ones that sealed this database's audit chain).
        environment["Security__KeyDirectory"] = TestApp.TestKeyDirectory;
        // City staff sign in with a password only here, as in every test host; two-factor sign-in has its own tests.
        environment["Security__TwoFactorRequiredRoles"] = "";
        await using var programA = RealProgram.Start(environment);
        await using var programB = RealProgram.Start(environment);
        using var a = new Instance(new Uri(Assert.Single(await programA.BannerAddressesAsync())));
        using var b = new Instance(new Uri(Assert.Single(await programB.BannerAddressesAsync())));
        Assert.NotEqual(a.Address, b.Address);

        // Signed in on A, known on B: the Data Protection keys are the database's, opened with the same certificate.
        var tiexi = await a.SignInAsync("tiexi");
        var city = await b.SignInAsync("city");
        var me = await b.SendAsync(HttpMethod.Get, "/api/me", tiexi);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("\"tiexi\"", await me.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await b.SendAsync(HttpMethod.Get, "/api/me")).StatusCode);

        // B computes the figures; A reports and audits funds; B's next answer has them.
        var dispatchBefore = await b.InScopeAsync(city);
        var dashboardBefore = await b.FundsKpiAsync(city);
        var reported = await a.SendAsync(HttpMethod.Post, "/api/funds", FundsTestSupport.Form(project.Id, "2025-03", 150m), tiexi);
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var (id, version) = await IdAndVersionAsync(reported);
        var audited = await a.SendAsync(HttpMethod.Post, $"/api/funds/{id}/audit", new FundsDecision { Version = version }, city);
        Assert.Equal(HttpStatusCode.OK, audited.StatusCode);
        Assert.Equal(dispatchBefore + 15_000, await b.InScopeAsync(city));
        Assert.Equal(dashboardBefore + 15_000, await b.FundsKpiAsync(city));
        Assert.Equal(dispatchBefore + 15_000, await a.InScopeAsync(city));

        // The same record saved through both at once, from the same version: one wins, the other is told it is stale.
        var pending = await b.SendAsync(HttpMethod.Post, "/api/funds", FundsTestSupport.Form(project.Id, "2025-04", 10m), tiexi);
        var (record, read) = await IdAndVersionAsync(pending);
        var saves = await Task.WhenAll(
            a.SendAsync(HttpMethod.Put, $"/api/funds/{record}", Edit(project.Id, 11m, read), tiexi),
            b.SendAsync(HttpMethod.Put, $"/api/funds/{record}", Edit(project.Id, 22m, read), tiexi));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], saves.Select(s => s.StatusCode).Order());
        var winner = saves[0].StatusCode == HttpStatusCode.OK ? 11m : 22m;
        var stored = await database.FundsAsync(record);
        Assert.Equal((FundsTestSupport.Hundredths(winner), read + 1), (stored.Amount, stored.Version));
        var trail = await database.AuditOfAsync(nameof(FundsRecord), record.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single(trail, e => e.Action == "Update");
    }

    private static FundsForm Edit(int projectId, decimal wan, int version)
    {
        var form = FundsTestSupport.Form(projectId, "2025-04", wan);
        form.Version = version;
        return form;
    }

    private static async Task<(long Id, int Version)> IdAndVersionAsync(HttpResponseMessage response)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (body.GetProperty("id").GetInt64(), body.GetProperty("version").GetInt32());
    }

    /// <summary>One instance as nginx would reach it; the test carries each user's cookie by hand, to either instance.</summary>
    private sealed class Instance(Uri address) : IDisposable
    {
        private readonly HttpClient _client = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };

        public Uri Address => address;

        public Task<string> SignInAsync(string userName) => TestApp.AuthCookieAsync(_client, userName);

        public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? cookie = null) => SendAsync(method, path, null, cookie);

        public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? json, string? cookie)
        {
            var request = new HttpRequestMessage(method, path) { Content = json is null ? null : JsonContent.Create(json) };
            if (cookie is not null) request.Headers.Add("Cookie", cookie);
            request.Headers.Add(ApiClientHeader.Name, ApiClientHeader.Value);
            return _client.SendAsync(request);
        }

        public async Task<long> InScopeAsync(string cookie) =>
            (await JsonAsync(Dispatch, cookie)).GetProperty("figures").GetProperty("inScope").GetProperty("amount").GetInt64();

        /// <summary>The dashboard's first figure: audited funds of every source.</summary>
        public async Task<long> FundsKpiAsync(string cookie)
        {
            var funds = (await JsonAsync(Dashboard, cookie)).GetProperty("kpis")[0];
            Assert.Equal((int)Features.Dashboard.DashboardIndicator.Funds, funds.GetProperty("indicator").GetInt32());
            return funds.GetProperty("value").GetInt64();
        }

        private async Task<JsonElement> JsonAsync(string path, string cookie)
        {
            var response = await SendAsync(HttpMethod.Get, path, cookie);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }

        public void Dispose() => _client.Dispose();
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

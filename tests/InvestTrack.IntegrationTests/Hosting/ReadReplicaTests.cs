using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.Statistics;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Funds;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InvestTrack.IntegrationTests.Hosting;

/// <summary>A primary and its streaming replica on loopback, and the app's database on the primary (replicated from its creation).</summary>
public sealed class ReplicaFixture : IAsyncLifetime
{
    internal StreamingReplica Cluster { get; private set; } = null!;
    public TestApp Root { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (StreamingReplica.BinDirectory is null) return; // every test says why it is skipped
        Cluster = await StreamingReplica.StartAsync();
        try
        {
            Root = new TestApp(DatabaseProviderKind.Postgres, postgresAdmin: Cluster.Admin(Cluster.PrimaryPort));
            await Root.StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Root is not null) await Root.DisposeAsync();
        if (Cluster is not null) await Cluster.DisposeAsync();
    }
}

/// <summary>
/// ConnectionStrings:InvestTrackRead: the figures and the large lists read the replica while it is within
/// Database:ReplicaMaxLagSeconds (proved by pausing its replay: the primary has a change the figures do not show);
/// a user who just saved reads the primary, on any instance (a cookie); beyond the bound, or with the replica
/// stopped, the same reads come from the primary without a failed request.
/// </summary>
public sealed class ReadReplicaTests(ReplicaFixture fixture) : IClassFixture<ReplicaFixture>
{
    private const string Dispatch = "/api/reports/dispatch?year=2025&month=8";
    private static readonly DateOnly Signed = new(2025, 1, 15);

    private TestApp Root => fixture.Root;
    private StreamingReplica Cluster => fixture.Cluster;

    [PostgresBinariesFact]
    public async Task Figures_and_lists_read_the_replica_within_the_bound_and_a_writer_reads_their_own_records_on_every_instance()
    {
        await using var first = ReplicaApp(maxLagSeconds: 30);
        await using var second = ReplicaApp(maxLagSeconds: 30);
        var project = await Root.SignedProjectAsync(Signed);
        var city = await AuthCookieAsync(first, "city");
        var tiexi = await AuthCookieAsync(first, "tiexi");
        var before = await InScopeAsync(first, city);
        await Cluster.CaughtUpAsync();
        Assert.Equal(TimeSpan.Zero, await Lag(first).MeasureAsync());
        Assert.Equal(TimeSpan.Zero, await Lag(second).MeasureAsync());

        await Cluster.PauseReplayAsync();
        try
        {
            await Root.InsertFundsAsync(project.Id, project.UnitId, 2025, 3, 150m, FundsAuditStatus.Audited, OriginClass.OtherProvince);
            Assert.Equal(before + 15_000, await PrimaryInScopeAsync());
            // The replica, paused and well within 30 s, has not replayed it: these reads are the replica's.
            Assert.Equal(before, await InScopeAsync(first, city));
            Assert.Equal(0, await FundsTotalAsync(first, project.Id, city));

            var created = await SendAsync(first, HttpMethod.Post, "/api/funds", FundsTestSupport.Form(project.Id, "2025-04", 20m), tiexi);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var wrote = created.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(Infrastructure.Hosting.RecentWriteCookie.Name + "=", StringComparison.Ordinal));
            Assert.Contains("max-age=31", wrote, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", wrote, StringComparison.OrdinalIgnoreCase);
            // The writer sees the record just saved and the one inserted before it: the primary's list.
            Assert.Equal(2, await FundsTotalAsync(first, project.Id, tiexi));
            // Another instance knows the writer by the cookie alone; without it the same user reads the replica there.
            Assert.Equal(2, await FundsTotalAsync(second, project.Id, tiexi, wrote.Split(';')[0]));
            Assert.Equal(0, await FundsTotalAsync(second, project.Id, tiexi));
            Assert.Equal(before, await InScopeAsync(second, city));
            Assert.Equal(0, await FundsTotalAsync(first, project.Id, city));
        }
        finally
        {
            await Cluster.ResumeReplayAsync();
        }
        await StreamingReplica.UntilAsync(async () => await InScopeAsync(first, city) == before + 15_000, "the replica's figures catch up after replay resumes");
        Assert.Equal(2, await FundsTotalAsync(first, project.Id, city));
    }

    [PostgresBinariesFact]
    public async Task Beyond_the_bound_or_with_the_replica_stopped_reads_fall_back_to_the_primary()
    {
        await using var strict = ReplicaApp(maxLagSeconds: 1);
        var project = await Root.SignedProjectAsync(Signed);
        var city = await AuthCookieAsync(strict, "city");
        await Cluster.CaughtUpAsync();
        Assert.Equal(TimeSpan.Zero, await Lag(strict).MeasureAsync());
        var before = await InScopeAsync(strict, city);

        await Cluster.PauseReplayAsync();
        try
        {
            await Root.InsertFundsAsync(project.Id, project.UnitId, 2025, 3, 150m, FundsAuditStatus.Audited, OriginClass.OtherProvince);
            // Once the replica is more than a second behind, the figures are the primary's, while the replica still lacks the record.
            await StreamingReplica.UntilAsync(async () => await InScopeAsync(strict, city) == before + 15_000, "the figures come from the primary");
            Assert.Equal(1, await FundsTotalAsync(strict, project.Id, city));
            Assert.Equal(0L, await ReplicaFundsCountAsync(project.Id));
        }
        finally
        {
            await Cluster.ResumeReplayAsync();
        }

        await using var lenient = ReplicaApp(maxLagSeconds: 30);
        var lenientCity = await AuthCookieAsync(lenient, "city");
        await Root.InsertFundsAsync(project.Id, project.UnitId, 2025, 5, 50m, FundsAuditStatus.Audited, OriginClass.OtherProvince);
        await Cluster.CaughtUpAsync();
        Assert.Equal(TimeSpan.Zero, await Lag(lenient).MeasureAsync());
        Assert.Equal(before + 20_000, await InScopeAsync(lenient, lenientCity));

        await Cluster.StopReplicaAsync();
        try
        {
            // The last measurement still says "usable": the connection is refused and the same request reads the primary.
            Assert.Equal(before + 20_000, await InScopeAsync(lenient, lenientCity));
            Assert.Equal(2, await FundsTotalAsync(lenient, project.Id, lenientCity));
            Assert.False(Lag(lenient).IsUsable());
        }
        finally
        {
            await Cluster.StartReplicaAsync();
        }
    }

    private WebApplicationFactory<Program> ReplicaApp(double maxLagSeconds)
    {
        var primary = Root.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:InvestTrack"];
        var replica = new NpgsqlConnectionStringBuilder(primary) { Port = Cluster.ReplicaPort }.ConnectionString;
        return Root.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:InvestTrackRead", replica)
            .UseSetting("Database:ReplicaMaxLagSeconds", maxLagSeconds.ToString(CultureInfo.InvariantCulture)));
    }

    private static ReplicaLag Lag(WebApplicationFactory<Program> app) => app.Services.GetRequiredService<ReplicaLag>();

    private async Task<long> PrimaryInScopeAsync() =>
        (await Root.AsUserAsync("city", sp => sp.GetRequiredService<DispatchReport>().ComputeAsync(2025, 8, null))).Report!.Figures.InScope.Amount;

    private static async Task<long> InScopeAsync(WebApplicationFactory<Program> app, string cookie)
    {
        var response = await SendAsync(app, HttpMethod.Get, Dispatch, null, cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("figures").GetProperty("inScope").GetProperty("amount").GetInt64();
    }

    private static async Task<int> FundsTotalAsync(WebApplicationFactory<Program> app, int projectId, params string[] cookies)
    {
        var response = await SendAsync(app, HttpMethod.Get, $"/api/funds?projectId={projectId}", null, cookies);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetInt32();
    }

    private async Task<long> ReplicaFundsCountAsync(int projectId) =>
        await Cluster.ScalarAsync<long>(Cluster.ReplicaPort, $"""SELECT count(*) FROM "FundsRecords" WHERE "ProjectId" = {projectId}""",
            new NpgsqlConnectionStringBuilder(Root.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:InvestTrack"]).Database!);

    /// <summary>The sign-in cookie of the login form, carried by hand so that the test chooses which cookies each request sends.</summary>
    internal static async Task<string> AuthCookieAsync(WebApplicationFactory<Program> app, string userName)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        return await TestApp.AuthCookieAsync(client, userName);
    }

    internal static async Task<HttpResponseMessage> SendAsync(WebApplicationFactory<Program> app, HttpMethod method, string path, object? json, params string[] cookies)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(method, path) { Content = json is null ? null : JsonContent.Create(json) };
        request.Headers.Add("Cookie", string.Join("; ", cookies));
        request.Headers.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        return await client.SendAsync(request);
    }
}

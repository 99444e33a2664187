using InvestTrack.Data;
using InvestTrack.Features.Dashboard;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Statistics;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Statistics.FiguresCacheTests;

namespace InvestTrack.IntegrationTests.Statistics;

/// <summary>Two app instances on one database, the first with a small figures cache (50 KB).</summary>
public abstract class TwoInstancesFixture(DatabaseProviderKind provider) : IAsyncLifetime
{
    public const double LimitMegabytes = 0.05;

    public TestApp First { get; } = new(provider, settings: new Dictionary<string, string> { ["Cache:FiguresSizeLimit"] = "0.05" });
    public TestApp Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await First.StartAsync();
        Second = new TestApp(provider, sharing: First);
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}

public sealed class PostgresTwoInstancesFixture() : TwoInstancesFixture(DatabaseProviderKind.Postgres);

public sealed class SqliteTwoInstancesFixture() : TwoInstancesFixture(DatabaseProviderKind.Sqlite);

/// <summary>
/// Instances agree at once after a change made through one of them (each reads the version the database keeps before
/// every answer), and the size limit evicts the least recently used answers.
/// </summary>
public abstract class FiguresCacheInstancesTests(TwoInstancesFixture fixture)
{
    private static long H(decimal wan) => StatisticsSeed.Hundredths(wan);

    [Fact]
    public async Task Two_instances_agree_immediately_after_a_change_made_through_one_of_them()
    {
        var (first, second) = (fixture.First, fixture.Second);
        var s = await StatisticsSeed.NewAsync(first);
        var p = await s.ProjectAsync(2000m, startedOn: new DateOnly(Year, 1, 10));
        await s.FundsAsync(p, Year, 3, 100m);
        var pending = await first.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var record = new FundsRecord
            {
                ProjectId = p, UnitId = s.UnitId, Period = FundsRecord.PeriodOf(Year, 4), Source = Features.ReferenceData.OriginClass.OtherProvince,
                Amount = H(50m), Status = FundsAuditStatus.Pending, ReportedBy = "test", ReportedAt = DateTimeOffset.UtcNow,
            };
            db.FundsRecords.Add(record);
            await db.SaveChangesAsync();
            return record;
        });

        var one = await AskAsync(first, "city", s.UnitId, 6);
        var two = await AskAsync(second, "city", s.UnitId, 6);
        Assert.Equal((one.Json, one.FreshJson), (two.Json, two.Json));
        var secondCache = second.Services.GetRequiredService<FiguresCache>();
        var hits = secondCache.Hits;
        Assert.Equal(two.Json, (await AskAsync(second, "city", s.UnitId, 6)).Json);
        Assert.Equal(hits + 3, secondCache.Hits); // the second instance holds the answers

        var audited = await first.AsUserAsync("city", sp => sp.GetRequiredService<FundsService>().AuditAsync(pending.Id, pending.Version));
        Assert.True(audited.Ok, audited.FirstError);

        var twoAfter = await AskAsync(second, "city", s.UnitId, 6);
        var oneAfter = await AskAsync(first, "city", s.UnitId, 6);
        Assert.Equal(H(150m), twoAfter.Report.Figures.InScope.Amount);
        Assert.Equal((twoAfter.FreshJson, twoAfter.Json), (twoAfter.Json, oneAfter.Json));
        Assert.Equal(await VersionAsync(first), await VersionAsync(second));
    }

    [Fact]
    public async Task The_size_limit_evicts_the_least_recently_used_answers()
    {
        var app = fixture.First;
        var cache = app.Services.GetRequiredService<FiguresCache>();
        var limit = (long)(TwoInstancesFixture.LimitMegabytes * 1024 * 1024);
        var s = await StatisticsSeed.NewAsync(app);
        var p = await s.ProjectAsync(2000m, startedOn: new DateOnly(Year, 1, 10), kind: SigningKind.Contract, signedOn: new DateOnly(Year, 1, 5));
        for (var month = 1; month <= 12; month++) await s.FundsAsync(p, Year, month, month);

        DashboardFigures? last = null;
        for (var month = 1; month <= 12; month++)
        {
            last = await DashboardAsync(app, s.UnitId, month);
            Assert.Equal(H(month * (month + 1) / 2m), last.Of(DashboardIndicator.Funds).Value);
            Assert.True(cache.Size <= limit, $"{cache.Size} bytes held, above the limit of {limit}");
        }
        var held = limit / FiguresCache.SizeOf(last!);
        Assert.InRange(held, 4, 11); // more than a quarter of the limit would not be kept; fewer than twelve fit

        var computed = cache.Computations;
        Assert.Equal(H(78m), (await DashboardAsync(app, s.UnitId, 12)).Of(DashboardIndicator.Funds).Value);
        Assert.Equal(computed, cache.Computations); // the latest is held
        Assert.Equal(H(1m), (await DashboardAsync(app, s.UnitId, 1)).Of(DashboardIndicator.Funds).Value);
        Assert.Equal(computed + 1, cache.Computations); // the first left to make room
    }

    private static Task<DashboardFigures> DashboardAsync(TestApp app, int unitId, int month) =>
        app.AsUserAsync("city", async sp => (await sp.GetRequiredService<DashboardService>().ComputeAsync(Year, month, unitId)).Figures!);
}

public sealed class PostgresFiguresCacheInstancesTests(PostgresTwoInstancesFixture fixture)
    : FiguresCacheInstancesTests(fixture), IClassFixture<PostgresTwoInstancesFixture>;

public sealed class SqliteFiguresCacheInstancesTests(SqliteTwoInstancesFixture fixture)
    : FiguresCacheInstancesTests(fixture), IClassFixture<SqliteTwoInstancesFixture>;

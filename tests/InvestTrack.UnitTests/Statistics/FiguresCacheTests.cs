using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.Statistics;
using InvestTrack.Infrastructure.Auth;
using Microsoft.Extensions.Options;

namespace InvestTrack.UnitTests.Statistics;

/// <summary>The cache's key and its rules without a database: what makes two questions the same, one computation, eviction.</summary>
public class FiguresCacheTests
{
    private static readonly StatisticsOptions Defaults = new();
    private static readonly ReportScope City = new(Period.Of(2025, 8)!, null, "全市");
    private static readonly ReportScope Tiexi = new(Period.Of(2025, 8)!, 3, "铁西区");

    private static FiguresKey Key(ReportScope report, UnitScope units, FiguresKind kind = FiguresKind.Dashboard, string culture = "zh-CN", StatisticsOptions? options = null) =>
        FiguresKey.Of(kind, report, units, options ?? Defaults, culture);

    [Fact]
    public void The_same_question_by_users_of_the_same_scope_is_one_key()
    {
        Assert.Equal(Key(Tiexi, new UnitScope(false, [3, 9])), Key(Tiexi, new UnitScope(false, [9, 3])));
        Assert.Equal(Key(City, UnitScope.Everything), Key(City, new UnitScope(true, [])));
        Assert.Equal("*", FiguresKey.ScopeOf(UnitScope.Everything));
        Assert.Equal("3,9,12", FiguresKey.ScopeOf(new UnitScope(false, [12, 3, 9, 3])));
        Assert.Equal("", FiguresKey.ScopeOf(UnitScope.Nothing));
    }

    [Fact]
    public void Every_part_of_the_question_is_in_the_key()
    {
        var county = new UnitScope(false, [3, 9]);
        var key = Key(Tiexi, county);
        Assert.Equal((FiguresKind.Dashboard, 2025, 8, (int?)3, "3,9", "zh-CN", 0L), (key.Kind, key.Year, key.Month, key.UnitId, key.Scope, key.Culture, key.Version));
        var different = new[]
        {
            Key(Tiexi, new UnitScope(false, [3])), // a scope without the county's zone: its query filter differs
            Key(Tiexi, UnitScope.Everything), // the city asking for the same county
            Key(City, county),
            Key(Tiexi with { UnitId = 4 }, county),
            Key(Tiexi with { Period = Period.Of(2025, 7)! }, county),
            Key(Tiexi with { Period = Period.Of(2024, 8)! }, county),
            Key(Tiexi, county, FiguresKind.DispatchFigures),
            Key(Tiexi, county, culture: "en"),
            Key(Tiexi, county, options: new StatisticsOptions { DispatchThresholdWan = 2000m }),
            Key(Tiexi, county, options: new StatisticsOptions { CountedSource = OriginClass.Abroad }),
            Key(Tiexi, county, options: new StatisticsOptions { YiSigningThresholdWan = 5000m }),
            Key(Tiexi, county, options: new StatisticsOptions { StartsThresholdWan = 3000m }),
            Key(Tiexi, county, options: new StatisticsOptions { DispatchTemplate = "{期间}" }),
            key with { Version = 2 },
        };
        Assert.All(different, d => Assert.NotEqual(key, d));
        Assert.Equal(different.Length, different.Distinct().Count());
    }

    private static FiguresCache Cache(double megabytes = 1) => new(Options.Create(new FiguresCacheOptions { FiguresSizeLimit = megabytes }));

    private static FiguresKey Versioned(int month, long version = 1) => Key(City with { Period = Period.Of(2025, month)! }, UnitScope.Everything) with { Version = version };

    [Fact]
    public async Task Concurrent_first_askers_wait_for_one_computation()
    {
        using var cache = Cache();
        var gate = new TaskCompletionSource();
        var computations = 0;
        async Task<string> Compute(CancellationToken ct)
        {
            Interlocked.Increment(ref computations);
            await gate.Task.WaitAsync(ct);
            return "答案";
        }
        var askers = Enumerable.Range(0, 8).Select(_ => cache.GetOrComputeAsync(Versioned(8), Compute, null, default)).ToList();
        gate.SetResult();
        var answers = await Task.WhenAll(askers);
        Assert.Equal(1, computations);
        Assert.All(answers, a => Assert.Same(answers[0], a));
        Assert.Equal(1, cache.Computations);
        Assert.Same(answers[0], await cache.GetOrComputeAsync<string>(Versioned(8), _ => throw new InvalidOperationException("held"), null, default));
    }

    [Fact]
    public async Task When_the_one_computing_gives_up_a_waiter_computes()
    {
        using var cache = Cache();
        using var givesUp = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var first = cache.GetOrComputeAsync(Versioned(8), async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return "never";
        }, null, givesUp.Token);
        await started.Task;
        var second = cache.GetOrComputeAsync(Versioned(8), _ => Task.FromResult("第二个"), null, default);
        await givesUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("第二个", await second);
    }

    [Fact]
    public async Task Askers_of_a_newer_version_wait_for_the_computation_under_way_and_then_share_one_at_the_latest_version()
    {
        using var cache = Cache();
        var question = Versioned(8, 0);
        var version = 1L;
        var versions = new List<long>();
        var gate = new TaskCompletionSource();
        async Task<string> Compute(long at, CancellationToken ct)
        {
            lock (versions) versions.Add(at);
            if (at == 1) await gate.Task.WaitAsync(ct);
            return $"版本{at}";
        }
        Task<string> Ask() => cache.GetOrComputeLatestAsync(question, _ => Task.FromResult(Interlocked.Read(ref version)),
            ct => Compute(Interlocked.Read(ref version), ct), null, default);

        var first = Ask();
        // Three commits while version 1 is being computed, an asker after each: none computes beside it.
        var later = new List<Task<string>>();
        for (var v = 2L; v <= 4; v++)
        {
            Interlocked.Exchange(ref version, v);
            later.Add(Ask());
        }
        Assert.Equal([1L], versions);
        gate.SetResult();
        Assert.Equal("版本1", await first);
        Assert.All(await Task.WhenAll(later), answer => Assert.Equal("版本4", answer));
        Assert.Equal([1L, 4L], versions); // one computation for the three, at the version they could all see
    }

    [Fact]
    public async Task A_newer_version_drops_every_older_answer_and_an_answer_of_an_older_version_is_not_kept()
    {
        using var cache = Cache();
        await cache.GetOrComputeAsync(Versioned(1, version: 5), _ => Task.FromResult("一月"), null, default);
        await cache.GetOrComputeAsync(Versioned(2, version: 5), _ => Task.FromResult("二月"), null, default);
        Assert.True(cache.Size > 0);
        await cache.GetOrComputeAsync(Versioned(3, version: 6), _ => Task.FromResult("三月"), null, default);
        Assert.Equal(FiguresCache.SizeOf("三月"), cache.Size);

        // A reader still at version 5 (a lagging replica) gets a computation of its own, never kept.
        await cache.GetOrComputeAsync(Versioned(1, version: 5), _ => Task.FromResult("一月"), null, default);
        Assert.Equal(FiguresCache.SizeOf("三月"), cache.Size);
        Assert.Equal(4, cache.Computations);
    }

    [Fact]
    public async Task The_size_limit_evicts_the_least_recently_used_answer()
    {
        // 10 485 bytes: five answers of 2 064 bytes fit, a sixth does not.
        using var cache = Cache(0.01);
        var text = new string('数', 1000);
        Assert.Equal(2064, FiguresCache.SizeOf(text));
        for (var month = 1; month <= 5; month++) await cache.GetOrComputeAsync(Versioned(month), _ => Task.FromResult(text + month), null, default);
        Assert.Equal(5 * 2066, cache.Size);
        await cache.GetOrComputeAsync<string>(Versioned(1), _ => throw new InvalidOperationException("held"), null, default); // January used again

        await cache.GetOrComputeAsync(Versioned(6), _ => Task.FromResult(text + 6), null, default);
        Assert.True(cache.Size <= 10_485, $"{cache.Size}");
        var computed = cache.Computations;
        foreach (var month in new[] { 1, 6 }) await cache.GetOrComputeAsync<string>(Versioned(month), _ => throw new InvalidOperationException("held"), null, default);
        await cache.GetOrComputeAsync(Versioned(2), _ => Task.FromResult(text + 2), null, default); // February, least recently used, left
        Assert.Equal(computed + 1, cache.Computations);
    }

    [Fact]
    public async Task An_answer_larger_than_a_quarter_of_the_limit_or_with_a_changed_scope_is_served_but_not_kept()
    {
        using var cache = Cache(0.01);
        await cache.GetOrComputeAsync(Versioned(1), _ => Task.FromResult(new string('大', 1400)), null, default); // 2 864 bytes > 2 621
        await cache.GetOrComputeAsync(Versioned(2), _ => Task.FromResult("小"), () => false, default);
        Assert.Equal(0, cache.Size);
        Assert.Equal(2, cache.Computations);
    }

    [Fact]
    public async Task A_limit_of_zero_computes_every_time()
    {
        using var cache = Cache(0);
        var computations = 0;
        for (var i = 0; i < 3; i++) await cache.GetOrComputeAsync(Versioned(1), _ => Task.FromResult((++computations).ToString(System.Globalization.CultureInfo.InvariantCulture)), null, default);
        Assert.Equal(3, computations);
        Assert.Empty(new FiguresCacheOptions { FiguresSizeLimit = 0 }.Problems());
        Assert.NotEmpty(new FiguresCacheOptions { FiguresSizeLimit = -1 }.Problems());
        Assert.NotEmpty(new FiguresCacheOptions { FiguresSizeLimit = double.NaN }.Problems());
    }
}

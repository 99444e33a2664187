using System.Collections.Concurrent;
using InvestTrack.Data;
using InvestTrack.Features.Dashboard;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace InvestTrack.Features.Statistics;

/// <summary>Configuration section "Cache".</summary>
public sealed class FiguresCacheOptions
{
    public const string Section = "Cache";

    /// <summary>Megabytes (estimated) of figures kept in memory, all scopes together; 0 turns the cache off.</summary>
    public double FiguresSizeLimit { get; set; } = 256;

    public IEnumerable<string> Problems()
    {
        if (!double.IsFinite(FiguresSizeLimit) || FiguresSizeLimit < 0 || FiguresSizeLimit > 1_000_000)
            yield return $"Cache:{nameof(FiguresSizeLimit)} = {FiguresSizeLimit}: not a size in megabytes (0 turns the cache off)";
    }
}

/// <summary>
/// Figures computed once per data version and served to everyone who asks the same question with the same scope
/// (docs/decisions/0010). The database keeps the version (table "DataVersion", moved by triggers in the same
/// transaction as every change of what the figures read); it is read before every answer, so no answer is older
/// than the last commit its reader could see, and instances on one database agree. Callers check rights and resolve
/// the unit first (ReportScope): the cache only ever sees questions the user may ask. Concurrent first askers of one
/// key wait for one computation. Memory is bounded by an estimated size with least-recently-used eviction, and every
/// answer of a superseded version leaves at once.
/// </summary>
public sealed class FiguresCache : IDisposable
{
    /// <summary>An answer nobody asked for this long leaves even if its data did not change.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(15);

    /// <summary>Computes every time (services made by hand, as the benchmarks do, and <c>Cache:FiguresSizeLimit</c> = 0).</summary>
    public static readonly FiguresCache Off = new(Options.Create(new FiguresCacheOptions { FiguresSizeLimit = 0 }));

    private readonly MemoryCache? _entries;
    private readonly long _limit;
    private readonly ConcurrentDictionary<FiguresKey, Task> _running = new();
    // The computation under way of each question (its key with version 0), whatever its version.
    private readonly ConcurrentDictionary<FiguresKey, Computing> _computing = new();
    private readonly Lock _gate = new();
    private long _newest = long.MinValue;
    private CancellationTokenSource _newestSource = new();
    private long _computations;
    private long _hits;

    public FiguresCache(IOptions<FiguresCacheOptions> options)
    {
        _limit = (long)(options.Value.FiguresSizeLimit * 1024 * 1024);
        if (_limit > 0) _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = _limit, TrackStatistics = true });
    }

    /// <summary>Answers computed (not served from memory) since start.</summary>
    public long Computations => Interlocked.Read(ref _computations);

    /// <summary>Answers served from memory since start.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Estimated bytes held now.</summary>
    public long Size => _entries?.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>The version of the data as <paramref name="db"/> sees it now: one row by its key.</summary>
    public static async Task<long> VersionAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Database.SqlQuery<long>($"""SELECT "Value" FROM "DataVersion" WHERE "Id" = 1""").ToListAsync(ct)).Single();

    /// <summary>
    /// The answer for <paramref name="key"/> (version not yet set) at the data version <paramref name="db"/> sees,
    /// computed by <paramref name="compute"/> on the caller's contexts when no one has it. Kept only if the user's
    /// unit scope is still the key's after the computation (a sign-in's claims can be renewed meanwhile).
    /// </summary>
    public Task<T> GetOrComputeAsync<T>(AppDbContext db, FiguresKey key, CurrentUser user, Func<CancellationToken, Task<T>> compute, CancellationToken ct)
        where T : class =>
        GetOrComputeLatestAsync(key, c => VersionAsync(db, c), compute, () => FiguresKey.ScopeOf(user.UnitScope) == key.Scope, ct);

    /// <summary>
    /// The answer for <paramref name="question"/> at the data version <paramref name="version"/> reads now. While the same
    /// question is being computed for an older version, the asker waits for that computation to end and reads the version
    /// again, rather than computing beside it: askers who came during one computation share the next, which covers every
    /// commit until it starts. On a city whose funds are audited every second, a question is then computed at most once at
    /// a time instead of once per version, each computation overlapping the last on the same cores.
    /// </summary>
    public async Task<T> GetOrComputeLatestAsync<T>(FiguresKey question, Func<CancellationToken, Task<long>> version,
        Func<CancellationToken, Task<T>> compute, Func<bool>? keep, CancellationToken ct) where T : class
    {
        if (_entries is null) return await compute(ct);
        question = question with { Version = 0 };
        while (true)
        {
            var versioned = question with { Version = await version(ct) };
            var running = _computing.TryGetValue(question, out var under) ? under : null;
            // A computation of a newer version than this asker read is an answer for it too.
            if (running is not null && running.Version > versioned.Version) versioned = versioned with { Version = running.Version };
            if (running is { } older && older.Version < versioned.Version && !_entries.TryGetValue(versioned, out _))
            {
                try
                {
                    await older.Done.WaitAsync(ct);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    // its failure is its asker's: this one reads the version again and computes
                }
                continue;
            }
            return await GetOrComputeAsync(versioned, compute, keep, ct);
        }
    }

    /// <summary>The answer for a key whose version is set; <paramref name="keep"/> false after the computation leaves it out of memory.</summary>
    public async Task<T> GetOrComputeAsync<T>(FiguresKey key, Func<CancellationToken, Task<T>> compute, Func<bool>? keep, CancellationToken ct)
        where T : class
    {
        if (_entries is null) return await compute(ct);
        Observe(key.Version);
        while (true)
        {
            if (_entries.TryGetValue(key, out var held) && held is T answer)
            {
                Interlocked.Increment(ref _hits);
                return answer;
            }
            var mine = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_running.GetOrAdd(key, mine.Task) is Task<T> running && running != mine.Task)
            {
                try
                {
                    return await running.WaitAsync(ct);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    continue; // the one computing went away (or its scope changed): ask again, perhaps computing
                }
            }
            T computed;
            var question = key with { Version = 0 };
            var computing = new Computing(key.Version, mine.Task);
            _computing.AddOrUpdate(question, computing, (_, other) => other.Version > computing.Version ? other : computing);
            try
            {
                Interlocked.Increment(ref _computations);
                computed = await compute(ct);
            }
            catch (Exception e)
            {
                _computing.TryRemove(new KeyValuePair<FiguresKey, Computing>(question, computing));
                // Gone from the running ones before the waiters hear of it, so that they compute rather than wait on it again.
                _running.TryRemove(new KeyValuePair<FiguresKey, Task>(key, mine.Task));
                if (e is OperationCanceledException) mine.TrySetCanceled(CancellationToken.None);
                else if (mine.TrySetException(e)) _ = mine.Task.Exception; // observed: a failure nobody waited for raises no event
                throw;
            }
            var kept = keep?.Invoke() ?? true;
            if (kept) Store(key, computed);
            _computing.TryRemove(new KeyValuePair<FiguresKey, Computing>(question, computing));
            _running.TryRemove(new KeyValuePair<FiguresKey, Task>(key, mine.Task));
            if (kept) mine.SetResult(computed);
            else mine.SetCanceled(CancellationToken.None); // computed under another scope: the waiters ask again
            return computed;
        }
    }

    /// <summary>A newer version makes every answer of the older ones useless: they leave together.</summary>
    private void Observe(long version)
    {
        CancellationTokenSource superseded;
        lock (_gate)
        {
            if (version <= _newest) return;
            superseded = _newestSource;
            (_newest, _newestSource) = (version, new CancellationTokenSource());
        }
        superseded.Cancel();
        _entries!.Compact(0); // the memory goes now, not at the next scan
    }

    private void Store(FiguresKey key, object answer)
    {
        var size = SizeOf(answer);
        // One answer never takes more than a quarter of the limit (the whole province's list): it would push out dozens of others.
        if (size > _limit / 4) return;
        CancellationToken superseded;
        lock (_gate)
        {
            if (key.Version < _newest) return; // a newer version is known: this answer is stale for anyone asking now
            superseded = _newestSource.Token;
        }
        MakeRoom(size);
        using var entry = _entries!.CreateEntry(key);
        entry.Value = answer;
        entry.Size = size;
        entry.SlidingExpiration = Idle;
        entry.AddExpirationToken(new CancellationChangeToken(superseded));
    }

    /// <summary>
    /// Evicts the least recently used answers until <paramref name="size"/> fits. MemoryCache alone would refuse the
    /// new answer when full and compact later, on another thread.
    /// </summary>
    private void MakeRoom(long size)
    {
        for (var round = 0; round < 64 && _entries!.Count > 0 && Size + size > _limit; round++)
            _entries.Compact(Math.Min(1.0, Math.Max(0.25, 1.5 / _entries.Count)));
    }

    /// <summary>
    /// Estimated bytes of an answer: a base for the objects every answer has, plus what grows with the data (the
    /// paragraph, units' and slices' names, the largest projects). Figures are counts and sums, so an answer is a few
    /// kilobytes whatever the province's size (bench/README.md).
    /// </summary>
    public static long SizeOf(object answer) => answer switch
    {
        DispatchReportResult r => 1024 + 2L * r.Paragraph.Length + SizeOf(r.Figures),
        DispatchFigures f => 2048 + 2L * f.ScopeName.Length + f.SigningsByUnit.Sum(u => 64L + 2L * u.UnitName.Length),
        DashboardFigures d => 8192 + new[] { d.ByUnit, d.ByIndustry, d.ByOrigin }.Sum(s => s.Sum(x => 64L + 2L * (x.Key.Length + x.Name.Length)))
            + d.Largest.Sum(l => 128L + 2L * (l.Code.Length + l.Name.Length + l.UnitName.Length)),
        string s => 64 + 2L * s.Length,
        _ => 4096,
    };

    private sealed record Computing(long Version, Task Done);

    public void Dispose()
    {
        _entries?.Dispose();
        _newestSource.Dispose();
    }
}

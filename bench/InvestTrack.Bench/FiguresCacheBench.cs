using System.Diagnostics;
using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Dashboard;
using InvestTrack.Features.Statistics;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvestTrack.Bench;

/// <summary>
/// `cache CONNECTION [rounds] [year month]`: the city-wide dispatch figures, the dispatch report with its list and the
/// dashboard, each computed without the cache (cold) and answered from it (the version read and a lookup), alternating;
/// then 20 askers at once right after a change, with and without the cache (docs/decisions/0010).
/// </summary>
public static class FiguresCacheBench
{
    private const int Askers = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1 || !args[0].Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine("usage: InvestTrack.Bench cache POSTGRES_CONNECTION_STRING [rounds] [year month]");
            return 64;
        }
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var (year, month) = args.Length > 3 ? (int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture)) : (now.Year, now.Month);

        var settings = new DatabaseSettings { Provider = DatabaseProviderKind.Postgres, ConnectionString = DatabaseSettings.WithPostgresDefaults(args[0]) };
        var user = new CurrentUser();
        user.SetSystem("bench");
        var contexts = ReadContexts.OnPrimary(settings, user);
        var options = Options.Create(new StatisticsOptions());
        using var cache = new FiguresCache(Options.Create(new FiguresCacheOptions()));
        var localizers = new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(
            Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions()), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var slices = new Microsoft.Extensions.Localization.StringLocalizer<InvestTrack.Resources.DashboardResource>(localizers);
        DispatchReport Dispatch(FiguresCache c) => new(contexts, user, options, c);
        DashboardService Dashboard(FiguresCache c) => new(contexts, user, options, TimeProvider.System, slices, c);

        var cases = new (string Name, Func<FiguresCache, Task<object>> Ask)[]
        {
            ("dispatch-page", async c => Check((await Dispatch(c).ComputeAsync(year, month, null)).Report)),
            ("dashboard", async c => Check((await Dashboard(c).ComputeAsync(year, month, null)).Figures)),
        };
        Console.WriteLine($"period {year}年1-{month}月, {rounds} rounds; version read alone: {await VersionReadAsync(contexts):0.00} ms (median of 50)");
        Console.WriteLine($"{"case",-14} {"cold ms",9} {"cached ms",10} {"cold ÷ cached",14} {"held MB",8} {"estimated MB",13}");
        foreach (var (name, ask) in cases)
        {
            var (held, counted) = await FootprintAsync(ask);
            await ask(cache);
            var (cold, cached) = (new List<double>(), new List<double>());
            for (var i = 0; i < rounds; i++)
            {
                cold.Add(await Timing.TimeAsync(() => ask(FiguresCache.Off)));
                cached.Add(await Timing.TimeAsync(() => ask(cache)));
            }
            var (c, h) = (Timing.Median(cold), Timing.Median(cached));
            Console.WriteLine($"{name,-14} {c,9:0.0} {h,10:0.00} {c / h,14:0} {held,8:0.0} {counted,13:0.0}");
        }

        // Many readers right after a change: every asker computes without the cache; with it, one computes and the others wait.
        Console.WriteLine($"{Askers} askers of the dashboard at once, right after a change: wall ms, computations");
        foreach (var (label, c) in new[] { ("no cache", FiguresCache.Off), ("cache", cache) })
        {
            await ChangeAsync(settings);
            var computed = cache.Computations;
            var wall = await Timing.TimeAsync(() => Task.WhenAll(Enumerable.Range(0, Askers).Select(_ => Task.Run(() => cases.Single(x => x.Name == "dashboard").Ask(c)))));
            Console.WriteLine($"{label,-14} {wall,9:0} {(c == cache ? cache.Computations - computed : Askers),10}");
        }
        return 0;
    }

    /// <summary>What one answer keeps in memory, in MB (the heap while it is referenced, less the heap after), and what the cache counts for it.</summary>
    private static async Task<(double Held, double Counted)> FootprintAsync(Func<FiguresCache, Task<object>> ask)
    {
        await ask(FiguresCache.Off); // pools and compiled queries warmed up first
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var answer = await ask(FiguresCache.Off);
        var (with, counted) = (GC.GetTotalMemory(forceFullCollection: true), FiguresCache.SizeOf(answer));
        GC.KeepAlive(answer);
        return ((with - before) / 1048576.0, counted / 1048576.0);
    }

    /// <summary>A change of a table the figures read that changes no figure: a unit's name set to itself.</summary>
    private static async Task ChangeAsync(DatabaseSettings settings)
    {
        await using var connection = new Npgsql.NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""UPDATE "Units" SET "Name" = "Name" WHERE "Id" = (SELECT MIN("Id") FROM "Units")""", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<double> VersionReadAsync(IReadDbContextFactory contexts)
    {
        var times = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            await using var db = contexts.CreateDbContext();
            times.Add(await Timing.TimeAsync(() => FiguresCache.VersionAsync(db, default)));
        }
        return Timing.Median(times);
    }

    private static object Check(object? result) => result ?? throw new InvalidOperationException("the app refused the request");

}

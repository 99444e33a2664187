using System.Diagnostics;
using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Dashboard;
using InvestTrack.Features.Statistics;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace InvestTrack.Bench;

/// <summary>
/// `figures CONNECTION [rounds] [year month]`: the dispatch report and the dashboard for the whole city, as the
/// app computes them (DispatchReport, DashboardService), against <see cref="PlainSql"/> on the same PostgreSQL
/// database; prints the median times and the ratio app ÷ plain SQL.
/// </summary>
public static class FiguresBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1 || !args[0].Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine("usage: InvestTrack.Bench figures POSTGRES_CONNECTION_STRING [rounds] [year month]");
            return 64;
        }
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var (year, month) = args.Length > 3 ? (int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture)) : (now.Year, now.Month);

        // Both sides get the app's session settings (JIT off unless the string sets Options), so the ratio compares queries.
        var connectionString = DatabaseSettings.WithPostgresDefaults(args[0]);
        var settings = new DatabaseSettings { Provider = DatabaseProviderKind.Postgres, ConnectionString = connectionString };
        var user = new CurrentUser();
        user.SetSystem("bench");
        var contexts = ReadContexts.OnPrimary(settings, user);
        var options = Options.Create(new StatisticsOptions());
        var dispatch = new DispatchReport(contexts, user, options);
        var localizers = new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(
            Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions()), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var dashboard = new DashboardService(contexts, user, options, TimeProvider.System,
            new Microsoft.Extensions.Localization.StringLocalizer<InvestTrack.Resources.DashboardResource>(localizers));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        await using (var db = contexts.CreateDbContext())
            Console.WriteLine($"{await db.Projects.CountAsync():N0} projects, {await db.FundsRecords.CountAsync():N0} funds records; period {year}年1-{month}月, {rounds} rounds");
        Console.WriteLine($"{"case",-14} {"app median ms",14} {"plain SQL ms",13} {"ratio",7}");
        var cases = new (string Name, Func<Task> App, Func<Task> Plain)[]
        {
            ("dispatch", async () => Check((await dispatch.ComputeAsync(year, month, null)).Report), () => PlainSql.DispatchAsync(connection, year, month)),
            // What the page and `report dispatch` compute: the figures and the paragraph without the list (the plain SQL
            // column is the same as above, list included, so this ratio flatters the app).
            ("dispatch-page", async () => Check((await dispatch.FiguresAsync(year, month, null)).Report), () => PlainSql.DispatchAsync(connection, year, month)),
            ("dashboard", async () => Check((await dashboard.ComputeAsync(year, month, null)).Figures), () => PlainSql.DashboardAsync(connection, year, month)),
        };
        var worst = 0.0;
        foreach (var (name, app, plain) in cases)
        {
            await app();
            await plain();
            // Alternate the two so that neither gets a warmer cache.
            var appTimes = new List<double>();
            var plainTimes = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                appTimes.Add(await TimeAsync(app));
                plainTimes.Add(await TimeAsync(plain));
            }
            var (a, p) = (Median(appTimes), Median(plainTimes));
            worst = Math.Max(worst, a / p);
            Console.WriteLine($"{name,-14} {a,14:0.0} {p,13:0.0} {a / p,7:0.00}");
        }
        Console.WriteLine(worst <= 1.5 ? $"ratio within 1.5 (worst {worst:0.00})" : $"RATIO ABOVE 1.5 (worst {worst:0.00})");
        return 0;
    }

    private static void Check(object? result)
    {
        if (result is null) throw new InvalidOperationException("the app refused the request");
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> times)
    {
        times.Sort();
        return times[times.Count / 2];
    }
}

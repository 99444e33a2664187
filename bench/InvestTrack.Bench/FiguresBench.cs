using System.Diagnostics;
using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Dashboard;
using InvestTrack.Features.Statistics;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace InvestTrack.Bench;

/// <summary>
/// `figures CONNECTION [rounds] [year month] [--sql]`: the dispatch page, the dispatch page with the first page of its
/// in-scope list, the dashboard and the export's whole list for the whole city, as the app computes them
/// (DispatchReport, DashboardService), against <see cref="PlainSql"/> over the raw ledger and over the running totals
/// on the same PostgreSQL database, alternating the three; prints the medians and both ratios. --sql prints the
/// app's statements once.
/// </summary>
public static class FiguresBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var showSql = args.Contains("--sql");
        args = [.. args.Where(a => a != "--sql")];
        if (args.Length < 1 || !args[0].Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine("usage: InvestTrack.Bench figures POSTGRES_CONNECTION_STRING [rounds] [year month] [--sql]");
            return 64;
        }
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var (year, month) = args.Length > 3 ? (int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture)) : (now.Year, now.Month);

        // Both sides get the app's session settings (unless the string sets Options), so the ratio compares queries.
        var connectionString = DatabaseSettings.WithPostgresDefaults(args[0]);
        var settings = new DatabaseSettings { Provider = DatabaseProviderKind.Postgres, ConnectionString = connectionString };
        var user = new CurrentUser();
        user.SetSystem("bench");
        using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).AddFilter((category, level) =>
            showSql && category == DbLoggerCategory.Database.Command.Name && level >= LogLevel.Information));
        var contexts = ReadContexts.OnPrimary(settings, user, logging);
        var options = Options.Create(new StatisticsOptions());
        var dispatch = new DispatchReport(contexts, user, options);
        var localizers = new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(
            Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions()), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var dashboard = new DashboardService(contexts, user, options, TimeProvider.System,
            new Microsoft.Extensions.Localization.StringLocalizer<InvestTrack.Resources.DashboardResource>(localizers));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        await using (var db = contexts.CreateDbContext())
            Console.WriteLine($"{await db.Projects.CountAsync():N0} projects, {await db.FundsRecords.CountAsync():N0} funds records; period {year}年1-{month}月, {rounds} rounds; session: {new NpgsqlConnectionStringBuilder(connectionString).Options}");
        await CheckAsync(dispatch, connection, year, month);

        var cases = new (string Name, Func<Task> App, Func<Yardstick, string> Sql)[]
        {
            // What the page and `report dispatch` compute: figures, rates and the paragraph.
            ("dispatch-page", async () => Check((await dispatch.ComputeAsync(year, month, null)).Report), y => PlainSql.Dispatch(y, month)),
            // What a client of the API reads: the same, then the first page of the in-scope projects with their count.
            ("dispatch+list", async () =>
            {
                Check((await dispatch.ComputeAsync(year, month, null)).Report);
                Check((await dispatch.ProjectsAsync(year, month, null, DispatchFigure.InScope)).Page);
            }, y => PlainSql.DispatchWithList(y, month)),
            ("dashboard", async () => Check((await dashboard.ComputeAsync(year, month, null)).Figures), y => PlainSql.Dashboard(y, month)),
            // The export's first sheet: every in-scope project with its details, read as it streams (the file not written).
            ("export-list", async () =>
            {
                await foreach (var _ in dispatch.ListAsync(year, month, null)) { }
            }, y => PlainSql.DispatchList(y, month)),
        };
        Console.WriteLine($"{"case",-14} {"app ms",9} {"ledger SQL",11} {"totals SQL",11} {"slices SQL",11} {"app/ledger",11} {"app/totals",11} {"app/slices",11} {"app/best",9}");
        var worst = 0.0;
        foreach (var (name, app, sql) in cases)
        {
            if (showSql) Console.WriteLine($"--- {name}");
            await app();
            showSql = false;
            var yardsticks = Enum.GetValues<Yardstick>().Select(y => sql(y)).ToArray();
            foreach (var text in yardsticks) await PlainSql.RunAsync(connection, text, year, month);
            // Alternate them all so that none gets a warmer cache or a quieter minute.
            var (appTimes, sqlTimes) = (new List<double>(), yardsticks.Select(_ => new List<double>()).ToArray());
            for (var i = 0; i < rounds; i++)
            {
                appTimes.Add(await Timing.TimeAsync(app));
                for (var k = 0; k < yardsticks.Length; k++)
                {
                    var text = yardsticks[k];
                    sqlTimes[k].Add(await Timing.TimeAsync(() => PlainSql.RunAsync(connection, text, year, month)));
                }
            }
            var a = Timing.Median(appTimes);
            var medians = sqlTimes.Select(Timing.Median).ToArray();
            // The strongest yardstick: the fastest hand-written SQL for the same figures, whichever table it sums.
            var best = medians.Min();
            if (name != "export-list") worst = Math.Max(worst, a / best);
            Console.WriteLine($"{name,-14} {a,9:0.0} {medians[0],11:0.0} {medians[1],11:0.0} {medians[2],11:0.0} {a / medians[0],11:0.00} {a / medians[1],11:0.00} {a / medians[2],11:0.00} {a / best,9:0.00}");
        }
        Console.WriteLine(worst <= 1.5 ? $"figures within 1.5 of the best SQL (worst {worst:0.00})" : $"FIGURES ABOVE 1.5 OF THE BEST SQL (worst {worst:0.00})");
        return 0;
    }

    /// <summary>
    /// `settings CONNECTION rounds year month OPTIONS...`: the dispatch page and the dashboard as the app computes them
    /// under each session setting given (a connection string's Options, e.g. "-c jit=off -c work_mem=32MB"), one after
    /// the other in every round, so that a busy minute weighs on every setting alike; prints the median of each.
    /// </summary>
    public static async Task<int> SettingsAsync(string[] args)
    {
        if (args.Length < 5)
        {
            Console.Error.WriteLine("usage: InvestTrack.Bench settings POSTGRES_CONNECTION_STRING rounds year month \"-c jit=off\" \"-c jit=off -c work_mem=32MB\" …");
            return 64;
        }
        var (rounds, year, month) = (int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
        var user = new CurrentUser();
        user.SetSystem("bench");
        var options = Options.Create(new StatisticsOptions());
        var localizers = new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(
            Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions()), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var setups = args[4..].Select(o =>
        {
            var settings = new DatabaseSettings
            {
                Provider = DatabaseProviderKind.Postgres,
                ConnectionString = new NpgsqlConnectionStringBuilder(args[0]) { Options = o }.ConnectionString,
            };
            var contexts = ReadContexts.OnPrimary(settings, user);
            var dispatch = new DispatchReport(contexts, user, options);
            var dashboard = new DashboardService(contexts, user, options, TimeProvider.System,
                new Microsoft.Extensions.Localization.StringLocalizer<InvestTrack.Resources.DashboardResource>(localizers));
            return (Options: o, Cases: new (string Name, Func<Task> Run, List<double> Times)[]
            {
                ("dispatch-page", async () => Check((await dispatch.ComputeAsync(year, month, null)).Report), []),
                ("dashboard", async () => Check((await dashboard.ComputeAsync(year, month, null)).Figures), []),
            });
        }).ToList();
        foreach (var setup in setups)
            foreach (var c in setup.Cases) await c.Run();
        for (var i = 0; i < rounds; i++)
            foreach (var setup in setups)
                foreach (var c in setup.Cases) c.Times.Add(await Timing.TimeAsync(c.Run));
        Console.WriteLine($"{"session options",-70} {"dispatch-page ms",17} {"dashboard ms",13}");
        foreach (var setup in setups)
            Console.WriteLine($"{setup.Options,-70} {Timing.Median(setup.Cases[0].Times),17:0.0} {Timing.Median(setup.Cases[1].Times),13:0.0}");
        return 0;
    }

    /// <summary>The yardsticks count what the app counts: the in-scope figure, 续建, last year, 开复工 and 竣工投产 agree.</summary>
    private static async Task CheckAsync(DispatchReport dispatch, NpgsqlConnection connection, int year, int month)
    {
        var f = (await dispatch.ComputeAsync(year, month, null)).Report!.Figures;
        var app = new long[] { f.InScope.Count, f.InScope.Amount, f.Continuing.Count, f.Continuing.Amount, f.LastYearFunds, f.Starts.Count, f.Starts.Amount, f.InProduction.Count, f.InProduction.Amount };
        foreach (var yardstick in new[] { Yardstick.Ledger, Yardstick.Totals })
        {
            var sets = await PlainSql.QueryAsync(connection, PlainSql.Dispatch(yardstick, month), year, month);
            var sql = new[] { sets[0][0][0], sets[0][0][1], sets[0][0][2], sets[0][0][3], sets[1][0][0], sets[3][0][0], sets[3][0][1], sets[4][0][0], sets[4][0][1] }
                .Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray();
            if (!app.SequenceEqual(sql)) throw new InvalidOperationException($"{yardstick} SQL counts {string.Join(",", sql)}, the app {string.Join(",", app)}");
        }
        // The slice yardstick reads other tables for the dashboard's months by unit: the same sums as the per-project totals.
        static string Rows(List<List<object[]>> sets) => string.Join(";", sets[0].Select(r => string.Join(",", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))).Order(StringComparer.Ordinal));
        var (byTotals, bySlices) = (await PlainSql.QueryAsync(connection, PlainSql.Dashboard(Yardstick.Totals, month), year, month),
            await PlainSql.QueryAsync(connection, PlainSql.Dashboard(Yardstick.Slices, month), year, month));
        if (Rows(byTotals) != Rows(bySlices)) throw new InvalidOperationException("the slice totals' months by unit differ from the per-project totals'");
        Console.WriteLine($"the yardsticks agree with the app: {f.InScope.Count:N0} projects in scope, {f.Starts.Count:N0} 开复工, {f.InProduction.Count:N0} 竣工投产");
    }

    private static void Check(object? result)
    {
        if (result is null) throw new InvalidOperationException("the app refused the request");
    }

}

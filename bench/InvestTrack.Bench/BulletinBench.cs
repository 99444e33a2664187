using System.Globalization;
using InvestTrack.Features.Bulletins;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Infrastructure.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InvestTrack.Bench;

/// <summary>
/// `bulletin CONNECTION [rounds] [year] [month]`: one monthly bulletin generated as `report bulletin` makes a draft —
/// the content taken from the statistics, targets and assessment modules, the two charts drawn, the .docx and the .xlsx
/// written — with the app's own services (the verbs' host, all units). `--now` stops the app's clock after the month (a
/// month that `generate` filled, with its warning run: see <see cref="WarningsBench"/>). Issue 12 item 8: under 10 s on the province-sized
/// city. Prints each round, the median and the largest.
/// </summary>
public static class BulletinBench
{
    public static async Task<int> RunAsync(string[] options)
    {
        var args = FixedClock.Positional(options, "--now").Where(a => a != "--queries").ToArray();
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: InvestTrack.Bench bulletin CONNECTION_STRING [rounds] [year] [month] [--now 2027-01-05] [--queries]");
            return 64;
        }
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var now = FixedClock.Option(options);
        var last = (now ?? DateOnly.FromDateTime(DateTime.UtcNow)).AddMonths(-1);
        var year = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : last.Year;
        var month = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : last.Month;
        var provider = args[0].Contains("Host=", StringComparison.OrdinalIgnoreCase) ? "Postgres" : "Sqlite";
        var builder = WebApplication.CreateBuilder([$"--Database:Provider={provider}", $"--ConnectionStrings:InvestTrack={args[0]}", "--Jobs:Enabled=false", "--Cache:FiguresSizeLimit=0"]);
        // Quiet by default (a console line per query costs time too); --queries prints each query with its milliseconds.
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).AddFilter((category, level) =>
            level >= LogLevel.Warning || (options.Contains("--queries") && level >= LogLevel.Information && category == DbLoggerCategory.Database.Command.Name));
        builder.AddCore();
        if (now is { } day) builder.Services.AddSingleton<TimeProvider>(FixedClock.At(day));
        await using var app = builder.Build();
        var times = new List<double>();
        long docxBytes = 0;
        for (var i = 0; i < rounds + 1; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem("bench");
            var bulletins = scope.ServiceProvider.GetRequiredService<BulletinService>();
            var ms = await Timing.TimeAsync(async () =>
            {
                var (docx, _, error) = await bulletins.PublishedOrCurrentAsync(year, month);
                if (docx is null) throw new InvalidOperationException(error);
                docxBytes = docx.Length;
            });
            // The first round warms up (JIT, Skia, connection pool) and is not counted.
            if (i > 0) times.Add(ms);
            Console.WriteLine($"round {i}{(i == 0 ? " (warm-up)" : "")}: {ms:0} ms, docx {docxBytes:N0} bytes");
        }
        // What the timed bulletin held (built once more, untimed): the sections that read the most records.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem("bench");
            var c = await scope.ServiceProvider.GetRequiredService<BulletinBuilder>().BuildAsync(year, month, null);
            Console.WriteLine($"content: {c.Indicators.Sum(t => t.Rows.Count)} indicator rows ({c.Indicators.Sum(t => t.Rows.Count(r => r.Target is not null))} with a target), "
                + $"ranking {(c.Ranking is null ? "none" : $"{c.Ranking.Rows.Count} units ({(c.Ranking.Published ? "published" : "draft")})")}, "
                + $"warnings {c.Supervision?.XunLabel ?? "none"}: red {c.Supervision?.RedCount:N0}, yellow {c.Supervision?.YellowCount:N0}, {c.Supervision?.Warnings.Count} listed; "
                + $"orders overdue {c.Supervision?.Orders.Count}, closed {c.Supervision?.Closed.Count}");
        }
        var max = times.Max();
        Console.WriteLine($"bulletin {year}-{month:00}: median {Timing.Median(times):0} ms, max {max:0} ms over {rounds} rounds (goal < 10 000 ms)");
        return 0;
    }
}

using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Supervision;
using InvestTrack.Features.Warnings;
using InvestTrack.Infrastructure.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace InvestTrack.Bench;

/// <summary>
/// `warnings CONNECTION [rounds] [--xun 2026-12-3] [--now 2027-01-05] [--backdate]` (PostgreSQL): one full warning run of
/// a 旬 as the app makes it (<see cref="WarningRunService.RunAsync"/>: every project, unit and lead read, the rules applied,
/// every item and rule result stored, the notices queued) against the same run written by hand (<see cref="WarningsSql"/>:
/// the same rules, the same rows written into the same tables in one transaction). Before each timed run the 旬's rows are
/// removed and the two tables vacuumed (untimed), so that both write into the same empty 旬; the two alternate, each
/// round in the other order. Every run, the app's and the SQL's, is checked against the first run of the app: every
/// item (raw, shown and previous colour, unit) and every rule result (colour and facts) must be the same rows; the bench
/// fails otherwise. `generate` stamps every project as entered now, so a past 旬 sees none of them: --now sets the app's
/// clock after a 旬 that ends after the generation (e.g. --now 2027-01-05 --xun 2026-12-3), or --backdate moves the
/// entry of the projects entered after the 旬's end to 1 January 2023 (slow: every search index of 200 000 projects is
/// rewritten). Run `warnings-setup` first (<see cref="WarningsSetup"/>) so that every rule has subjects.
/// </summary>
public static class WarningsBench
{
    public static async Task<int> RunAsync(string[] options)
    {
        var args = FixedClock.Positional(options, "--xun", "--now").Where(a => a != "--backdate").ToArray();
        if (args.Length < 1 || !args[0].Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine("usage: InvestTrack.Bench warnings POSTGRES_CONNECTION_STRING [rounds] [--xun 2026-12-3] [--now 2027-01-05] [--backdate]");
            return 64;
        }
        var rounds = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var r) ? r : 3;
        await using var app = Host(args[0], FixedClock.Option(options));
        var runs = app.Services.GetRequiredService<WarningRunService>();
        var xun = XunOption(options) ?? runs.LastCompleteXun();
        WarningOptions settings;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            (settings, _) = await WarningSettingsStore.LoadAsync(db);

        await using var connection = new NpgsqlConnection(DatabaseSettings.WithPostgresDefaults(args[0]));
        await connection.OpenAsync();
        if (options.Contains("--backdate"))
        {
            await using var backdate = new NpgsqlCommand("UPDATE \"Projects\" SET \"CreatedAt\" = '2023-01-01T00:00:00Z' WHERE \"CreatedAt\" > @asOf", connection);
            backdate.Parameters.AddWithValue("asOf", xun.RecordsAsOf.ToUniversalTime());
            backdate.CommandTimeout = 1800;
            Console.WriteLine($"backdated {await backdate.ExecuteNonQueryAsync():N0} projects to 2023-01-01");
        }
        Console.WriteLine($"{await ScalarAsync(connection, "SELECT count(*) FROM \"Projects\""):N0} projects, {await ScalarAsync(connection, "SELECT count(*) FROM \"Leads\""):N0} leads, "
            + $"{await ScalarAsync(connection, "SELECT count(*) FROM \"LeadClocks\""):N0} lead clocks, {await ScalarAsync(connection, $"SELECT count(*) FROM \"AnnualTargets\" WHERE \"Year\" = {xun.Year} AND \"Indicator\" = 1 AND \"UnitId\" IS NOT NULL"):N0} unit funds targets, "
            + $"{await ScalarAsync(connection, "SELECT count(*) FROM \"PlanSteps\""):N0} plan steps, {await ScalarAsync(connection, "SELECT count(*) FROM \"ProgressEntries\""):N0} progress entries; "
            + $"previous 旬 {xun.Previous}: {await ScalarAsync(connection, $"SELECT count(*) FROM \"WarningItems\" WHERE \"Xun\" = '{xun.Previous}' AND \"Shown\" = 2"):N0} shown red; "
            + $"旬 {xun} ({xun.Label}), {rounds} rounds");

        // Untimed: the app's run is the reference that every later run, the app's and the SQL's, must reproduce row for row.
        await CleanAsync(connection, xun);
        var first = await runs.RunAsync(xun, "bench");
        Console.WriteLine($"first app run: red {first.Red:N0}, yellow {first.Yellow:N0}, green {first.Green:N0}; {first.Projects:N0} projects, {first.Units} units, "
            + $"{first.Leads:N0} leads; {first.DurationMs:N0} ms");
        await ExecuteAsync(connection, $"""
            DROP TABLE IF EXISTS app_items; DROP TABLE IF EXISTS app_results; DROP TABLE IF EXISTS app_run;
            CREATE TEMP TABLE app_items AS SELECT {ItemColumns} FROM "WarningItems" WHERE "Xun" = '{xun}';
            CREATE TEMP TABLE app_results AS SELECT {ResultColumns} FROM "WarningRuleResults" WHERE "Xun" = '{xun}';
            CREATE TEMP TABLE app_run AS SELECT {RunColumns} FROM "WarningRuns" WHERE "Xun" = '{xun}';
            """);
        await PrintCountsAsync(connection);

        var appTimes = new List<double>();
        var sqlTimes = new List<double>();
        var failures = 0;
        Func<Task> app1 = () => runs.RunAsync(xun, "bench");
        Func<Task> sql1 = () => WarningsSql.RunAsync(connection, xun, settings, "bench-sql");
        // Round 0 (untimed) warms the SQL up and checks it before any timing.
        for (var i = 0; i <= rounds; i++)
        {
            var order = i % 2 == 0 ? new[] { ("SQL", sql1, sqlTimes), ("app", app1, appTimes) } : [("app", app1, appTimes), ("SQL", sql1, sqlTimes)];
            foreach (var (name, run, times) in order)
            {
                if (i == 0 && name == "app") continue;
                await CleanAsync(connection, xun);
                var ms = await Timing.TimeAsync(run);
                var differences = await DifferencesAsync(connection, xun);
                failures += differences == 0 ? 0 : 1;
                if (i > 0) times.Add(ms);
                Console.WriteLine($"round {i}{(i == 0 ? " (untimed)" : "")}: {name} {ms:0} ms, {(differences == 0 ? "same rows as the app's first run" : $"{differences} rows differ")}");
            }
        }
        if (rounds > 0)
        {
            var (appMs, sqlMs) = (Timing.Median(appTimes), Timing.Median(sqlTimes));
            Console.WriteLine($"{"case",-14} {"app ms",9} {"SQL ms",9} {"app/SQL",8}");
            Console.WriteLine($"{"warning run",-14} {appMs,9:0} {sqlMs,9:0} {appMs / sqlMs,8:0.00}");
        }
        Console.WriteLine(failures == 0 ? "every run wrote the same rows" : $"{failures} runs wrote other rows than the app's first run");
        return failures == 0 ? 0 : 1;
    }

    private const string ItemColumns = "\"Kind\", \"SubjectId\", \"UnitId\", \"Raw\", \"Shown\", \"PreviousShown\"";
    private const string ResultColumns = "\"Kind\", \"SubjectId\", \"UnitId\", \"RuleId\", \"Colour\", \"Item\", \"Date\", \"Days\", \"WorkingDaysLeft\", \"Months\", \"Actual\", \"Target\", \"Completion\", \"Pace\"";
    private const string RunColumns = "\"Red\", \"Yellow\", \"Green\", \"OptionsJson\"";

    /// <summary>The app's host as the verbs build it, its clock stopped at <paramref name="now"/> when given; only the run's own log line.</summary>
    public static WebApplication Host(string connectionString, DateOnly? now)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["Database:Provider"] = "Postgres";
        builder.Configuration["ConnectionStrings:InvestTrack"] = connectionString;
        builder.Configuration["DataProtection:AllowUnencryptedKeys"] = "true";
        builder.Configuration["Jobs:Enabled"] = "false";
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).AddFilter((category, level) =>
            level >= LogLevel.Warning || (category == typeof(WarningRunService).FullName && level >= LogLevel.Information));
        builder.AddCore();
        if (now is { } day) builder.Services.AddSingleton<TimeProvider>(FixedClock.At(day));
        return builder.Build();
    }

    public static Xun? XunOption(string[] args)
    {
        var at = Array.IndexOf(args, "--xun");
        return at >= 0 && at + 1 < args.Length ? Xun.Parse(args[at + 1]) : null;
    }

    /// <summary>Removes the 旬's results and run, then vacuums: every timed run writes into the same empty 旬.</summary>
    public static async Task CleanAsync(NpgsqlConnection connection, Xun xun)
    {
        await ExecuteAsync(connection, $"""
            DELETE FROM "WarningRuleResults" WHERE "Xun" = '{xun}';
            DELETE FROM "WarningItems" WHERE "Xun" = '{xun}';
            DELETE FROM "WarningRuns" WHERE "Xun" = '{xun}';
            """);
        await ExecuteAsync(connection, "VACUUM \"WarningRuleResults\", \"WarningItems\", \"WarningRuns\"");
    }

    /// <summary>Rows of the 旬 that are not in the app's first run, plus rows of that run that are missing (items, results, run counts).</summary>
    private static async Task<long> DifferencesAsync(NpgsqlConnection connection, Xun xun)
    {
        var sql = $"""
            SELECT
              (SELECT count(*) FROM (SELECT {ItemColumns} FROM "WarningItems" WHERE "Xun" = '{xun}' EXCEPT ALL SELECT {ItemColumns} FROM app_items) a)
            + (SELECT count(*) FROM (SELECT {ItemColumns} FROM app_items EXCEPT ALL SELECT {ItemColumns} FROM "WarningItems" WHERE "Xun" = '{xun}') b)
            + (SELECT count(*) FROM (SELECT {ResultColumns} FROM "WarningRuleResults" WHERE "Xun" = '{xun}' EXCEPT ALL SELECT {ResultColumns} FROM app_results) c)
            + (SELECT count(*) FROM (SELECT {ResultColumns} FROM app_results EXCEPT ALL SELECT {ResultColumns} FROM "WarningRuleResults" WHERE "Xun" = '{xun}') d)
            + (SELECT count(*) FROM (SELECT {RunColumns} FROM "WarningRuns" WHERE "Xun" = '{xun}' EXCEPT ALL SELECT {RunColumns} FROM app_run) e)
            + (SELECT count(*) FROM (SELECT {RunColumns} FROM app_run EXCEPT ALL SELECT {RunColumns} FROM "WarningRuns" WHERE "Xun" = '{xun}') f)
            """;
        var differences = await ScalarAsync(connection, sql);
        if (differences > 0)
        {
            // The first few, to see which rule went wrong.
            await using var command = new NpgsqlCommand($"""
                (SELECT 'written, not by the app' AS side, {ResultColumns} FROM "WarningRuleResults" WHERE "Xun" = '{xun}' EXCEPT ALL SELECT 'written, not by the app', {ResultColumns} FROM app_results LIMIT 5)
                UNION ALL
                (SELECT 'by the app, not written', {ResultColumns} FROM app_results EXCEPT ALL SELECT 'by the app, not written', {ResultColumns} FROM "WarningRuleResults" WHERE "Xun" = '{xun}' LIMIT 5)
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                Console.WriteLine("  " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }
        return differences;
    }

    private static async Task PrintCountsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("""
            SELECT i."Kind", count(*), count(*) FILTER (WHERE i."Shown" = 2), count(*) FILTER (WHERE i."Shown" = 1), count(*) FILTER (WHERE i."Shown" = 0),
                   count(*) FILTER (WHERE i."PreviousShown" = 2), count(*) FILTER (WHERE i."PreviousShown" = 2 AND i."Raw" = 0),
                   (SELECT count(*) FROM app_results r WHERE r."Kind" = i."Kind")
            FROM app_items i GROUP BY i."Kind" ORDER BY i."Kind"
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            Console.WriteLine($"  {(WarningKind)reader.GetInt32(0),-7} {reader.GetInt64(1),8:N0} items: red {reader.GetInt64(2):N0}, yellow {reader.GetInt64(3):N0}, green {reader.GetInt64(4):N0} "
                + $"(red last 旬 {reader.GetInt64(5):N0}, of which raw green now {reader.GetInt64(6):N0}); {reader.GetInt64(7):N0} rule results");
    }

    public static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }
}

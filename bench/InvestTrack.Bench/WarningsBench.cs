using System.Diagnostics;
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
/// `warnings CONNECTION [rounds] [--xun 2026-11-3] [--now 2027-01-05] [--backdate]` (PostgreSQL): one full warning run of a 旬 as the app makes
/// it (<see cref="WarningRunService.RunAsync"/>: every project, unit and lead read, the rules applied, every item and rule
/// result stored, the notices queued) against the hand-written SQL of <see cref="ProjectColoursSql"/>, one statement that
/// computes the same raw and shown colours of the three project rules (signed-not-started, no-progress, plan-step-late) with
/// the default thresholds. Alternating runs; prints the medians, the ratio, and first checks that every project's colours
/// agree. `generate` stamps every project as entered now, so a past 旬 sees none of them: either --now sets the app's clock
/// (a 旬 ending after the generation then sees every project, e.g. --now 2027-01-05 --xun 2026-12-3), or --backdate moves
/// the entry of the projects entered after the 旬's end to 1 January 2023 (this database only; slow: every search index of
/// 200 000 projects is rewritten).
/// </summary>
public static class WarningsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1 || !args[0].Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine("usage: InvestTrack.Bench warnings POSTGRES_CONNECTION_STRING [rounds] [--xun 2026-11-3] [--now 2027-01-05] [--backdate]");
            return 64;
        }
        var rounds = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var r) ? r : 3;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["Database:Provider"] = "Postgres";
        builder.Configuration["ConnectionStrings:InvestTrack"] = args[0];
        builder.Configuration["DataProtection:AllowUnencryptedKeys"] = "true";
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).AddFilter((category, level) =>
            category == typeof(WarningRunService).FullName && level >= LogLevel.Information);
        builder.AddCore();
        if (FixedClock.Option(args) is { } now) builder.Services.AddSingleton<TimeProvider>(FixedClock.At(now));
        await using var app = builder.Build();
        var runs = app.Services.GetRequiredService<WarningRunService>();
        var at = Array.IndexOf(args, "--xun");
        var xun = at >= 0 && at + 1 < args.Length ? Xun.Parse(args[at + 1]) : runs.LastCompleteXun();

        var connectionString = DatabaseSettings.WithPostgresDefaults(args[0]);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (args.Contains("--backdate"))
        {
            await using var backdate = new NpgsqlCommand("UPDATE \"Projects\" SET \"CreatedAt\" = '2023-01-01T00:00:00Z' WHERE \"CreatedAt\" > @asOf", connection);
            backdate.Parameters.AddWithValue("asOf", xun.RecordsAsOf.ToUniversalTime());
            backdate.CommandTimeout = 600;
            Console.WriteLine($"backdated {await backdate.ExecuteNonQueryAsync():N0} projects to 2023-01-01");
        }
        Console.WriteLine($"{await ScalarAsync(connection, "SELECT count(*) FROM \"Projects\""):N0} projects, {await ScalarAsync(connection, "SELECT count(*) FROM \"Leads\""):N0} leads, "
            + $"{await ScalarAsync(connection, "SELECT count(*) FROM \"PlanSteps\""):N0} plan steps, {await ScalarAsync(connection, "SELECT count(*) FROM \"ProgressEntries\""):N0} progress entries; "
            + $"旬 {xun} ({xun.Label}), {rounds} rounds");

        // Once before timing: the run stores its items, then the yardstick's colours must be the stored ones, project by project.
        var first = await runs.RunAsync(xun, "bench");
        Console.WriteLine($"first run: red {first.Red:N0}, yellow {first.Yellow:N0}, green {first.Green:N0}; {first.Projects:N0} projects, {first.Units} units, {first.Leads:N0} leads; {first.DurationMs:N0} ms");
        var stored = await StoredAsync(connection, xun);
        var computed = await ProjectColoursSql.ComputeAsync(connection, xun);
        var disagree = stored.Keys.Union(computed.Keys).Where(id => stored.GetValueOrDefault(id) != computed.GetValueOrDefault(id)).ToList();
        Console.WriteLine($"colours: {stored.Count:N0} projects stored by the app, {computed.Count:N0} by the SQL; {disagree.Count} disagree"
            + (disagree.Count == 0 ? "" : $" (first: project {disagree[0]}: app {stored.GetValueOrDefault(disagree[0])}, SQL {computed.GetValueOrDefault(disagree[0])})"));
        Console.WriteLine($"shown by the app: red {stored.Values.Count(c => c.Shown == 2):N0}, yellow {stored.Values.Count(c => c.Shown == 1):N0}, green {stored.Values.Count(c => c.Shown == 0):N0}");

        var appTimes = new List<double>();
        var sqlTimes = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            appTimes.Add(await Timing.TimeAsync(() => runs.RunAsync(xun, "bench")));
            sqlTimes.Add(await Timing.TimeAsync(() => ProjectColoursSql.ComputeAsync(connection, xun)));
        }
        var (appMs, sqlMs) = (Timing.Median(appTimes), Timing.Median(sqlTimes));
        Console.WriteLine($"{"case",-14} {"app ms",9} {"SQL ms",9} {"app/SQL",8}");
        Console.WriteLine($"{"warning run",-14} {appMs,9:0} {sqlMs,9:0} {appMs / sqlMs,8:0.00}");
        Console.WriteLine($"app runs: {string.Join(", ", appTimes.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} ms; SQL: {string.Join(", ", sqlTimes.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} ms");
        return disagree.Count == 0 ? 0 : 1;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The raw and shown colours the run stored for the projects of the 旬.</summary>
    private static async Task<Dictionary<int, (int Raw, int Shown)>> StoredAsync(NpgsqlConnection connection, Xun xun)
    {
        await using var command = new NpgsqlCommand("SELECT \"SubjectId\", \"Raw\", \"Shown\" FROM \"WarningItems\" WHERE \"Xun\" = @xun AND \"Kind\" = 1", connection);
        command.Parameters.AddWithValue("xun", xun.ToString());
        var result = new Dictionary<int, (int, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result[reader.GetInt32(0)] = (reader.GetInt32(1), reader.GetInt32(2));
        return result;
    }
}

/// <summary>
/// The yardstick: the three project rules of docs/supervision.md with the default thresholds, as one PostgreSQL statement
/// written by hand — the projects entered by the 旬's end with their stage and status then (the last stage change up to the
/// end for a project changed since), the last progress entry, the first open plan step (closed from the project's dates or
/// milestone by the step's kind), each rule's colour, the worst, and the shown colour from the previous 旬's stored reds.
/// Returns every project that a rule is about or that was red last 旬, as the run stores them.
/// </summary>
public static class ProjectColoursSql
{
    public const string Sql = """
        WITH p AS (
            SELECT p."Id", p."SigningKind", p."SignedOn", p."StartedOn", p."CreatedAt",
                   COALESCE(sc."ToStage", p."Stage") AS stage, COALESCE(sc."ToStatus", p."Status") AS status
            FROM "Projects" p
            LEFT JOIN LATERAL (
                SELECT s."ToStage", s."ToStatus" FROM "StageChanges" s
                WHERE p."UpdatedAt" > @asOf AND s."ProjectId" = p."Id" AND s."ChangedAtBeijing" <= @endBeijing
                ORDER BY s."ChangedAtBeijing" DESC, s."Id" DESC LIMIT 1) sc ON true
            WHERE p."CreatedAt" <= @asOf
        ),
        progress AS (
            SELECT "ProjectId", max("OccurredOn") AS last FROM "ProgressEntries"
            WHERE "OccurredOn" <= @end AND "CreatedAt" <= @asOf GROUP BY "ProjectId"
        ),
        planned AS (SELECT DISTINCT "ProjectId" FROM "PlanSteps"),
        open_step AS (
            SELECT s."ProjectId", min(s."DueOn") AS due
            FROM "PlanSteps" s
            JOIN "Projects" pr ON pr."Id" = s."ProjectId"
            LEFT JOIN "ProjectMilestones" m ON s."Closes" = 4 AND m."ProjectId" = s."ProjectId" AND m."Kind" = s."Name"
            WHERE COALESCE(CASE s."Closes" WHEN 1 THEN pr."SignedOn" WHEN 2 THEN pr."StartedOn" WHEN 3 THEN pr."InProductionOn"
                                            WHEN 4 THEN m."ActualOn" ELSE s."ClosedOn" END, DATE '9999-12-31') > @end
            GROUP BY s."ProjectId"
        ),
        rules AS (
            SELECT p."Id",
                CASE WHEN p."SigningKind" = 1 AND p."SignedOn" <= @end AND NOT COALESCE(p."StartedOn" <= @end, false) THEN
                    CASE WHEN @end - p."SignedOn" > 180 THEN 2 WHEN @end - p."SignedOn" >= 150 THEN 1 ELSE 0 END END AS signed,
                CASE WHEN p.status <> 2 AND p.stage <> 5 THEN
                    CASE WHEN @end - COALESCE(g.last, ((p."CreatedAt" AT TIME ZONE 'UTC') + INTERVAL '8 hours')::date) > 45 THEN 2
                         WHEN @end - COALESCE(g.last, ((p."CreatedAt" AT TIME ZONE 'UTC') + INTERVAL '8 hours')::date) >= 30 THEN 1 ELSE 0 END END AS progress,
                CASE WHEN pl."ProjectId" IS NOT NULL THEN
                    CASE WHEN o.due IS NULL THEN 0 WHEN o.due < @end THEN 2 WHEN o.due - @end <= 5 THEN 1 ELSE 0 END END AS plan
            FROM p
            LEFT JOIN progress g ON g."ProjectId" = p."Id"
            LEFT JOIN planned pl ON pl."ProjectId" = p."Id"
            LEFT JOIN open_step o ON o."ProjectId" = p."Id"
        ),
        previous_red AS (SELECT "SubjectId" FROM "WarningItems" WHERE "Xun" = @previous AND "Kind" = 1 AND "Shown" = 2)
        SELECT COALESCE(r."Id", pr."SubjectId") AS id,
               COALESCE(GREATEST(r.signed, r.progress, r.plan), 0) AS raw,
               CASE WHEN COALESCE(GREATEST(r.signed, r.progress, r.plan), 0) > 0 THEN GREATEST(r.signed, r.progress, r.plan)
                    WHEN pr."SubjectId" IS NOT NULL THEN 1 ELSE 0 END AS shown
        FROM (SELECT * FROM rules WHERE signed IS NOT NULL OR progress IS NOT NULL OR plan IS NOT NULL) r
        FULL JOIN previous_red pr ON pr."SubjectId" = r."Id"
        """;

    public static async Task<Dictionary<int, (int Raw, int Shown)>> ComputeAsync(NpgsqlConnection connection, Xun xun)
    {
        await using var command = new NpgsqlCommand(Sql, connection) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("end", xun.LastDay);
        command.Parameters.AddWithValue("asOf", xun.RecordsAsOf.ToUniversalTime());
        command.Parameters.AddWithValue("endBeijing", xun.LastDay.ToDateTime(new TimeOnly(23, 59, 59)));
        command.Parameters.AddWithValue("previous", xun.Previous.ToString());
        var result = new Dictionary<int, (int, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result[reader.GetInt32(0)] = (reader.GetInt32(1), reader.GetInt32(2));
        return result;
    }
}

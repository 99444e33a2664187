using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Assessment;
using InvestTrack.Features.Supervision;
using InvestTrack.Features.Warnings;
using InvestTrack.Infrastructure.Auth;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InvestTrack.Bench;

/// <summary>
/// `warnings-setup CONNECTION [--xun 2026-12-3] [--now 2027-01-05]` (PostgreSQL, a database made by `generate`): gives
/// every rule of the warning run work to do. `generate` makes no lead clocks, targets, progress entries or node plans, so
/// only signed-not-started had subjects; this adds, deterministically (every value is computed from the row's id and the
/// 旬's last day E, so the same database and 旬 always get the same rows), in one transaction:
/// <list type="bullet">
/// <item>a day off on E + 1 and a 调休 working Saturday after it (the lead rule counts working days past E);</item>
/// <item>annual targets of the 旬's year for every active unit but the city's and a city row: funds at 95–130 % of the
/// unit's funds through month M (exactly 100 % for some: completion equal to pace), the four counts from its signings;</item>
/// <item>lead clocks: 受理 (assess) for every synthetic lead (mostly met, some late or open, stopped when the lead ended),
/// 跟进 (progress) for the leads being assessed or pursued, due from E − 14 to E + 10 (some met after E, some started
/// after E), 回复推荐人 (answer the referrer) for a third of those with a referrer (some due E … E + 5);</item>
/// <item>progress entries for two projects in three (0–69 days before E), some after E or entered after E;</item>
/// <item>node plans of nine steps (the default template and a manual 环评 step) for a quarter of the signed project
/// contracts, with the approval milestones (some done, some after E, some not), 用地 and 规划 due the same day;</item>
/// <item>for 2 000 projects a stage change before E (some exactly at E's end) and for half of them one after E, their
/// UpdatedAt after E; 1 000 more changed after E with no stage change, 1 000 with changes but not changed since.</item>
/// </list>
/// It also publishes the year's default assessment scheme when the year has none (the bulletin's ranking is then computed).
/// Then the app runs the previous 旬 (so that the 旬's shown colours depend on stored reds, as in production) and the 旬's
/// earlier results are removed. Rerunning replaces what an earlier setup wrote.
/// </summary>
public static class WarningsSetup
{
    public const string Marker = "基准测试";

    private const string Sql = """
        INSERT INTO "HolidayDates" ("Date", "Kind", "Name") VALUES (@dayOff, 1, '基准测试假日'), (@workday, 2, '基准测试调休')
        ON CONFLICT ("Date") DO UPDATE SET "Kind" = EXCLUDED."Kind", "Name" = EXCLUDED."Name";

        DELETE FROM "AnnualTargets" WHERE "Year" = @year;
        WITH actual AS (
            SELECT u."Id" AS unit,
                   (SELECT COALESCE(sum(f."{THROUGH}"), 0) FROM "FundsYearTotals" f WHERE f."UnitId" = u."Id" AND f."Year" = @year) AS funds,
                   (SELECT count(*) FROM "Projects" p WHERE p."UnitId" = u."Id" AND p."SignedOn" BETWEEN make_date(@year, 1, 1) AND @end) AS signed
            FROM "Units" u WHERE u."IsActive" AND u."Kind" <> 0
        ),
        unit_targets AS (
            SELECT a.unit, i.indicator,
                   GREATEST(1, CASE WHEN i.indicator = 1 THEN a.funds * (ARRAY[100, 95, 105, 110, 112, 130])[a.unit % 6 + 1] / 100
                                    ELSE a.signed * (ARRAY[100, 90, 110, 120])[a.unit % 4 + 1] / (ARRAY[100, 100, 1000, 400, 800])[i.indicator] END) AS value
            FROM actual a CROSS JOIN generate_series(1, 5) i(indicator)
        )
        INSERT INTO "AnnualTargets" ("Year", "UnitId", "Indicator", "Value", "Version")
        SELECT @year, unit, indicator, value, 1 FROM unit_targets
        UNION ALL SELECT @year, NULL, indicator, sum(value), 1 FROM unit_targets GROUP BY indicator;

        DELETE FROM "LeadClocks" c USING "Leads" l WHERE l."Id" = c."LeadId" AND l."Description" = '合成数据';
        INSERT INTO "LeadClocks" ("LeadId", "UnitId", "Kind", "StartedOn", "DueOn", "MetOn", "StoppedOn")
        SELECT l."Id", l."UnitId", 1, l."RegisteredOn", l."RegisteredOn" + 10,
               CASE WHEN l."Id" % 7 <> 0 THEN l."RegisteredOn" + l."Id" % 13 END,
               CASE WHEN l."Id" % 7 = 0 AND l."Status" IN (3, 4) THEN l."RegisteredOn" + 15 END
        FROM "Leads" l WHERE l."Description" = '合成数据'
        UNION ALL
        SELECT l."Id", l."UnitId", 3, s.started, s.started + 30,
               CASE l."Id" % 4 WHEN 0 THEN @end - l."Id" % 3 WHEN 1 THEN @end + 2 END, NULL
        FROM "Leads" l CROSS JOIN LATERAL (SELECT CASE WHEN l."Id" % 50 = 0 THEN @end + 1 ELSE @end - 20 - l."Id" % 25 END AS started) s
        WHERE l."Description" = '合成数据' AND l."Status" IN (1, 2)
        UNION ALL
        SELECT l."Id", l."UnitId", 2,
               CASE WHEN l."Id" % 9 = 0 THEN @end - 2 ELSE l."RegisteredOn" END,
               CASE WHEN l."Id" % 9 = 0 THEN @end + l."Id" % 6 ELSE l."RegisteredOn" + 3 END,
               CASE WHEN l."Id" % 9 = 0 THEN NULL ELSE l."RegisteredOn" + 1 END, NULL
        FROM "Leads" l WHERE l."Description" = '合成数据' AND l."Referrer" IS NOT NULL AND l."Id" % 3 = 0;

        DELETE FROM "ProgressEntries" WHERE "AuthorName" = '基准测试';
        INSERT INTO "ProgressEntries" ("ProjectId", "UnitId", "OccurredOn", "WhatHappened", "AuthorName", "CreatedAt")
        SELECT p."Id", p."UnitId", e.occurred, '基准测试进展', '基准测试', COALESCE(e.created, (e.occurred + TIME '09:00') AT TIME ZONE 'Asia/Shanghai')
        FROM "Projects" p CROSS JOIN LATERAL (VALUES
            (@end - p."Id" % 70, NULL::timestamptz, p."Id" % 3 <> 0),
            (@end + 3, NULL::timestamptz, p."Id" % 5 = 0),
            (@end - 1, @asOf + INTERVAL '1 day', p."Id" % 11 = 0)) e(occurred, created, wanted)
        WHERE e.wanted;

        DELETE FROM "ProjectMilestones" m USING "PlanSteps" s WHERE s."ProjectId" = m."ProjectId" AND s."Responsible" = '基准测试';
        DELETE FROM "PlanSteps" WHERE "Responsible" = '基准测试';
        INSERT INTO "PlanSteps" ("ProjectId", "UnitId", "Number", "Name", "DurationDays", "Responsible", "Closes", "DueOn", "ClosedOn", "Version")
        SELECT p."Id", p."UnitId", s.n, s.name, s.days, '基准测试', s.closes,
               p."SignedOn" + s.offset_days + CASE WHEN s.n > 1 THEN p."Id" % 9 - 4 ELSE 0 END,
               CASE WHEN s.closes = 5 AND p."Id" % 3 <> 0 THEN p."SignedOn" + s.offset_days + p."Id" % 11 - 5 END, 1
        FROM "Projects" p
        CROSS JOIN (VALUES (1, '签约', 0, 0, 1), (2, '立项', 30, 30, 4), (3, '用地', 90, 120, 4), (4, '规划', 60, 120, 4), (5, '环评', 30, 100, 5),
                           (6, '施工许可', 30, 150, 4), (7, '开工', 30, 180, 2), (8, '竣工', 365, 545, 3), (9, '投产', 60, 605, 3)) s(n, name, days, offset_days, closes)
        WHERE p."SigningKind" = 1 AND p."SignedOn" IS NOT NULL AND p."Id" % 4 = 0;
        INSERT INTO "ProjectMilestones" ("ProjectId", "UnitId", "Kind", "PlannedOn", "ActualOn", "SortOrder", "Version")
        SELECT s."ProjectId", s."UnitId", s."Name", s."DueOn",
               CASE WHEN (s."ProjectId" + s."Number") % 5 <> 0 THEN s."DueOn" + (s."ProjectId" + s."Number") % 13 - 6 END, s."Number", 1
        FROM "PlanSteps" s WHERE s."Responsible" = '基准测试' AND s."Closes" = 4;

        DELETE FROM "StageChanges" WHERE "UserName" = '基准测试';
        INSERT INTO "StageChanges" ("ProjectId", "UnitId", "FromStage", "ToStage", "FromStatus", "ToStatus", "ChangedAt", "UserName", "Note")
        SELECT p."Id", p."UnitId", p."Stage", c.stage, p."Status", c.status, c.at, '基准测试', '基准测试'
        FROM "Projects" p CROSS JOIN LATERAL (VALUES
            ((p."Id" / 100) % 6, (p."Id" / 100) % 3, CASE WHEN p."Id" % 300 = 7 THEN @asOf ELSE @asOf - INTERVAL '10 days' END, p."Id" % 100 IN (7, 9)),
            ((p."Id" / 100 + 3) % 6, 0, @asOf + INTERVAL '1 hour', p."Id" % 200 = 7)) c(stage, status, at, wanted)
        WHERE c.wanted;
        UPDATE "Projects" SET "UpdatedAt" = @asOf + INTERVAL '1 day' WHERE "Id" % 100 IN (7, 8) AND "UpdatedAt" <> @asOf + INTERVAL '1 day';
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1 || !args[0].Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine("usage: InvestTrack.Bench warnings-setup POSTGRES_CONNECTION_STRING [--xun 2026-12-3] [--now 2027-01-05]");
            return 64;
        }
        await using var app = WarningsBench.Host(args[0], FixedClock.Option(args));
        var runs = app.Services.GetRequiredService<WarningRunService>();
        var xun = WarningsBench.XunOption(args) ?? runs.LastCompleteXun();
        if (!runs.HasEnded(xun))
        {
            Console.Error.WriteLine($"{xun} has not ended by the app's clock: give --now after {xun.LastDay:yyyy-MM-dd}");
            return 64;
        }
        var end = xun.LastDay;
        var workday = end.AddDays(2);
        while (workday.DayOfWeek != DayOfWeek.Saturday) workday = workday.AddDays(1);
        var months = Math.Max(1, SupervisionPace.CompleteMonths(xun));

        await using var connection = new NpgsqlConnection(DatabaseSettings.WithPostgresDefaults(args[0]));
        await connection.OpenAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var command = new NpgsqlCommand(Sql.Replace("{THROUGH}", $"Through{months.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal), connection, transaction)
            { CommandTimeout = 1800 };
            command.Parameters.AddWithValue("end", end);
            command.Parameters.AddWithValue("asOf", xun.RecordsAsOf.ToUniversalTime());
            command.Parameters.AddWithValue("year", xun.Year);
            command.Parameters.AddWithValue("dayOff", end.AddDays(1));
            command.Parameters.AddWithValue("workday", workday);
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
        await using (var analyze = new NpgsqlCommand("""ANALYZE "LeadClocks", "ProgressEntries", "PlanSteps", "ProjectMilestones", "StageChanges", "AnnualTargets", "Projects" """, connection) { CommandTimeout = 600 })
            await analyze.ExecuteNonQueryAsync();
        Console.WriteLine($"setup for {xun} ({xun.Label}) written in {clock.Elapsed.TotalSeconds:0.0} s: "
            + $"{await WarningsBench.ScalarAsync(connection, "SELECT count(*) FROM \"LeadClocks\""):N0} lead clocks, "
            + $"{await WarningsBench.ScalarAsync(connection, $"SELECT count(*) FROM \"AnnualTargets\" WHERE \"Year\" = {xun.Year}"):N0} targets of {xun.Year}, "
            + $"{await WarningsBench.ScalarAsync(connection, "SELECT count(*) FROM \"ProgressEntries\""):N0} progress entries, "
            + $"{await WarningsBench.ScalarAsync(connection, "SELECT count(*) FROM \"PlanSteps\""):N0} plan steps, "
            + $"{await WarningsBench.ScalarAsync(connection, "SELECT count(*) FROM \"ProjectMilestones\""):N0} milestones, "
            + $"{await WarningsBench.ScalarAsync(connection, "SELECT count(*) FROM \"StageChanges\" WHERE \"UserName\" = '基准测试'"):N0} stage changes");

        // For the bulletin of the month (BulletinBench): the default assessment scheme of the year published, so that its
        // ranking is computed (a draft from the records) like the rest of the bulletin.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem("bench-setup");
            var schemes = scope.ServiceProvider.GetRequiredService<SchemeService>();
            if ((await schemes.ListAsync(xun.Year)).All(s => s.State != SchemeState.Published))
            {
                var created = await schemes.CreateAsync(new SchemeCreateForm(xun.Year, null));
                var published = created.Ok ? await schemes.PublishAsync(created.Id!.Value, new PublishForm(created.Version!.Value)) : created;
                Console.WriteLine(published.Ok ? $"default assessment scheme of {xun.Year} published" : $"assessment scheme not published: {published.FirstError}");
            }
        }

        // The previous 旬 as the app runs it: its reds feed the 旬's shown colours. The 旬's own results are the bench's.
        var previous = await runs.RunAsync(xun.Previous, "bench-setup");
        Console.WriteLine($"previous 旬 {previous.Xun} run by the app: red {previous.Red:N0}, yellow {previous.Yellow:N0}, green {previous.Green:N0} "
            + $"({previous.Projects:N0} projects, {previous.Units} units, {previous.Leads:N0} leads)");
        await WarningsBench.CleanAsync(connection, xun);
        return 0;
    }
}

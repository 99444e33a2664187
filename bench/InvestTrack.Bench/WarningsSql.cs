using System.Globalization;
using System.Text.Json;
using InvestTrack.Features.Supervision;
using InvestTrack.Features.Warnings;
using Npgsql;

namespace InvestTrack.Bench;

/// <summary>
/// The yardstick of the warning run: the whole run written by hand in PostgreSQL — the five rules of
/// docs/supervision.md (the contract's copy) with the city's thresholds (read from the app's settings and passed as parameters),
/// over the records as they stood at the 旬's end, and the same rows written: one transaction that deletes the 旬's
/// earlier results (as the app does), then one statement that computes every rule result and every subject's raw and
/// shown colour and inserts them with INSERT … SELECT into WarningRuleResults and WarningItems, the run's row into
/// WarningRuns and its audit entry. No notices (on the bench's database nobody would receive one: the app only reads
/// the recipients).
/// </summary>
public static class WarningsSql
{
    /// <summary>{THROUGH} is the funds column of months 1..M (Through12 for a 12月下旬): a writer by hand puts it in the text.</summary>
    public const string Sql = """
        WITH
        previous_red AS (
            SELECT "Kind", "SubjectId", "UnitId" FROM "WarningItems" WHERE "Xun" = @previous AND "Shown" = 2
        ),
        -- The last stage change up to the end of the projects changed since (the others keep their stage and status).
        changed AS (
            SELECT DISTINCT ON (s."ProjectId") s."ProjectId", s."ToStage", s."ToStatus"
            FROM "StageChanges" s JOIN "Projects" c ON c."Id" = s."ProjectId" AND c."UpdatedAt" > @asOf
            WHERE s."ChangedAtBeijing" <= @endBeijing
            ORDER BY s."ProjectId", s."ChangedAtBeijing" DESC, s."Id" DESC
        ),
        progress AS (
            SELECT "ProjectId", max("OccurredOn") AS last FROM "ProgressEntries"
            WHERE "OccurredOn" <= @end AND "CreatedAt" <= @asOf GROUP BY "ProjectId"
        ),
        planned AS (SELECT DISTINCT "ProjectId" FROM "PlanSteps"),
        -- The first open step (closed from the project's dates, its milestone or by hand) of each project with one.
        open_step AS (
            SELECT DISTINCT ON (s."ProjectId") s."ProjectId", s."Name", s."DueOn"
            FROM "PlanSteps" s
            JOIN "Projects" pr ON pr."Id" = s."ProjectId"
            LEFT JOIN "ProjectMilestones" m ON s."Closes" = 4 AND m."ProjectId" = s."ProjectId" AND m."Kind" = s."Name"
            WHERE COALESCE(CASE s."Closes" WHEN 1 THEN pr."SignedOn" WHEN 2 THEN pr."StartedOn" WHEN 3 THEN pr."InProductionOn"
                                           WHEN 4 THEN m."ActualOn" ELSE s."ClosedOn" END, 'infinity'::date) > @end
            ORDER BY s."ProjectId", s."DueOn", s."Name" COLLATE "C"
        ),
        -- Every project entered by the end, each rule's colour (null: the rule is not about it) and facts.
        projects AS (
            SELECT p."Id" AS id, p."UnitId" AS unit,
                   CASE WHEN @planOn AND pl."ProjectId" IS NOT NULL THEN
                       CASE WHEN o."ProjectId" IS NULL THEN 0 WHEN @end - o."DueOn" > 0 THEN 2 WHEN o."DueOn" - @end <= @planYellow THEN 1 ELSE 0 END END AS plan,
                   o."Name" AS step, o."DueOn" AS due,
                   CASE WHEN @signedOn AND p."SigningKind" = 1 AND p."SignedOn" <= @end AND NOT COALESCE(p."StartedOn" <= @end, false) THEN
                       CASE WHEN @end - p."SignedOn" > @signedRed THEN 2 WHEN @end - p."SignedOn" >= @signedYellow THEN 1 ELSE 0 END END AS signed,
                   p."SignedOn" AS signed_on,
                   CASE WHEN @progressOn AND COALESCE(c."ToStatus", p."Status") <> 2 AND COALESCE(c."ToStage", p."Stage") <> 5 THEN
                       CASE WHEN @end - s.since > @progressRed THEN 2 WHEN @end - s.since >= @progressYellow THEN 1 ELSE 0 END END AS progress,
                   s.since
            FROM "Projects" p
            LEFT JOIN changed c ON c."ProjectId" = p."Id"
            LEFT JOIN progress g ON g."ProjectId" = p."Id"
            LEFT JOIN planned pl ON pl."ProjectId" = p."Id"
            LEFT JOIN open_step o ON o."ProjectId" = p."Id"
            CROSS JOIN LATERAL (SELECT COALESCE(g.last, ((p."CreatedAt" AT TIME ZONE 'UTC') + INTERVAL '8 hours')::date) AS since) s
            WHERE p."CreatedAt" <= @asOf
        ),
        -- Units with a funds target of the year and their audited funds of months 1..M (none in January: M = 0).
        units AS (
            SELECT t."UnitId" AS id, t."Value" AS target, COALESCE(f.actual, 0) AS actual,
                   CASE WHEN @behindOn THEN
                       CASE WHEN 1200 * COALESCE(f.actual, 0) < (100 * @months - 12 * @redPoints) * t."Value" THEN 2
                            WHEN 12 * COALESCE(f.actual, 0) < @months * t."Value" THEN 1 ELSE 0 END END AS colour
            FROM "AnnualTargets" t
            LEFT JOIN (SELECT "UnitId", sum("{THROUGH}") AS actual FROM "FundsYearTotals" WHERE "Year" = @year GROUP BY "UnitId") f ON f."UnitId" = t."UnitId"
            WHERE @months > 0 AND t."Year" = @year AND t."Indicator" = 1 AND t."UnitId" IS NOT NULL AND t."Value" > 0
        ),
        -- Leads with a clock open at the end: the one due first decides; working days counted from the end (a day off or
        -- 调休 from the calendar, else Monday to Friday).
        first_clock AS (
            SELECT DISTINCT ON ("LeadId") "LeadId", "UnitId", "Kind", "DueOn" FROM "LeadClocks"
            WHERE "StartedOn" <= @end AND ("MetOn" IS NULL OR "MetOn" > @end) AND ("StoppedOn" IS NULL OR "StoppedOn" > @end)
            ORDER BY "LeadId", "DueOn", "Kind"
        ),
        calendar AS (
            SELECT d::date AS day, count(*) FILTER (WHERE d > @end AND COALESCE(h."Kind" = 2, extract(isodow FROM d) < 6)) OVER (ORDER BY d) AS working_left
            FROM generate_series(@end::timestamp, (SELECT max("DueOn") FROM first_clock)::timestamp, INTERVAL '1 day') d
            LEFT JOIN "HolidayDates" h ON h."Date" = d::date
        ),
        leads AS (
            SELECT c."LeadId" AS id, c."UnitId" AS unit, c."Kind" AS clock, c."DueOn" AS due, @end - c."DueOn" AS days, w.working_left,
                   CASE WHEN @leadOn THEN CASE WHEN @end - c."DueOn" > 0 THEN 2 WHEN w.working_left <= @leadYellow THEN 1 ELSE 0 END END AS colour
            FROM first_clock c LEFT JOIN calendar w ON w.day = c."DueOn" AND c."DueOn" >= @end
        ),
        subjects AS (
            SELECT 1 AS kind, id, unit, GREATEST(plan, signed, progress) AS worst FROM projects
            UNION ALL SELECT 2, id, id, colour FROM units
            UNION ALL SELECT 3, id, unit, colour FROM leads
        ),
        written_results AS (
            INSERT INTO "WarningRuleResults" ("Xun", "Kind", "SubjectId", "UnitId", "RuleId", "Colour", "Item", "Date", "Days", "WorkingDaysLeft",
                                              "Months", "Actual", "Target", "Completion", "Pace")
            SELECT @xun, 1, id, unit, 'plan-step-late', plan, step, due, @end - due, NULL::int, NULL::int, NULL::numeric, NULL::numeric, NULL::numeric, NULL::numeric
            FROM projects WHERE plan IS NOT NULL
            UNION ALL
            SELECT @xun, 1, id, unit, 'signed-not-started', signed, NULL, signed_on, @end - signed_on, NULL, NULL, NULL, NULL, NULL, NULL FROM projects WHERE signed IS NOT NULL
            UNION ALL
            SELECT @xun, 1, id, unit, 'no-progress', progress, NULL, since, @end - since, NULL, NULL, NULL, NULL, NULL, NULL FROM projects WHERE progress IS NOT NULL
            UNION ALL
            SELECT @xun, 2, id, id, 'unit-behind-pace', colour, NULL, NULL, NULL, NULL, @months, actual / 100.0, target / 100.0,
                   round(actual::numeric(40, 20) / target, 10), round(@months::numeric / 12, 10)
            FROM units WHERE colour IS NOT NULL
            UNION ALL
            SELECT @xun, 3, id, unit, 'lead-clock-overdue', colour, CASE clock WHEN 1 THEN 'Assess' WHEN 2 THEN 'AnswerReferrer' WHEN 3 THEN 'Progress' END,
                   due, days, CASE WHEN days > 0 THEN NULL ELSE working_left END, NULL, NULL, NULL, NULL, NULL
            FROM leads WHERE colour IS NOT NULL
        ),
        -- A subject with a rule result, or shown red last 旬 (then shown yellow at least, even when no rule is about it any more).
        written_items AS (
            INSERT INTO "WarningItems" ("Xun", "Kind", "SubjectId", "UnitId", "Raw", "Shown", "PreviousShown")
            SELECT @xun, s.kind, s.id, s.unit, COALESCE(s.worst, 0),
                   CASE WHEN s.worst > 0 THEN s.worst WHEN pr."SubjectId" IS NOT NULL THEN 1 ELSE 0 END,
                   CASE WHEN pr."SubjectId" IS NOT NULL THEN 2 END
            FROM subjects s LEFT JOIN previous_red pr ON pr."Kind" = s.kind AND pr."SubjectId" = s.id
            WHERE s.worst IS NOT NULL OR pr."SubjectId" IS NOT NULL
            UNION ALL
            SELECT @xun, pr."Kind", pr."SubjectId", pr."UnitId", 0, 1, 2 FROM previous_red pr
            WHERE NOT EXISTS (SELECT FROM subjects s WHERE s.kind = pr."Kind" AND s.id = pr."SubjectId")
            RETURNING "Shown"
        ),
        run AS (
            INSERT INTO "WarningRuns" ("Xun", "StartedBy", "StartedAt", "FinishedAt", "DurationMs", "Red", "Yellow", "Green", "OptionsJson")
            SELECT @xun, @actor, @startedAt, clock_timestamp(), (extract(epoch FROM clock_timestamp() - @startedAt) * 1000)::bigint,
                   count(*) FILTER (WHERE "Shown" = 2), count(*) FILTER (WHERE "Shown" = 1), count(*) FILTER (WHERE "Shown" = 0), @options
            FROM written_items
            RETURNING "Xun", "Red", "Yellow", "Green", "DurationMs"
        )
        INSERT INTO "AuditEntries" ("OccurredAt", "UserName", "Role", "Action", "ObjectType", "ObjectId", "NewValues", "Result")
        SELECT clock_timestamp(), @actor, 'Operator', 'Run', 'WarningRun', "Xun",
               json_build_object('Xun', "Xun", 'Red', "Red", 'Yellow', "Yellow", 'Green', "Green", 'DurationMs', "DurationMs")::text, 'Success'
        FROM run
        """;

    /// <summary>One run of the 旬 by hand, committed.</summary>
    public static async Task RunAsync(NpgsqlConnection connection, Xun xun, WarningOptions options, string actor)
    {
        var key = xun.ToString();
        var months = SupervisionPace.CompleteMonths(xun);
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var delete = new NpgsqlCommand("""
            DELETE FROM "WarningRuleResults" WHERE "Xun" = @xun;
            DELETE FROM "WarningItems" WHERE "Xun" = @xun;
            DELETE FROM "WarningRuns" WHERE "Xun" = @xun;
            """, connection, transaction))
        {
            delete.Parameters.AddWithValue("xun", key);
            await delete.ExecuteNonQueryAsync();
        }
        var through = $"Through{Math.Max(months, 1).ToString(CultureInfo.InvariantCulture)}";
        await using var command = new NpgsqlCommand(Sql.Replace("{THROUGH}", through, StringComparison.Ordinal), connection, transaction) { CommandTimeout = 600 };
        var p = command.Parameters;
        p.AddWithValue("xun", key);
        p.AddWithValue("previous", xun.Previous.ToString());
        p.AddWithValue("end", xun.LastDay);
        p.AddWithValue("asOf", xun.RecordsAsOf.ToUniversalTime());
        p.AddWithValue("endBeijing", xun.LastDay.ToDateTime(new TimeOnly(23, 59, 59)));
        p.AddWithValue("year", xun.Year);
        p.AddWithValue("months", months);
        p.AddWithValue("planOn", options.PlanStepLate.Enabled);
        p.AddWithValue("planYellow", options.PlanStepLate.YellowDaysAhead);
        p.AddWithValue("signedOn", options.SignedNotStarted.Enabled);
        p.AddWithValue("signedYellow", options.SignedNotStarted.YellowFromDays);
        p.AddWithValue("signedRed", options.SignedNotStarted.RedAfterDays);
        p.AddWithValue("progressOn", options.NoProgress.Enabled);
        p.AddWithValue("progressYellow", options.NoProgress.YellowFromDays);
        p.AddWithValue("progressRed", options.NoProgress.RedAfterDays);
        p.AddWithValue("behindOn", options.BehindPace.Enabled);
        p.AddWithValue("redPoints", options.BehindPace.RedPointsBelowPace);
        p.AddWithValue("leadOn", options.LeadClockOverdue.Enabled);
        p.AddWithValue("leadYellow", options.LeadClockOverdue.YellowWorkingDaysAhead);
        p.AddWithValue("actor", actor);
        p.AddWithValue("startedAt", DateTimeOffset.UtcNow);
        p.AddWithValue("options", JsonSerializer.Serialize(options, WarningSettingsStore.Json));
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}

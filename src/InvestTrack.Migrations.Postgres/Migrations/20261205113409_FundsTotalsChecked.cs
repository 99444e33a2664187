using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <summary>
    /// The totals triggers rewritten so that FundsYearTotals satisfies its check constraints at every step: the former
    /// upsert proposed rows of negative amounts, which a check constraint refuses before the conflict is resolved.
    /// </summary>
    public partial class FundsTotalsChecked : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ApplyToYearTotals);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FormerApplyToYearTotals);
        }

        // The triggers of migration FundsYearTotals stay; only the function they run changes.
        private const string ApplyToYearTotals = """
            CREATE OR REPLACE FUNCTION "FundsRecords_ApplyToYearTotals"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              -- A key that gains audited funds first gets a row of zeros; then one UPDATE moves every key by the statement's net
              -- amounts, so each row goes from one valid state to the next and the check constraints hold at every step. A
              -- record counts in its month and every later month of its year; a row whose totals come back to zero goes.
              IF TG_OP = 'INSERT' THEN
                INSERT INTO "FundsYearTotals" ("Year", "Source", "ProjectId", "UnitId", "Through1", "Through2", "Through3", "Through4", "Through5", "Through6", "Through7", "Through8", "Through9", "Through10", "Through11", "Through12")
                SELECT DISTINCT r."Period" / 100, r."Source", r."ProjectId", r."UnitId", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
                FROM new_rows r WHERE r."Status" = 1
                ON CONFLICT DO NOTHING;
                UPDATE "FundsYearTotals" t SET
                  "Through1" = t."Through1" + d.c1,
                  "Through2" = t."Through2" + d.c2,
                  "Through3" = t."Through3" + d.c3,
                  "Through4" = t."Through4" + d.c4,
                  "Through5" = t."Through5" + d.c5,
                  "Through6" = t."Through6" + d.c6,
                  "Through7" = t."Through7" + d.c7,
                  "Through8" = t."Through8" + d.c8,
                  "Through9" = t."Through9" + d.c9,
                  "Through10" = t."Through10" + d.c10,
                  "Through11" = t."Through11" + d.c11,
                  "Through12" = t."Through12" + d.c12
                FROM (
                    SELECT r."Period" / 100 AS y, r."Source" AS s, r."ProjectId" AS p, r."UnitId" AS u,
                      SUM(CASE WHEN r."Period" % 100 <= 1 THEN r."Amount" ELSE 0 END) AS c1,
                      SUM(CASE WHEN r."Period" % 100 <= 2 THEN r."Amount" ELSE 0 END) AS c2,
                      SUM(CASE WHEN r."Period" % 100 <= 3 THEN r."Amount" ELSE 0 END) AS c3,
                      SUM(CASE WHEN r."Period" % 100 <= 4 THEN r."Amount" ELSE 0 END) AS c4,
                      SUM(CASE WHEN r."Period" % 100 <= 5 THEN r."Amount" ELSE 0 END) AS c5,
                      SUM(CASE WHEN r."Period" % 100 <= 6 THEN r."Amount" ELSE 0 END) AS c6,
                      SUM(CASE WHEN r."Period" % 100 <= 7 THEN r."Amount" ELSE 0 END) AS c7,
                      SUM(CASE WHEN r."Period" % 100 <= 8 THEN r."Amount" ELSE 0 END) AS c8,
                      SUM(CASE WHEN r."Period" % 100 <= 9 THEN r."Amount" ELSE 0 END) AS c9,
                      SUM(CASE WHEN r."Period" % 100 <= 10 THEN r."Amount" ELSE 0 END) AS c10,
                      SUM(CASE WHEN r."Period" % 100 <= 11 THEN r."Amount" ELSE 0 END) AS c11,
                      SUM(r."Amount") AS c12
                    FROM (SELECT "Period", "Source", "ProjectId", "UnitId", "Amount" AS "Amount" FROM new_rows WHERE "Status" = 1) r
                    GROUP BY 1, 2, 3, 4) d
                WHERE t."Year" = d.y AND t."Source" = d.s AND t."ProjectId" = d.p AND t."UnitId" = d.u;
              ELSIF TG_OP = 'DELETE' THEN
                UPDATE "FundsYearTotals" t SET
                  "Through1" = t."Through1" + d.c1,
                  "Through2" = t."Through2" + d.c2,
                  "Through3" = t."Through3" + d.c3,
                  "Through4" = t."Through4" + d.c4,
                  "Through5" = t."Through5" + d.c5,
                  "Through6" = t."Through6" + d.c6,
                  "Through7" = t."Through7" + d.c7,
                  "Through8" = t."Through8" + d.c8,
                  "Through9" = t."Through9" + d.c9,
                  "Through10" = t."Through10" + d.c10,
                  "Through11" = t."Through11" + d.c11,
                  "Through12" = t."Through12" + d.c12
                FROM (
                    SELECT r."Period" / 100 AS y, r."Source" AS s, r."ProjectId" AS p, r."UnitId" AS u,
                      SUM(CASE WHEN r."Period" % 100 <= 1 THEN r."Amount" ELSE 0 END) AS c1,
                      SUM(CASE WHEN r."Period" % 100 <= 2 THEN r."Amount" ELSE 0 END) AS c2,
                      SUM(CASE WHEN r."Period" % 100 <= 3 THEN r."Amount" ELSE 0 END) AS c3,
                      SUM(CASE WHEN r."Period" % 100 <= 4 THEN r."Amount" ELSE 0 END) AS c4,
                      SUM(CASE WHEN r."Period" % 100 <= 5 THEN r."Amount" ELSE 0 END) AS c5,
                      SUM(CASE WHEN r."Period" % 100 <= 6 THEN r."Amount" ELSE 0 END) AS c6,
                      SUM(CASE WHEN r."Period" % 100 <= 7 THEN r."Amount" ELSE 0 END) AS c7,
                      SUM(CASE WHEN r."Period" % 100 <= 8 THEN r."Amount" ELSE 0 END) AS c8,
                      SUM(CASE WHEN r."Period" % 100 <= 9 THEN r."Amount" ELSE 0 END) AS c9,
                      SUM(CASE WHEN r."Period" % 100 <= 10 THEN r."Amount" ELSE 0 END) AS c10,
                      SUM(CASE WHEN r."Period" % 100 <= 11 THEN r."Amount" ELSE 0 END) AS c11,
                      SUM(r."Amount") AS c12
                    FROM (SELECT "Period", "Source", "ProjectId", "UnitId", -"Amount" AS "Amount" FROM old_rows WHERE "Status" = 1) r
                    GROUP BY 1, 2, 3, 4) d
                WHERE t."Year" = d.y AND t."Source" = d.s AND t."ProjectId" = d.p AND t."UnitId" = d.u;
                DELETE FROM "FundsYearTotals" t USING (SELECT DISTINCT r."Period" / 100 AS y, r."Source" AS s, r."ProjectId" AS p, r."UnitId" AS u FROM old_rows r) k
                WHERE t."Year" = k.y AND t."Source" = k.s AND t."ProjectId" = k.p AND t."UnitId" = k.u AND t."Through12" = 0;
              ELSE
                INSERT INTO "FundsYearTotals" ("Year", "Source", "ProjectId", "UnitId", "Through1", "Through2", "Through3", "Through4", "Through5", "Through6", "Through7", "Through8", "Through9", "Through10", "Through11", "Through12")
                SELECT DISTINCT r."Period" / 100, r."Source", r."ProjectId", r."UnitId", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
                FROM new_rows r WHERE r."Status" = 1
                ON CONFLICT DO NOTHING;
                UPDATE "FundsYearTotals" t SET
                  "Through1" = t."Through1" + d.c1,
                  "Through2" = t."Through2" + d.c2,
                  "Through3" = t."Through3" + d.c3,
                  "Through4" = t."Through4" + d.c4,
                  "Through5" = t."Through5" + d.c5,
                  "Through6" = t."Through6" + d.c6,
                  "Through7" = t."Through7" + d.c7,
                  "Through8" = t."Through8" + d.c8,
                  "Through9" = t."Through9" + d.c9,
                  "Through10" = t."Through10" + d.c10,
                  "Through11" = t."Through11" + d.c11,
                  "Through12" = t."Through12" + d.c12
                FROM (
                    SELECT r."Period" / 100 AS y, r."Source" AS s, r."ProjectId" AS p, r."UnitId" AS u,
                      SUM(CASE WHEN r."Period" % 100 <= 1 THEN r."Amount" ELSE 0 END) AS c1,
                      SUM(CASE WHEN r."Period" % 100 <= 2 THEN r."Amount" ELSE 0 END) AS c2,
                      SUM(CASE WHEN r."Period" % 100 <= 3 THEN r."Amount" ELSE 0 END) AS c3,
                      SUM(CASE WHEN r."Period" % 100 <= 4 THEN r."Amount" ELSE 0 END) AS c4,
                      SUM(CASE WHEN r."Period" % 100 <= 5 THEN r."Amount" ELSE 0 END) AS c5,
                      SUM(CASE WHEN r."Period" % 100 <= 6 THEN r."Amount" ELSE 0 END) AS c6,
                      SUM(CASE WHEN r."Period" % 100 <= 7 THEN r."Amount" ELSE 0 END) AS c7,
                      SUM(CASE WHEN r."Period" % 100 <= 8 THEN r."Amount" ELSE 0 END) AS c8,
                      SUM(CASE WHEN r."Period" % 100 <= 9 THEN r."Amount" ELSE 0 END) AS c9,
                      SUM(CASE WHEN r."Period" % 100 <= 10 THEN r."Amount" ELSE 0 END) AS c10,
                      SUM(CASE WHEN r."Period" % 100 <= 11 THEN r."Amount" ELSE 0 END) AS c11,
                      SUM(r."Amount") AS c12
                    FROM (SELECT "Period", "Source", "ProjectId", "UnitId", "Amount" AS "Amount" FROM new_rows WHERE "Status" = 1
                      UNION ALL SELECT "Period", "Source", "ProjectId", "UnitId", -"Amount" AS "Amount" FROM old_rows WHERE "Status" = 1) r
                    GROUP BY 1, 2, 3, 4) d
                WHERE t."Year" = d.y AND t."Source" = d.s AND t."ProjectId" = d.p AND t."UnitId" = d.u;
                DELETE FROM "FundsYearTotals" t USING (SELECT DISTINCT r."Period" / 100 AS y, r."Source" AS s, r."ProjectId" AS p, r."UnitId" AS u FROM old_rows r) k
                WHERE t."Year" = k.y AND t."Source" = k.s AND t."ProjectId" = k.p AND t."UnitId" = k.u AND t."Through12" = 0;
              END IF;
              RETURN NULL;
            END $$;
            """;

        // As migration FundsYearTotals wrote it.
        private const string FormerApplyToYearTotals = """
            CREATE OR REPLACE FUNCTION "FundsRecords_ApplyToYearTotals"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN
                INSERT INTO "FundsYearTotals" ("Year", "Source", "ProjectId", "UnitId", "Through1", "Through2", "Through3", "Through4", "Through5", "Through6", "Through7", "Through8", "Through9", "Through10", "Through11", "Through12")
                SELECT y, s, p, u, SUM(c1), SUM(c2), SUM(c3), SUM(c4), SUM(c5), SUM(c6), SUM(c7), SUM(c8), SUM(c9), SUM(c10), SUM(c11), SUM(c12)
                FROM (SELECT r."Period" / 100, r."Source", r."ProjectId", r."UnitId",
                  CASE WHEN r."Period" % 100 <= 1 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 2 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 3 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 4 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 5 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 6 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 7 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 8 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 9 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 10 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 11 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 12 THEN r."Amount" ELSE 0 END
                  FROM new_rows r WHERE r."Status" = 1) d(y, s, p, u, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12)
                GROUP BY y, s, p, u
                HAVING SUM(c1) <> 0 OR SUM(c2) <> 0 OR SUM(c3) <> 0 OR SUM(c4) <> 0 OR SUM(c5) <> 0 OR SUM(c6) <> 0
                  OR SUM(c7) <> 0 OR SUM(c8) <> 0 OR SUM(c9) <> 0 OR SUM(c10) <> 0 OR SUM(c11) <> 0 OR SUM(c12) <> 0
                ON CONFLICT ("Year", "Source", "ProjectId", "UnitId") DO UPDATE SET
                  "Through1" = "FundsYearTotals"."Through1" + excluded."Through1",
                  "Through2" = "FundsYearTotals"."Through2" + excluded."Through2",
                  "Through3" = "FundsYearTotals"."Through3" + excluded."Through3",
                  "Through4" = "FundsYearTotals"."Through4" + excluded."Through4",
                  "Through5" = "FundsYearTotals"."Through5" + excluded."Through5",
                  "Through6" = "FundsYearTotals"."Through6" + excluded."Through6",
                  "Through7" = "FundsYearTotals"."Through7" + excluded."Through7",
                  "Through8" = "FundsYearTotals"."Through8" + excluded."Through8",
                  "Through9" = "FundsYearTotals"."Through9" + excluded."Through9",
                  "Through10" = "FundsYearTotals"."Through10" + excluded."Through10",
                  "Through11" = "FundsYearTotals"."Through11" + excluded."Through11",
                  "Through12" = "FundsYearTotals"."Through12" + excluded."Through12";
              ELSIF TG_OP = 'DELETE' THEN
                INSERT INTO "FundsYearTotals" ("Year", "Source", "ProjectId", "UnitId", "Through1", "Through2", "Through3", "Through4", "Through5", "Through6", "Through7", "Through8", "Through9", "Through10", "Through11", "Through12")
                SELECT y, s, p, u, SUM(c1), SUM(c2), SUM(c3), SUM(c4), SUM(c5), SUM(c6), SUM(c7), SUM(c8), SUM(c9), SUM(c10), SUM(c11), SUM(c12)
                FROM (SELECT r."Period" / 100, r."Source", r."ProjectId", r."UnitId",
                  CASE WHEN r."Period" % 100 <= 1 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 2 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 3 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 4 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 5 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 6 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 7 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 8 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 9 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 10 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 11 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 12 THEN -r."Amount" ELSE 0 END
                  FROM old_rows r WHERE r."Status" = 1) d(y, s, p, u, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12)
                GROUP BY y, s, p, u
                HAVING SUM(c1) <> 0 OR SUM(c2) <> 0 OR SUM(c3) <> 0 OR SUM(c4) <> 0 OR SUM(c5) <> 0 OR SUM(c6) <> 0
                  OR SUM(c7) <> 0 OR SUM(c8) <> 0 OR SUM(c9) <> 0 OR SUM(c10) <> 0 OR SUM(c11) <> 0 OR SUM(c12) <> 0
                ON CONFLICT ("Year", "Source", "ProjectId", "UnitId") DO UPDATE SET
                  "Through1" = "FundsYearTotals"."Through1" + excluded."Through1",
                  "Through2" = "FundsYearTotals"."Through2" + excluded."Through2",
                  "Through3" = "FundsYearTotals"."Through3" + excluded."Through3",
                  "Through4" = "FundsYearTotals"."Through4" + excluded."Through4",
                  "Through5" = "FundsYearTotals"."Through5" + excluded."Through5",
                  "Through6" = "FundsYearTotals"."Through6" + excluded."Through6",
                  "Through7" = "FundsYearTotals"."Through7" + excluded."Through7",
                  "Through8" = "FundsYearTotals"."Through8" + excluded."Through8",
                  "Through9" = "FundsYearTotals"."Through9" + excluded."Through9",
                  "Through10" = "FundsYearTotals"."Through10" + excluded."Through10",
                  "Through11" = "FundsYearTotals"."Through11" + excluded."Through11",
                  "Through12" = "FundsYearTotals"."Through12" + excluded."Through12";
                DELETE FROM "FundsYearTotals" t USING (SELECT DISTINCT r."Period" / 100 AS y, r."Source" AS s, r."ProjectId" AS p, r."UnitId" AS u FROM old_rows r) k
                WHERE t."Year" = k.y AND t."Source" = k.s AND t."ProjectId" = k.p AND t."UnitId" = k.u
                  AND t."Through1" = 0 AND t."Through2" = 0 AND t."Through3" = 0 AND t."Through4" = 0 AND t."Through5" = 0 AND t."Through6" = 0
                  AND t."Through7" = 0 AND t."Through8" = 0 AND t."Through9" = 0 AND t."Through10" = 0 AND t."Through11" = 0 AND t."Through12" = 0;
              ELSE
                INSERT INTO "FundsYearTotals" ("Year", "Source", "ProjectId", "UnitId", "Through1", "Through2", "Through3", "Through4", "Through5", "Through6", "Through7", "Through8", "Through9", "Through10", "Through11", "Through12")
                SELECT y, s, p, u, SUM(c1), SUM(c2), SUM(c3), SUM(c4), SUM(c5), SUM(c6), SUM(c7), SUM(c8), SUM(c9), SUM(c10), SUM(c11), SUM(c12)
                FROM (SELECT r."Period" / 100, r."Source", r."ProjectId", r."UnitId",
                  CASE WHEN r."Period" % 100 <= 1 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 2 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 3 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 4 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 5 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 6 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 7 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 8 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 9 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 10 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 11 THEN r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 12 THEN r."Amount" ELSE 0 END
                  FROM new_rows r WHERE r."Status" = 1
                  UNION ALL SELECT r."Period" / 100, r."Source", r."ProjectId", r."UnitId",
                  CASE WHEN r."Period" % 100 <= 1 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 2 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 3 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 4 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 5 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 6 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 7 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 8 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 9 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 10 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 11 THEN -r."Amount" ELSE 0 END,
                  CASE WHEN r."Period" % 100 <= 12 THEN -r."Amount" ELSE 0 END
                  FROM old_rows r WHERE r."Status" = 1) d(y, s, p, u, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12)
                GROUP BY y, s, p, u
                HAVING SUM(c1) <> 0 OR SUM(c2) <> 0 OR SUM(c3) <> 0 OR SUM(c4) <> 0 OR SUM(c5) <> 0 OR SUM(c6) <> 0
                  OR SUM(c7) <> 0 OR SUM(c8) <> 0 OR SUM(c9) <> 0 OR SUM(c10) <> 0 OR SUM(c11) <> 0 OR SUM(c12) <> 0
                ON CONFLICT ("Year", "Source", "ProjectId", "UnitId") DO UPDATE SET
                  "Through1" = "FundsYearTotals"."Through1" + excluded."Through1",
                  "Through2" = "FundsYearTotals"."Through2" + excluded."Through2",
                  "Through3" = "FundsYearTotals"."Through3" + excluded."Through3",
                  "Through4" = "FundsYearTotals"."Through4" + excluded."Through4",
                  "Through5" = "FundsYearTotals"."Through5" + excluded."Through5",
                  "Through6" = "FundsYearTotals"."Through6" + excluded."Through6",
                  "Through7" = "FundsYearTotals"."Through7" + excluded."Through7",
                  "Through8" = "FundsYearTotals"."Through8" + excluded."Through8",
                  "Through9" = "FundsYearTotals"."Through9" + excluded."Through9",
                  "Through10" = "FundsYearTotals"."Through10" + excluded."Through10",
                  "Through11" = "FundsYearTotals"."Through11" + excluded."Through11",
                  "Through12" = "FundsYearTotals"."Through12" + excluded."Through12";
                DELETE FROM "FundsYearTotals" t USING (SELECT DISTINCT r."Period" / 100 AS y, r."Source" AS s, r."ProjectId" AS p, r."UnitId" AS u FROM old_rows r) k
                WHERE t."Year" = k.y AND t."Source" = k.s AND t."ProjectId" = k.p AND t."UnitId" = k.u
                  AND t."Through1" = 0 AND t."Through2" = 0 AND t."Through3" = 0 AND t."Through4" = 0 AND t."Through5" = 0 AND t."Through6" = 0
                  AND t."Through7" = 0 AND t."Through8" = 0 AND t."Through9" = 0 AND t."Through10" = 0 AND t."Through11" = 0 AND t."Through12" = 0;
              END IF;
              RETURN NULL;
            END $$;
            """;
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FundsYearTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FundsRecords_Status_Period",
                table: "FundsRecords");

            migrationBuilder.CreateTable(
                name: "FundsYearTotals",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Through1 = table.Column<long>(type: "bigint", nullable: false),
                    Through2 = table.Column<long>(type: "bigint", nullable: false),
                    Through3 = table.Column<long>(type: "bigint", nullable: false),
                    Through4 = table.Column<long>(type: "bigint", nullable: false),
                    Through5 = table.Column<long>(type: "bigint", nullable: false),
                    Through6 = table.Column<long>(type: "bigint", nullable: false),
                    Through7 = table.Column<long>(type: "bigint", nullable: false),
                    Through8 = table.Column<long>(type: "bigint", nullable: false),
                    Through9 = table.Column<long>(type: "bigint", nullable: false),
                    Through10 = table.Column<long>(type: "bigint", nullable: false),
                    Through11 = table.Column<long>(type: "bigint", nullable: false),
                    Through12 = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundsYearTotals", x => new { x.Year, x.Source, x.ProjectId, x.UnitId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_FundsYearTotals_ProjectId_Year",
                table: "FundsYearTotals",
                columns: new[] { "ProjectId", "Year" });

            // Triggers keep the totals in the same transaction as every funds change; existing funds fill it once.
            migrationBuilder.Sql(CreateTriggers);
            migrationBuilder.Sql(Rebuild);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DropTriggers);
            migrationBuilder.DropTable(
                name: "FundsYearTotals");

            migrationBuilder.CreateIndex(
                name: "IX_FundsRecords_Status_Period",
                table: "FundsRecords",
                columns: new[] { "Status", "Period" })
                .Annotation("Npgsql:IndexInclude", new[] { "Source", "ProjectId", "UnitId", "Amount" });
        }
        // The SQL is written out here, not taken from live code: this migration must create the same schema on every
        // fresh install, whatever the code of later versions says.

        // Statement-level triggers over transition tables: a COPY of 200 000 records is one grouped upsert. A row whose
        // running totals all come back to zero is removed, so the table holds exactly the keys with audited funds.
        private const string CreateTriggers = """
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
            CREATE TRIGGER "FundsRecords_YearTotals_Insert" AFTER INSERT ON "FundsRecords" REFERENCING NEW TABLE AS new_rows 
              FOR EACH STATEMENT EXECUTE FUNCTION "FundsRecords_ApplyToYearTotals"();
            CREATE TRIGGER "FundsRecords_YearTotals_Update" AFTER UPDATE ON "FundsRecords" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows 
              FOR EACH STATEMENT EXECUTE FUNCTION "FundsRecords_ApplyToYearTotals"();
            CREATE TRIGGER "FundsRecords_YearTotals_Delete" AFTER DELETE ON "FundsRecords" REFERENCING OLD TABLE AS old_rows 
              FOR EACH STATEMENT EXECUTE FUNCTION "FundsRecords_ApplyToYearTotals"();
            """;

        // Writers wait while the table is refilled (readers do not), so no change slips between the delete and the insert.
        private const string Rebuild = """
            LOCK TABLE "FundsRecords" IN SHARE ROW EXCLUSIVE MODE;
            DELETE FROM "FundsYearTotals";
            INSERT INTO "FundsYearTotals" ("Year", "Source", "ProjectId", "UnitId", "Through1", "Through2", "Through3", "Through4", "Through5", "Through6", "Through7", "Through8", "Through9", "Through10", "Through11", "Through12")
              SELECT "Period" / 100, "Source", "ProjectId", "UnitId",
                SUM(CASE WHEN "Period" % 100 <= 1 THEN "Amount" ELSE 0 END),
                SUM(CASE WHEN "Period" % 100 <= 2 THEN "Amount" ELSE 0 END),
                SUM(CASE WHEN "Period" % 100 <= 3 THEN "Amount" ELSE 0 END),
                SUM(CASE WHEN "Period" % 100 <= 4 THEN "Amount" ELSE 0 END),
                SUM(CASE WHEN "Period" % 100 <= 5 THEN "Amount" ELSE 0 END),
                SUM(CASE WHEN "Period" % 100 <= 6 THEN "Amount" ELSE 0 END),
                SUM(CASE WHEN "Period" % 100 <= 7 THEN "Amount" ELSE 0 END),
                SUM(CASE WHEN "Period" % 100 <= 8 THEN "Amount" ELSE 0 END),
                SUM(CASE WHEN "Period" % 100 <= 9 THEN "Amount" ELSE 0 END),
                SUM(CASE WHEN "Period" % 100 <= 10 THEN "Amount" ELSE 0 END),
                SUM(CASE WHEN "Period" % 100 <= 11 THEN "Amount" ELSE 0 END),
                SUM(CASE WHEN "Period" % 100 <= 12 THEN "Amount" ELSE 0 END)
              FROM "FundsRecords" WHERE "Status" = 1
              GROUP BY "Period" / 100, "Source", "ProjectId", "UnitId";
            """;

        private const string DropTriggers = """
            DROP TRIGGER IF EXISTS "FundsRecords_YearTotals_Insert" ON "FundsRecords";
            DROP TRIGGER IF EXISTS "FundsRecords_YearTotals_Update" ON "FundsRecords";
            DROP TRIGGER IF EXISTS "FundsRecords_YearTotals_Delete" ON "FundsRecords";
            DROP FUNCTION IF EXISTS "FundsRecords_ApplyToYearTotals"();
            """;
    }
}

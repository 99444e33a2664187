using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
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
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Through1 = table.Column<long>(type: "INTEGER", nullable: false),
                    Through2 = table.Column<long>(type: "INTEGER", nullable: false),
                    Through3 = table.Column<long>(type: "INTEGER", nullable: false),
                    Through4 = table.Column<long>(type: "INTEGER", nullable: false),
                    Through5 = table.Column<long>(type: "INTEGER", nullable: false),
                    Through6 = table.Column<long>(type: "INTEGER", nullable: false),
                    Through7 = table.Column<long>(type: "INTEGER", nullable: false),
                    Through8 = table.Column<long>(type: "INTEGER", nullable: false),
                    Through9 = table.Column<long>(type: "INTEGER", nullable: false),
                    Through10 = table.Column<long>(type: "INTEGER", nullable: false),
                    Through11 = table.Column<long>(type: "INTEGER", nullable: false),
                    Through12 = table.Column<long>(type: "INTEGER", nullable: false)
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
            foreach (var trigger in CreateTriggers) migrationBuilder.Sql(trigger);
            migrationBuilder.Sql(Rebuild);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "Insert", "Update", "Delete" }) migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"FundsRecords_YearTotals_{trigger}\";");
            migrationBuilder.DropTable(
                name: "FundsYearTotals");

            migrationBuilder.CreateIndex(
                name: "IX_FundsRecords_Status_Period",
                table: "FundsRecords",
                columns: new[] { "Status", "Period" });
        }
        // The SQL is written out here, not taken from live code: this migration must create the same schema on every
        // fresh install, whatever the code of later versions says.

        // Row triggers (SQLite runs one statement per command); a row whose running totals all come back to zero is removed.
        private static readonly string[] CreateTriggers =
        [
            """
            CREATE TRIGGER "FundsRecords_YearTotals_Insert" AFTER INSERT ON "FundsRecords"
            BEGIN
              INSERT INTO "FundsYearTotals" ("Year", "Source", "ProjectId", "UnitId", "Through1", "Through2", "Through3", "Through4", "Through5", "Through6", "Through7", "Through8", "Through9", "Through10", "Through11", "Through12")
              SELECT NEW."Period" / 100, NEW."Source", NEW."ProjectId", NEW."UnitId",
                CASE WHEN NEW."Period" % 100 <= 1 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 2 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 3 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 4 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 5 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 6 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 7 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 8 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 9 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 10 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 11 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 12 THEN NEW."Amount" ELSE 0 END
              WHERE NEW."Status" = 1
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
            END;
            """,
            """
            CREATE TRIGGER "FundsRecords_YearTotals_Update" AFTER UPDATE OF "Status", "Amount", "Period", "Source", "ProjectId", "UnitId" ON "FundsRecords"
            BEGIN
              INSERT INTO "FundsYearTotals" ("Year", "Source", "ProjectId", "UnitId", "Through1", "Through2", "Through3", "Through4", "Through5", "Through6", "Through7", "Through8", "Through9", "Through10", "Through11", "Through12")
              SELECT OLD."Period" / 100, OLD."Source", OLD."ProjectId", OLD."UnitId",
                CASE WHEN OLD."Period" % 100 <= 1 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 2 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 3 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 4 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 5 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 6 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 7 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 8 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 9 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 10 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 11 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 12 THEN -OLD."Amount" ELSE 0 END
              WHERE OLD."Status" = 1
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
              INSERT INTO "FundsYearTotals" ("Year", "Source", "ProjectId", "UnitId", "Through1", "Through2", "Through3", "Through4", "Through5", "Through6", "Through7", "Through8", "Through9", "Through10", "Through11", "Through12")
              SELECT NEW."Period" / 100, NEW."Source", NEW."ProjectId", NEW."UnitId",
                CASE WHEN NEW."Period" % 100 <= 1 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 2 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 3 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 4 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 5 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 6 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 7 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 8 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 9 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 10 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 11 THEN NEW."Amount" ELSE 0 END,
                CASE WHEN NEW."Period" % 100 <= 12 THEN NEW."Amount" ELSE 0 END
              WHERE NEW."Status" = 1
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
              DELETE FROM "FundsYearTotals" WHERE "Year" = OLD."Period" / 100 AND "Source" = OLD."Source" AND "ProjectId" = OLD."ProjectId" AND "UnitId" = OLD."UnitId"
                AND "FundsYearTotals"."Through1" = 0 AND "FundsYearTotals"."Through2" = 0 AND "FundsYearTotals"."Through3" = 0 AND "FundsYearTotals"."Through4" = 0 AND "FundsYearTotals"."Through5" = 0 AND "FundsYearTotals"."Through6" = 0
                AND "FundsYearTotals"."Through7" = 0 AND "FundsYearTotals"."Through8" = 0 AND "FundsYearTotals"."Through9" = 0 AND "FundsYearTotals"."Through10" = 0 AND "FundsYearTotals"."Through11" = 0 AND "FundsYearTotals"."Through12" = 0;
            END;
            """,
            """
            CREATE TRIGGER "FundsRecords_YearTotals_Delete" AFTER DELETE ON "FundsRecords"
            BEGIN
              INSERT INTO "FundsYearTotals" ("Year", "Source", "ProjectId", "UnitId", "Through1", "Through2", "Through3", "Through4", "Through5", "Through6", "Through7", "Through8", "Through9", "Through10", "Through11", "Through12")
              SELECT OLD."Period" / 100, OLD."Source", OLD."ProjectId", OLD."UnitId",
                CASE WHEN OLD."Period" % 100 <= 1 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 2 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 3 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 4 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 5 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 6 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 7 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 8 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 9 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 10 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 11 THEN -OLD."Amount" ELSE 0 END,
                CASE WHEN OLD."Period" % 100 <= 12 THEN -OLD."Amount" ELSE 0 END
              WHERE OLD."Status" = 1
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
              DELETE FROM "FundsYearTotals" WHERE "Year" = OLD."Period" / 100 AND "Source" = OLD."Source" AND "ProjectId" = OLD."ProjectId" AND "UnitId" = OLD."UnitId"
                AND "FundsYearTotals"."Through1" = 0 AND "FundsYearTotals"."Through2" = 0 AND "FundsYearTotals"."Through3" = 0 AND "FundsYearTotals"."Through4" = 0 AND "FundsYearTotals"."Through5" = 0 AND "FundsYearTotals"."Through6" = 0
                AND "FundsYearTotals"."Through7" = 0 AND "FundsYearTotals"."Through8" = 0 AND "FundsYearTotals"."Through9" = 0 AND "FundsYearTotals"."Through10" = 0 AND "FundsYearTotals"."Through11" = 0 AND "FundsYearTotals"."Through12" = 0;
            END;
            """,
        ];

        // SQLite writes one transaction at a time: nothing slips between the delete and the insert.
        private const string Rebuild = """
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
    }
}

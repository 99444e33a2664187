using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
{
    /// <summary>
    /// The totals triggers, back after FundsIntegrity's table rebuilds (FundsTotalsPause took them off), rewritten so
    /// that FundsYearTotals satisfies its check constraints at every step: the former upsert proposed rows of negative
    /// amounts, which a check constraint refuses before the conflict is resolved.
    /// </summary>
    public partial class FundsTotalsChecked : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in YearTotalsTriggers) migrationBuilder.Sql(trigger);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Off before FundsIntegrity's table rebuilds; FundsTotalsPause brings back the former ones.
            foreach (var trigger in new[] { "Insert", "Update", "Delete" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"FundsRecords_YearTotals_{trigger}\";");
        }

        // A key that gains audited funds first gets a row of zeros, then each statement moves it by one record's amount
        // in its month and every later month of its year; a row whose totals come back to zero goes.
        private static readonly string[] YearTotalsTriggers =
        [
            """
            CREATE TRIGGER "FundsRecords_YearTotals_Insert" AFTER INSERT ON "FundsRecords" WHEN NEW."Status" = 1
            BEGIN
              INSERT INTO "FundsYearTotals" ("Year", "Source", "ProjectId", "UnitId", "Through1", "Through2", "Through3", "Through4", "Through5", "Through6", "Through7", "Through8", "Through9", "Through10", "Through11", "Through12")
              VALUES (NEW."Period" / 100, NEW."Source", NEW."ProjectId", NEW."UnitId", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
              ON CONFLICT DO NOTHING;
              UPDATE "FundsYearTotals" SET
                "Through1" = "Through1" + CASE WHEN NEW."Period" % 100 <= 1 THEN NEW."Amount" ELSE 0 END,
                "Through2" = "Through2" + CASE WHEN NEW."Period" % 100 <= 2 THEN NEW."Amount" ELSE 0 END,
                "Through3" = "Through3" + CASE WHEN NEW."Period" % 100 <= 3 THEN NEW."Amount" ELSE 0 END,
                "Through4" = "Through4" + CASE WHEN NEW."Period" % 100 <= 4 THEN NEW."Amount" ELSE 0 END,
                "Through5" = "Through5" + CASE WHEN NEW."Period" % 100 <= 5 THEN NEW."Amount" ELSE 0 END,
                "Through6" = "Through6" + CASE WHEN NEW."Period" % 100 <= 6 THEN NEW."Amount" ELSE 0 END,
                "Through7" = "Through7" + CASE WHEN NEW."Period" % 100 <= 7 THEN NEW."Amount" ELSE 0 END,
                "Through8" = "Through8" + CASE WHEN NEW."Period" % 100 <= 8 THEN NEW."Amount" ELSE 0 END,
                "Through9" = "Through9" + CASE WHEN NEW."Period" % 100 <= 9 THEN NEW."Amount" ELSE 0 END,
                "Through10" = "Through10" + CASE WHEN NEW."Period" % 100 <= 10 THEN NEW."Amount" ELSE 0 END,
                "Through11" = "Through11" + CASE WHEN NEW."Period" % 100 <= 11 THEN NEW."Amount" ELSE 0 END,
                "Through12" = "Through12" + NEW."Amount"
              WHERE "Year" = NEW."Period" / 100 AND "Source" = NEW."Source" AND "ProjectId" = NEW."ProjectId" AND "UnitId" = NEW."UnitId";
            END;
            """,
            """
            CREATE TRIGGER "FundsRecords_YearTotals_Update" AFTER UPDATE OF "Status", "Amount", "Period", "Source", "ProjectId", "UnitId" ON "FundsRecords"
            BEGIN
              -- The old contribution leaves, then the new one comes: each step leaves valid running totals.
              UPDATE "FundsYearTotals" SET
                "Through1" = "Through1" - CASE WHEN OLD."Period" % 100 <= 1 THEN OLD."Amount" ELSE 0 END,
                "Through2" = "Through2" - CASE WHEN OLD."Period" % 100 <= 2 THEN OLD."Amount" ELSE 0 END,
                "Through3" = "Through3" - CASE WHEN OLD."Period" % 100 <= 3 THEN OLD."Amount" ELSE 0 END,
                "Through4" = "Through4" - CASE WHEN OLD."Period" % 100 <= 4 THEN OLD."Amount" ELSE 0 END,
                "Through5" = "Through5" - CASE WHEN OLD."Period" % 100 <= 5 THEN OLD."Amount" ELSE 0 END,
                "Through6" = "Through6" - CASE WHEN OLD."Period" % 100 <= 6 THEN OLD."Amount" ELSE 0 END,
                "Through7" = "Through7" - CASE WHEN OLD."Period" % 100 <= 7 THEN OLD."Amount" ELSE 0 END,
                "Through8" = "Through8" - CASE WHEN OLD."Period" % 100 <= 8 THEN OLD."Amount" ELSE 0 END,
                "Through9" = "Through9" - CASE WHEN OLD."Period" % 100 <= 9 THEN OLD."Amount" ELSE 0 END,
                "Through10" = "Through10" - CASE WHEN OLD."Period" % 100 <= 10 THEN OLD."Amount" ELSE 0 END,
                "Through11" = "Through11" - CASE WHEN OLD."Period" % 100 <= 11 THEN OLD."Amount" ELSE 0 END,
                "Through12" = "Through12" - OLD."Amount"
              WHERE "Year" = OLD."Period" / 100 AND "Source" = OLD."Source" AND "ProjectId" = OLD."ProjectId" AND "UnitId" = OLD."UnitId" AND OLD."Status" = 1;
              INSERT INTO "FundsYearTotals" ("Year", "Source", "ProjectId", "UnitId", "Through1", "Through2", "Through3", "Through4", "Through5", "Through6", "Through7", "Through8", "Through9", "Through10", "Through11", "Through12")
              SELECT NEW."Period" / 100, NEW."Source", NEW."ProjectId", NEW."UnitId", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 WHERE NEW."Status" = 1
              ON CONFLICT DO NOTHING;
              UPDATE "FundsYearTotals" SET
                "Through1" = "Through1" + CASE WHEN NEW."Period" % 100 <= 1 THEN NEW."Amount" ELSE 0 END,
                "Through2" = "Through2" + CASE WHEN NEW."Period" % 100 <= 2 THEN NEW."Amount" ELSE 0 END,
                "Through3" = "Through3" + CASE WHEN NEW."Period" % 100 <= 3 THEN NEW."Amount" ELSE 0 END,
                "Through4" = "Through4" + CASE WHEN NEW."Period" % 100 <= 4 THEN NEW."Amount" ELSE 0 END,
                "Through5" = "Through5" + CASE WHEN NEW."Period" % 100 <= 5 THEN NEW."Amount" ELSE 0 END,
                "Through6" = "Through6" + CASE WHEN NEW."Period" % 100 <= 6 THEN NEW."Amount" ELSE 0 END,
                "Through7" = "Through7" + CASE WHEN NEW."Period" % 100 <= 7 THEN NEW."Amount" ELSE 0 END,
                "Through8" = "Through8" + CASE WHEN NEW."Period" % 100 <= 8 THEN NEW."Amount" ELSE 0 END,
                "Through9" = "Through9" + CASE WHEN NEW."Period" % 100 <= 9 THEN NEW."Amount" ELSE 0 END,
                "Through10" = "Through10" + CASE WHEN NEW."Period" % 100 <= 10 THEN NEW."Amount" ELSE 0 END,
                "Through11" = "Through11" + CASE WHEN NEW."Period" % 100 <= 11 THEN NEW."Amount" ELSE 0 END,
                "Through12" = "Through12" + NEW."Amount"
              WHERE "Year" = NEW."Period" / 100 AND "Source" = NEW."Source" AND "ProjectId" = NEW."ProjectId" AND "UnitId" = NEW."UnitId" AND NEW."Status" = 1;
              DELETE FROM "FundsYearTotals"
              WHERE "Year" = OLD."Period" / 100 AND "Source" = OLD."Source" AND "ProjectId" = OLD."ProjectId" AND "UnitId" = OLD."UnitId" AND "Through12" = 0;
            END;
            """,
            """
            CREATE TRIGGER "FundsRecords_YearTotals_Delete" AFTER DELETE ON "FundsRecords" WHEN OLD."Status" = 1
            BEGIN
              UPDATE "FundsYearTotals" SET
                "Through1" = "Through1" - CASE WHEN OLD."Period" % 100 <= 1 THEN OLD."Amount" ELSE 0 END,
                "Through2" = "Through2" - CASE WHEN OLD."Period" % 100 <= 2 THEN OLD."Amount" ELSE 0 END,
                "Through3" = "Through3" - CASE WHEN OLD."Period" % 100 <= 3 THEN OLD."Amount" ELSE 0 END,
                "Through4" = "Through4" - CASE WHEN OLD."Period" % 100 <= 4 THEN OLD."Amount" ELSE 0 END,
                "Through5" = "Through5" - CASE WHEN OLD."Period" % 100 <= 5 THEN OLD."Amount" ELSE 0 END,
                "Through6" = "Through6" - CASE WHEN OLD."Period" % 100 <= 6 THEN OLD."Amount" ELSE 0 END,
                "Through7" = "Through7" - CASE WHEN OLD."Period" % 100 <= 7 THEN OLD."Amount" ELSE 0 END,
                "Through8" = "Through8" - CASE WHEN OLD."Period" % 100 <= 8 THEN OLD."Amount" ELSE 0 END,
                "Through9" = "Through9" - CASE WHEN OLD."Period" % 100 <= 9 THEN OLD."Amount" ELSE 0 END,
                "Through10" = "Through10" - CASE WHEN OLD."Period" % 100 <= 10 THEN OLD."Amount" ELSE 0 END,
                "Through11" = "Through11" - CASE WHEN OLD."Period" % 100 <= 11 THEN OLD."Amount" ELSE 0 END,
                "Through12" = "Through12" - OLD."Amount"
              WHERE "Year" = OLD."Period" / 100 AND "Source" = OLD."Source" AND "ProjectId" = OLD."ProjectId" AND "UnitId" = OLD."UnitId";
              DELETE FROM "FundsYearTotals"
              WHERE "Year" = OLD."Period" / 100 AND "Source" = OLD."Source" AND "ProjectId" = OLD."ProjectId" AND "UnitId" = OLD."UnitId" AND "Through12" = 0;
            END;
            """,
        ];
    }
}

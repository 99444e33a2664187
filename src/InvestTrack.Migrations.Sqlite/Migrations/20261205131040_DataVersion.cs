using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
{
    /// <summary>
    /// The data version that the figures cache keys on (docs/decisions/0010): one row whose value moves with every change
    /// of a table the figures read, in the same transaction.
    /// </summary>
    public partial class DataVersion : Migration
    {
        // Every table the dispatch figures, their list and the dashboard read. Not FundsRecords: the figures read the running
        // totals, which the funds triggers change in the same transaction as every change of an audited record (decision 0007).
        private static readonly string[] Tables =
            ["Projects", "StageChanges", "FundsYearTotals", "AnnualTargets", "Units", "Companies", "Industries", "IndustryCatalogs", "ReportTemplates", "Provinces", "Countries"];

        private static readonly string[] Operations = ["INSERT", "UPDATE", "DELETE"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "DataVersion" (
                  "Id" INTEGER NOT NULL CONSTRAINT "PK_DataVersion" PRIMARY KEY CONSTRAINT "CK_DataVersion_One" CHECK ("Id" = 1),
                  "Value" INTEGER NOT NULL
                );
                """);
            migrationBuilder.Sql("""INSERT INTO "DataVersion" ("Id", "Value") VALUES (1, 1);""");
            // SQLite has row triggers only, and one writer at a time, so the row is no point of contention. BEFORE, not AFTER:
            // EF Core saves with RETURNING, which SQLite does not combine with AFTER triggers. A table rebuilt by a later
            // migration loses its triggers, which must then be created again (FiguresCacheTests checks them all).
            foreach (var table in Tables)
                foreach (var operation in Operations)
                    migrationBuilder.Sql($"""
                        CREATE TRIGGER "{table}_DataVersion_{operation}" BEFORE {operation} ON "{table}"
                        BEGIN
                          UPDATE "DataVersion" SET "Value" = "Value" + 1 WHERE "Id" = 1;
                        END;
                        """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
                foreach (var operation in Operations)
                    migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_DataVersion_{operation}";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "DataVersion";""");
        }
    }
}

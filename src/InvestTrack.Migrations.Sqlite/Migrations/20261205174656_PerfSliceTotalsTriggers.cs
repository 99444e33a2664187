using System.Linq;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
{
    /// <summary>
    /// FundsSliceTotals kept by triggers in the same transaction as every change (docs/decisions/0011): per year, unit,
    /// industry and investor origin, the sum of the year's FundsYearTotals rows. Row triggers (one writer at a time): a
    /// totals row moves the slice of its project's present industry and origin; a project that changes industry or investor,
    /// or an investor that changes origin, moves its totals from the old slice to the new one.
    /// </summary>
    public partial class PerfSliceTotalsTriggers : Migration
    {
        private static readonly int[] Months = [.. Enumerable.Range(1, 12)];
        private static readonly string Throughs = string.Join(", ", Months.Select(k => $"\"Through{k}\""));
        private const string Key = "\"Year\", \"UnitId\", \"IndustryId\", \"OriginProvinceCode\", \"OriginCountryCode\"";
        private static readonly string OnConflict =
            $"ON CONFLICT ({Key}) DO UPDATE SET {string.Join(", ", Months.Select(k => $"\"Through{k}\" = \"Through{k}\" + excluded.\"Through{k}\""))}";

        private static readonly string[] Operations = ["INSERT", "UPDATE", "DELETE"];

        // One totals row (OLD or NEW), signed, in the slice of its project's present industry and investor's origin. The WHERE
        // also settles SQLite's parsing of an upsert after a SELECT.
        private static string TotalsRow(string row, string sign) => $"""
              INSERT INTO "FundsSliceTotals" ({Key}, {Throughs})
              SELECT {row}."Year", {row}."UnitId", COALESCE(p."IndustryId", 0), COALESCE(c."OriginProvinceCode", ''), COALESCE(c."OriginCountryCode", ''),
                {string.Join(", ", Months.Select(k => $"{sign}{row}.\"Through{k}\""))}
              FROM "Projects" p JOIN "Companies" c ON c."Id" = p."CompanyId" WHERE p."Id" = {row}."ProjectId"
              {OnConflict};
            """;

        // All totals of project OLD."Id" in the slice of (industry, company), under its former unit (see the PostgreSQL
        // migration: a unit moved in the same statement is moved by the records' trigger, in the new industry's slice).
        private static string ProjectTotals(string industry, string company, string sign) => $"""
              INSERT INTO "FundsSliceTotals" ({Key}, {Throughs})
              SELECT t."Year", OLD."UnitId", COALESCE({industry}, 0), COALESCE(c."OriginProvinceCode", ''), COALESCE(c."OriginCountryCode", ''),
                {string.Join(", ", Months.Select(k => $"{sign}SUM(t.\"Through{k}\")"))}
              FROM "FundsYearTotals" t JOIN "Companies" c ON c."Id" = {company} WHERE t."ProjectId" = OLD."Id"
              GROUP BY t."Year", c."Id"
              {OnConflict};
            """;

        private static string CompanyTotals(string row, string sign) => $"""
              INSERT INTO "FundsSliceTotals" ({Key}, {Throughs})
              SELECT t."Year", t."UnitId", COALESCE(p."IndustryId", 0), COALESCE({row}."OriginProvinceCode", ''), COALESCE({row}."OriginCountryCode", ''),
                {string.Join(", ", Months.Select(k => $"{sign}SUM(t.\"Through{k}\")"))}
              FROM "Projects" p JOIN "FundsYearTotals" t ON t."ProjectId" = p."Id" WHERE p."CompanyId" = OLD."Id"
              GROUP BY t."Year", t."UnitId", COALESCE(p."IndustryId", 0)
              {OnConflict};
            """;

        private static string[] Triggers =>
        [
            $"""
            CREATE TRIGGER "FundsYearTotals_SliceTotals_Insert" AFTER INSERT ON "FundsYearTotals"
            BEGIN
            {TotalsRow("NEW", "")}
            END;
            """,
            $"""
            CREATE TRIGGER "FundsYearTotals_SliceTotals_Update" AFTER UPDATE ON "FundsYearTotals"
            BEGIN
            {TotalsRow("OLD", "-")}
            {TotalsRow("NEW", "")}
            END;
            """,
            $"""
            CREATE TRIGGER "FundsYearTotals_SliceTotals_Delete" AFTER DELETE ON "FundsYearTotals"
            BEGIN
            {TotalsRow("OLD", "-")}
            END;
            """,
            $"""
            CREATE TRIGGER "Projects_SliceTotals" AFTER UPDATE OF "IndustryId", "CompanyId" ON "Projects"
            WHEN OLD."IndustryId" IS NOT NEW."IndustryId" OR OLD."CompanyId" <> NEW."CompanyId"
            BEGIN
            {ProjectTotals("OLD.\"IndustryId\"", "OLD.\"CompanyId\"", "-")}
            {ProjectTotals("NEW.\"IndustryId\"", "NEW.\"CompanyId\"", "")}
            END;
            """,
            $"""
            CREATE TRIGGER "Companies_SliceTotals" AFTER UPDATE OF "OriginProvinceCode", "OriginCountryCode" ON "Companies"
            WHEN COALESCE(OLD."OriginProvinceCode", '') <> COALESCE(NEW."OriginProvinceCode", '')
              OR COALESCE(OLD."OriginCountryCode", '') <> COALESCE(NEW."OriginCountryCode", '')
            BEGIN
            {CompanyTotals("OLD", "-")}
            {CompanyTotals("NEW", "")}
            END;
            """,
        ];

        private static readonly string[] TriggerNames =
            ["FundsYearTotals_SliceTotals_Insert", "FundsYearTotals_SliceTotals_Update", "FundsYearTotals_SliceTotals_Delete", "Projects_SliceTotals", "Companies_SliceTotals"];

        private static string Fill => $"""
            INSERT INTO "FundsSliceTotals" ({Key}, {Throughs})
            SELECT t."Year", t."UnitId", COALESCE(p."IndustryId", 0), COALESCE(c."OriginProvinceCode", ''), COALESCE(c."OriginCountryCode", ''),
              {string.Join(", ", Months.Select(k => $"SUM(t.\"Through{k}\")"))}
            FROM "FundsYearTotals" t JOIN "Projects" p ON p."Id" = t."ProjectId" JOIN "Companies" c ON c."Id" = p."CompanyId"
            GROUP BY 1, 2, 3, 4, 5;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in Triggers) migrationBuilder.Sql(trigger);
            // As the other tables the figures read (migration DataVersion): written by hand or by a repair, it moves the version.
            foreach (var operation in Operations)
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "FundsSliceTotals_DataVersion_{operation}" BEFORE {operation} ON "FundsSliceTotals"
                    BEGIN
                      UPDATE "DataVersion" SET "Value" = "Value" + 1 WHERE "Id" = 1;
                    END;
                    """);
            migrationBuilder.Sql("""DELETE FROM "FundsSliceTotals";""");
            migrationBuilder.Sql(Fill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var operation in Operations)
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "FundsSliceTotals_DataVersion_{operation}";""");
            foreach (var name in TriggerNames)
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{name}";""");
            migrationBuilder.Sql("""DELETE FROM "FundsSliceTotals";""");
        }
    }
}

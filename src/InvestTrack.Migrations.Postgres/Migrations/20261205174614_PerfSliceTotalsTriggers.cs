using System.Linq;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <summary>
    /// FundsSliceTotals kept by triggers in the same transaction as every change (docs/decisions/0011): per year, unit,
    /// industry and investor origin, the sum of the year's FundsYearTotals rows. A change of the totals moves the slice of
    /// the project's present industry and origin; a project that changes industry or investor, or an investor that changes
    /// origin, moves its totals from the old slice to the new one. Filled here from the totals under a lock.
    /// </summary>
    public partial class PerfSliceTotalsTriggers : Migration
    {
        private static readonly int[] Months = [.. Enumerable.Range(1, 12)];
        private static readonly string Throughs = string.Join(", ", Months.Select(k => $"\"Through{k}\""));
        private const string Key = "\"Year\", \"UnitId\", \"IndustryId\", \"OriginProvinceCode\", \"OriginCountryCode\"";

        // Adds rows (y, u, i, op, oc, c1..c12) of signed amounts to the slices, in key order (two writers that lock several
        // slices lock them in the same order).
        private static string Upsert(string rows) => $"""
            INSERT INTO "FundsSliceTotals" AS s ({Key}, {Throughs})
            SELECT y, u, i, op, oc, {string.Join(", ", Months.Select(k => $"SUM(c{k})"))}
            FROM ({rows}) d GROUP BY y, u, i, op, oc ORDER BY y, u, i, op, oc
            ON CONFLICT ({Key}) DO UPDATE SET {string.Join(", ", Months.Select(k => $"\"Through{k}\" = s.\"Through{k}\" + excluded.\"Through{k}\""))};
            """;

        private static string Amounts(string alias, string sign) => string.Join(", ", Months.Select(k => $"{sign}{alias}.\"Through{k}\" AS c{k}"));

        // Totals rows of a transition table, signed, in the slice of their project's present industry and investor's origin.
        private static string TotalsRows(string table, string sign) => $"""
            SELECT t."Year" AS y, t."UnitId" AS u, COALESCE(p."IndustryId", 0) AS i, COALESCE(c."OriginProvinceCode", '') AS op,
              COALESCE(c."OriginCountryCode", '') AS oc, {Amounts("t", sign)}
            FROM {table} t JOIN "Projects" p ON p."Id" = t."ProjectId" JOIN "Companies" c ON c."Id" = p."CompanyId"
            """;

        // The projects and investors whose attributes the statement reads stay as they are until it commits: a concurrent
        // change of a project's industry or investor, or of an investor's origin, waits for it, and this statement waits for
        // such a change and then reads its result (READ COMMITTED: each statement of the function sees the latest commits).
        private static string LockProjectsOf(string table) => $"""
              PERFORM 1 FROM "Projects" WHERE "Id" IN (SELECT "ProjectId" FROM {table}) ORDER BY "Id" FOR SHARE;
              PERFORM 1 FROM "Companies" WHERE "Id" IN (SELECT "CompanyId" FROM "Projects" WHERE "Id" IN (SELECT "ProjectId" FROM {table})) ORDER BY "Id" FOR SHARE;
            """;

        private static string ApplyTotals => $"""
            CREATE FUNCTION "FundsYearTotals_ApplyToSliceTotals"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN
            {LockProjectsOf("new_rows")}
                {Upsert(TotalsRows("new_rows", ""))}
              ELSIF TG_OP = 'DELETE' THEN
            {LockProjectsOf("old_rows")}
                {Upsert(TotalsRows("old_rows", "-"))}
              ELSE
            {LockProjectsOf("new_rows")}
            {LockProjectsOf("old_rows")}
                {Upsert(TotalsRows("new_rows", "") + " UNION ALL " + TotalsRows("old_rows", "-"))}
              END IF;
              RETURN NULL;
            END $$;
            """;

        // A project that changes industry or investor moves all its totals from the old slice to the new one, under its former
        // unit: when its unit changes in the same statement, the cascade to its records has moved (or will move) its totals
        // from the former unit to the new one in the slice of its new industry and origin, which this completes. The two
        // investors are locked first (see LockProjectsOf).
        private static string ApplyProjects => $"""
            CREATE FUNCTION "Projects_ApplyToSliceTotals"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n."Id" = o."Id"
                             WHERE o."IndustryId" IS DISTINCT FROM n."IndustryId" OR o."CompanyId" <> n."CompanyId") THEN
                RETURN NULL;
              END IF;
              PERFORM 1 FROM "Companies" WHERE "Id" IN (
                SELECT o."CompanyId" FROM old_rows o JOIN new_rows n ON n."Id" = o."Id" WHERE o."IndustryId" IS DISTINCT FROM n."IndustryId" OR o."CompanyId" <> n."CompanyId"
                UNION SELECT n."CompanyId" FROM old_rows o JOIN new_rows n ON n."Id" = o."Id" WHERE o."IndustryId" IS DISTINCT FROM n."IndustryId" OR o."CompanyId" <> n."CompanyId")
                ORDER BY "Id" FOR SHARE;
              WITH m AS (
                SELECT o."Id", o."UnitId", COALESCE(o."IndustryId", 0) AS oi, o."CompanyId" AS oc, COALESCE(n."IndustryId", 0) AS ni, n."CompanyId" AS nc
                FROM old_rows o JOIN new_rows n ON n."Id" = o."Id"
                WHERE o."IndustryId" IS DISTINCT FROM n."IndustryId" OR o."CompanyId" <> n."CompanyId")
              {Upsert($"""
                  SELECT t."Year" AS y, m."UnitId" AS u, m.oi AS i, COALESCE(c."OriginProvinceCode", '') AS op, COALESCE(c."OriginCountryCode", '') AS oc, {Amounts("t", "-")}
                  FROM m JOIN "FundsYearTotals" t ON t."ProjectId" = m."Id" JOIN "Companies" c ON c."Id" = m.oc
                  UNION ALL
                  SELECT t."Year", m."UnitId", m.ni, COALESCE(c."OriginProvinceCode", ''), COALESCE(c."OriginCountryCode", ''), {Amounts("t", "")}
                  FROM m JOIN "FundsYearTotals" t ON t."ProjectId" = m."Id" JOIN "Companies" c ON c."Id" = m.nc
                  """)}
              RETURN NULL;
            END $$;
            """;

        // An investor whose origin changes moves its projects' totals from the old origin's slices to the new one's.
        private static string ApplyCompanies => $"""
            CREATE FUNCTION "Companies_ApplyToSliceTotals"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              WITH m AS (
                SELECT o."Id", COALESCE(o."OriginProvinceCode", '') AS op0, COALESCE(o."OriginCountryCode", '') AS oc0,
                  COALESCE(n."OriginProvinceCode", '') AS op1, COALESCE(n."OriginCountryCode", '') AS oc1
                FROM old_rows o JOIN new_rows n ON n."Id" = o."Id"
                WHERE COALESCE(o."OriginProvinceCode", '') <> COALESCE(n."OriginProvinceCode", '')
                   OR COALESCE(o."OriginCountryCode", '') <> COALESCE(n."OriginCountryCode", ''))
              {Upsert($"""
                  SELECT t."Year" AS y, t."UnitId" AS u, COALESCE(p."IndustryId", 0) AS i, m.op0 AS op, m.oc0 AS oc, {Amounts("t", "-")}
                  FROM m JOIN "Projects" p ON p."CompanyId" = m."Id" JOIN "FundsYearTotals" t ON t."ProjectId" = p."Id"
                  UNION ALL
                  SELECT t."Year", t."UnitId", COALESCE(p."IndustryId", 0), m.op1, m.oc1, {Amounts("t", "")}
                  FROM m JOIN "Projects" p ON p."CompanyId" = m."Id" JOIN "FundsYearTotals" t ON t."ProjectId" = p."Id"
                  """)}
              RETURN NULL;
            END $$;
            """;

        private const string Truncated = """
            CREATE FUNCTION "FundsYearTotals_TruncateSliceTotals"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              DELETE FROM "FundsSliceTotals";
              RETURN NULL;
            END $$;
            """;

        private static string Fill => $"""
            DELETE FROM "FundsSliceTotals";
            INSERT INTO "FundsSliceTotals" ({Key}, {Throughs})
            SELECT t."Year", t."UnitId", COALESCE(p."IndustryId", 0), COALESCE(c."OriginProvinceCode", ''), COALESCE(c."OriginCountryCode", ''),
              {string.Join(", ", Months.Select(k => $"SUM(t.\"Through{k}\")"))}
            FROM "FundsYearTotals" t JOIN "Projects" p ON p."Id" = t."ProjectId" JOIN "Companies" c ON c."Id" = p."CompanyId"
            GROUP BY 1, 2, 3, 4, 5;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Writers of the three tables wait until the triggers exist and the table is filled (readers go on).
            migrationBuilder.Sql("""LOCK TABLE "FundsYearTotals", "Projects", "Companies" IN SHARE ROW EXCLUSIVE MODE;""");
            migrationBuilder.Sql(ApplyTotals);
            migrationBuilder.Sql(ApplyProjects);
            migrationBuilder.Sql(ApplyCompanies);
            migrationBuilder.Sql(Truncated);
            migrationBuilder.Sql("""
                CREATE TRIGGER "FundsYearTotals_SliceTotals_Insert" AFTER INSERT ON "FundsYearTotals"
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "FundsYearTotals_ApplyToSliceTotals"();
                CREATE TRIGGER "FundsYearTotals_SliceTotals_Update" AFTER UPDATE ON "FundsYearTotals"
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "FundsYearTotals_ApplyToSliceTotals"();
                CREATE TRIGGER "FundsYearTotals_SliceTotals_Delete" AFTER DELETE ON "FundsYearTotals"
                REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "FundsYearTotals_ApplyToSliceTotals"();
                CREATE TRIGGER "FundsYearTotals_SliceTotals_Truncate" AFTER TRUNCATE ON "FundsYearTotals"
                FOR EACH STATEMENT EXECUTE FUNCTION "FundsYearTotals_TruncateSliceTotals"();
                CREATE TRIGGER "Projects_SliceTotals" AFTER UPDATE ON "Projects"
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Projects_ApplyToSliceTotals"();
                CREATE TRIGGER "Companies_SliceTotals" AFTER UPDATE ON "Companies"
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Companies_ApplyToSliceTotals"();
                """);
            // As FundsYearTotals' (migration DataVersion): written at depth 0 only by a repair or by hand.
            migrationBuilder.Sql("""
                CREATE TRIGGER "FundsSliceTotals_DataVersion" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "FundsSliceTotals" FOR EACH STATEMENT
                WHEN (pg_trigger_depth() = 0 AND current_setting('investtrack.data_touched', true) IS DISTINCT FROM 'on')
                EXECUTE FUNCTION "DataVersion_Touch"();
                """);
            migrationBuilder.Sql(Fill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "FundsSliceTotals_DataVersion" ON "FundsSliceTotals";
                DROP TRIGGER IF EXISTS "Companies_SliceTotals" ON "Companies";
                DROP TRIGGER IF EXISTS "Projects_SliceTotals" ON "Projects";
                DROP TRIGGER IF EXISTS "FundsYearTotals_SliceTotals_Truncate" ON "FundsYearTotals";
                DROP TRIGGER IF EXISTS "FundsYearTotals_SliceTotals_Delete" ON "FundsYearTotals";
                DROP TRIGGER IF EXISTS "FundsYearTotals_SliceTotals_Update" ON "FundsYearTotals";
                DROP TRIGGER IF EXISTS "FundsYearTotals_SliceTotals_Insert" ON "FundsYearTotals";
                DROP FUNCTION IF EXISTS "FundsYearTotals_TruncateSliceTotals"();
                DROP FUNCTION IF EXISTS "Companies_ApplyToSliceTotals"();
                DROP FUNCTION IF EXISTS "Projects_ApplyToSliceTotals"();
                DROP FUNCTION IF EXISTS "FundsYearTotals_ApplyToSliceTotals"();
                DELETE FROM "FundsSliceTotals";
                """);
        }
    }
}

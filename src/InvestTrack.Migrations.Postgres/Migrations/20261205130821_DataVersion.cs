using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <summary>
    /// The data version that the figures cache keys on (docs/decisions/0009): one row whose value moves once for every
    /// committed transaction that changed a table the figures read, in that transaction.
    /// </summary>
    public partial class DataVersion : Migration
    {
        // Every table the dispatch figures, their list and the dashboard read. Not FundsRecords: the figures read the running
        // totals, which every change of an audited record changes in the same transaction (decision 0007), while a pending
        // record's changes move no figure.
        private static readonly string[] StatementTables =
            ["Projects", "StageChanges", "AnnualTargets", "Units", "Companies", "Industries", "IndustryCatalogs", "ReportTemplates", "Provinces", "Countries"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Tables);
            migrationBuilder.Sql(Touch);
            migrationBuilder.Sql(Bump);
            migrationBuilder.Sql("""
                CREATE CONSTRAINT TRIGGER "DataVersionTouches_Bump" AFTER INSERT ON "DataVersionTouches"
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "DataVersion_Bump"();
                """);
            // Statement triggers cost nothing per row and keep COPY's batched inserts (a row trigger BEFORE INSERT would not).
            foreach (var table in StatementTables)
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_DataVersion" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" FOR EACH STATEMENT
                    WHEN (current_setting('investtrack.data_touched', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION "DataVersion_Touch"();
                    """);
            // The totals are written by the funds triggers' statements, which run for every funds statement, pending records'
            // too, mostly touching no row: a row trigger moves the version only when a total really changes. Nothing COPYs into
            // this table.
            migrationBuilder.Sql("""
                CREATE TRIGGER "FundsYearTotals_DataVersion" BEFORE INSERT OR UPDATE OR DELETE ON "FundsYearTotals" FOR EACH ROW
                WHEN (current_setting('investtrack.data_touched', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION "DataVersion_Touch"();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "FundsYearTotals_DataVersion_Truncate" AFTER TRUNCATE ON "FundsYearTotals" FOR EACH STATEMENT
                EXECUTE FUNCTION "DataVersion_Touch"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in StatementTables)
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_DataVersion" ON "{table}";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "FundsYearTotals_DataVersion" ON "FundsYearTotals";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "FundsYearTotals_DataVersion_Truncate" ON "FundsYearTotals";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "DataVersionTouches";""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "DataVersion_Bump"();""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "DataVersion_Touch"();""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "DataVersion";""");
        }

        // One row, read before every answer. "DataVersionTouches" holds a row per writing transaction from its first change
        // until its commit: unlogged (it is empty at every commit), never read by the app.
        private const string Tables = """
            CREATE TABLE "DataVersion" (
              "Id" integer NOT NULL CONSTRAINT "PK_DataVersion" PRIMARY KEY CONSTRAINT "CK_DataVersion_One" CHECK ("Id" = 1),
              "Value" bigint NOT NULL
            );
            INSERT INTO "DataVersion" ("Id", "Value") VALUES (1, 1);
            CREATE UNLOGGED TABLE "DataVersionTouches" ("Tx" xid8 NOT NULL DEFAULT pg_current_xact_id());
            """;

        // The first change of a transaction leaves one row in "DataVersionTouches" and notes it in a setting local to the
        // transaction (both undone with a rolled-back savepoint), so later changes of the transaction skip the trigger in its
        // WHEN. As a row trigger (BEFORE) it returns the row unchanged.
        private const string Touch = """
            CREATE FUNCTION "DataVersion_Touch"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF current_setting('investtrack.data_touched', true) IS DISTINCT FROM 'on' THEN
                PERFORM set_config('investtrack.data_touched', 'on', true);
                INSERT INTO "DataVersionTouches" DEFAULT VALUES;
              END IF;
              IF TG_LEVEL = 'STATEMENT' THEN
                RETURN NULL;
              ELSIF TG_OP = 'DELETE' THEN
                RETURN OLD;
              END IF;
              RETURN NEW;
            END $$;
            """;

        // Deferred to the commit: the version's row is locked only while the transaction commits, never from its first change
        // on (a 35-second import would otherwise hold every other writer for 35 seconds). A rolled-back transaction never gets
        // here, so the value counts committed changes exactly, in commit order.
        private const string Bump = """
            CREATE FUNCTION "DataVersion_Bump"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              UPDATE "DataVersion" SET "Value" = "Value" + 1 WHERE "Id" = 1;
              DELETE FROM "DataVersionTouches" WHERE "Tx" = NEW."Tx";
              RETURN NULL;
            END $$;
            """;
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <summary>
    /// The data version that the figures cache keys on (docs/decisions/0010): one row whose value moves once for every
    /// committed transaction that changed a table the figures read, in that transaction.
    /// </summary>
    public partial class DataVersion : Migration
    {
        // Every table the dispatch figures, their list and the dashboard read but the two of the funds (below).
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
            // The figures read the running totals, never the records; the totals change with audited records only (0007).
            migrationBuilder.Sql(FundsTouch);
            migrationBuilder.Sql("""
                CREATE TRIGGER "FundsRecords_DataVersion_Insert" AFTER INSERT ON "FundsRecords"
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "FundsRecords_DataVersion_Touch"();
                CREATE TRIGGER "FundsRecords_DataVersion_Update" AFTER UPDATE ON "FundsRecords"
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "FundsRecords_DataVersion_Touch"();
                CREATE TRIGGER "FundsRecords_DataVersion_Delete" AFTER DELETE ON "FundsRecords"
                REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "FundsRecords_DataVersion_Touch"();
                """);
            // Written at depth 0 only by a repair or by hand; the funds triggers' own statements on it (depth 1 and more) run
            // for every funds statement, pending records' too, and are counted above by what they do to audited records.
            migrationBuilder.Sql("""
                CREATE TRIGGER "FundsYearTotals_DataVersion" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "FundsYearTotals" FOR EACH STATEMENT
                WHEN (pg_trigger_depth() = 0 AND current_setting('investtrack.data_touched', true) IS DISTINCT FROM 'on')
                EXECUTE FUNCTION "DataVersion_Touch"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in StatementTables)
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_DataVersion" ON "{table}";""");
            foreach (var operation in new[] { "Insert", "Update", "Delete" })
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "FundsRecords_DataVersion_{operation}" ON "FundsRecords";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "FundsYearTotals_DataVersion" ON "FundsYearTotals";""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "FundsRecords_DataVersion_Touch"();""");
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
        // transaction (both undone with a rolled-back savepoint), so later statements of the transaction skip the trigger in
        // its WHEN.
        private const string Touch = """
            CREATE FUNCTION "DataVersion_Touch"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF current_setting('investtrack.data_touched', true) IS DISTINCT FROM 'on' THEN
                PERFORM set_config('investtrack.data_touched', 'on', true);
                INSERT INTO "DataVersionTouches" DEFAULT VALUES;
              END IF;
              RETURN NULL;
            END $$;
            """;

        // A statement that adds, changes or removes an audited record changes the running totals: its transition tables (which
        // the totals triggers capture anyway) say so. Reporting, editing or returning a pending record moves no figure.
        private const string FundsTouch = """
            CREATE FUNCTION "FundsRecords_DataVersion_Touch"() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE audited boolean;
            BEGIN
              IF current_setting('investtrack.data_touched', true) IS DISTINCT FROM 'on' THEN
                IF TG_OP = 'INSERT' THEN
                  audited := EXISTS (SELECT 1 FROM new_rows WHERE "Status" = 1);
                ELSIF TG_OP = 'DELETE' THEN
                  audited := EXISTS (SELECT 1 FROM old_rows WHERE "Status" = 1);
                ELSE
                  audited := EXISTS (SELECT 1 FROM new_rows WHERE "Status" = 1) OR EXISTS (SELECT 1 FROM old_rows WHERE "Status" = 1);
                END IF;
                IF audited THEN
                  PERFORM set_config('investtrack.data_touched', 'on', true);
                  INSERT INTO "DataVersionTouches" DEFAULT VALUES;
                END IF;
              END IF;
              RETURN NULL;
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

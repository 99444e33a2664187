using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <summary>
    /// The dashboard's 线索与活动 row joins the cached figures (decision 0010): the tables it reads move the data version as
    /// the funds' tables do, and the two lead counts it makes get covering indexes (raw SQL: INCLUDE and the partial index
    /// are PostgreSQL's; the model does not know them, so the dashboard's two counts are index-only scans).
    /// </summary>
    public partial class OutreachDataVersion : Migration
    {
        private static readonly string[] Tables = ["Leads", "LeadClocks", "Activities"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_DataVersion" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" FOR EACH STATEMENT
                    WHEN (current_setting('investtrack.data_touched', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION "DataVersion_Touch"();
                    """);
            // Leads registered in a period (and of them converted), and open leads of at least the big size.
            migrationBuilder.Sql("""CREATE INDEX "IX_Leads_RegisteredOn_Dashboard" ON "Leads" ("RegisteredOn") INCLUDE ("UnitId", "ProjectId");""");
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Leads_OpenEstimate_Dashboard" ON "Leads" ("EstimatedInvestment") INCLUDE ("UnitId")
                WHERE "Status" IN (0, 1, 2);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Leads_OpenEstimate_Dashboard";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Leads_RegisteredOn_Dashboard";""");
            foreach (var table in Tables)
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_DataVersion" ON "{table}";""");
        }
    }
}

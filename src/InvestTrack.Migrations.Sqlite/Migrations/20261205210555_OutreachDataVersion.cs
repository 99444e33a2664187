using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
{
    /// <summary>
    /// The dashboard's 线索与活动 row joins the cached figures (decision 0010): the tables it reads move the data version as
    /// the funds' tables do (BEFORE row triggers, as in DataVersion), and the two lead counts it makes get indexes (raw SQL,
    /// as on PostgreSQL, where they cover the counts; a later rebuild of Leads must create them and the triggers again).
    /// </summary>
    public partial class OutreachDataVersion : Migration
    {
        private static readonly string[] Tables = ["Leads", "LeadClocks", "Activities"];
        private static readonly string[] Operations = ["INSERT", "UPDATE", "DELETE"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
                foreach (var operation in Operations)
                    migrationBuilder.Sql($"""
                        CREATE TRIGGER "{table}_DataVersion_{operation}" BEFORE {operation} ON "{table}"
                        BEGIN
                          UPDATE "DataVersion" SET "Value" = "Value" + 1 WHERE "Id" = 1;
                        END;
                        """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Leads_RegisteredOn_Dashboard" ON "Leads" ("RegisteredOn", "UnitId", "ProjectId");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Leads_OpenEstimate_Dashboard" ON "Leads" ("EstimatedInvestment", "UnitId") WHERE "Status" IN (0, 1, 2);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Leads_OpenEstimate_Dashboard";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Leads_RegisteredOn_Dashboard";""");
            foreach (var table in Tables)
                foreach (var operation in Operations)
                    migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_DataVersion_{operation}";""");
        }
    }
}

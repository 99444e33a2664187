using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <summary>
    /// The lead's origin (activity, event) and deliverer (agency, workstation) as foreign keys, ON DELETE SET NULL: deleting
    /// the record keeps the lead and forgets where it came from. Raw SQL so that the SQLite side can do the same with
    /// triggers (adding a key there rebuilds Leads, whose triggers would be lost). Dangling ids are cleared first.
    /// </summary>
    public partial class LinksLeadReferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "Leads" SET "OriginActivityId" = NULL WHERE "OriginActivityId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Activities" WHERE "Id" = "Leads"."OriginActivityId");
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Leads" ADD CONSTRAINT "FK_Leads_Activities_OriginActivityId" FOREIGN KEY ("OriginActivityId") REFERENCES "Activities" ("Id") ON DELETE SET NULL;
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Leads_OriginActivityId" ON "Leads" ("OriginActivityId") WHERE "OriginActivityId" IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                UPDATE "Leads" SET "OriginEventId" = NULL WHERE "OriginEventId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "NetworkEvents" WHERE "Id" = "Leads"."OriginEventId");
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Leads" ADD CONSTRAINT "FK_Leads_NetworkEvents_OriginEventId" FOREIGN KEY ("OriginEventId") REFERENCES "NetworkEvents" ("Id") ON DELETE SET NULL;
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Leads_OriginEventId" ON "Leads" ("OriginEventId") WHERE "OriginEventId" IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                UPDATE "Leads" SET "AgencyId" = NULL WHERE "AgencyId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "InvestmentAgencies" WHERE "Id" = "Leads"."AgencyId");
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Leads" ADD CONSTRAINT "FK_Leads_InvestmentAgencies_AgencyId" FOREIGN KEY ("AgencyId") REFERENCES "InvestmentAgencies" ("Id") ON DELETE SET NULL;
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Leads_AgencyId" ON "Leads" ("AgencyId") WHERE "AgencyId" IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                UPDATE "Leads" SET "WorkstationId" = NULL WHERE "WorkstationId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "TalentWorkstations" WHERE "Id" = "Leads"."WorkstationId");
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Leads" ADD CONSTRAINT "FK_Leads_TalentWorkstations_WorkstationId" FOREIGN KEY ("WorkstationId") REFERENCES "TalentWorkstations" ("Id") ON DELETE SET NULL;
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Leads_WorkstationId" ON "Leads" ("WorkstationId") WHERE "WorkstationId" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_Leads_WorkstationId";
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Leads" DROP CONSTRAINT "FK_Leads_TalentWorkstations_WorkstationId";
                """);
            migrationBuilder.Sql("""
                DROP INDEX "IX_Leads_AgencyId";
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Leads" DROP CONSTRAINT "FK_Leads_InvestmentAgencies_AgencyId";
                """);
            migrationBuilder.Sql("""
                DROP INDEX "IX_Leads_OriginEventId";
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Leads" DROP CONSTRAINT "FK_Leads_NetworkEvents_OriginEventId";
                """);
            migrationBuilder.Sql("""
                DROP INDEX "IX_Leads_OriginActivityId";
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Leads" DROP CONSTRAINT "FK_Leads_Activities_OriginActivityId";
                """);
        }
    }
}

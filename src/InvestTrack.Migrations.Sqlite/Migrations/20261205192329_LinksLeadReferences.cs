using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
{
    /// <summary>
    /// The lead's origin (activity, event) and deliverer (agency, workstation) as triggers, like LeadProjectLink: adding a
    /// foreign key in SQLite rebuilds Leads, which would drop its trigger Leads_Delete_ProjectLeadId. A lead cannot name a
    /// missing record, and deleting the record sets the lead's column to NULL (ON DELETE SET NULL on PostgreSQL).
    /// Dangling ids are cleared first.
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
                CREATE INDEX "IX_Leads_OriginActivityId" ON "Leads" ("OriginActivityId") WHERE "OriginActivityId" IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Leads_OriginActivityId_Insert" BEFORE INSERT ON "Leads"
                WHEN NEW."OriginActivityId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Activities" WHERE "Id" = NEW."OriginActivityId")
                BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: Leads.OriginActivityId'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Leads_OriginActivityId_Update" BEFORE UPDATE OF "OriginActivityId" ON "Leads"
                WHEN NEW."OriginActivityId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Activities" WHERE "Id" = NEW."OriginActivityId")
                BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: Leads.OriginActivityId'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Activities_Delete_LeadsOriginActivityId" AFTER DELETE ON "Activities"
                BEGIN UPDATE "Leads" SET "OriginActivityId" = NULL WHERE "OriginActivityId" = OLD."Id"; END;
                """);
            migrationBuilder.Sql("""
                UPDATE "Leads" SET "OriginEventId" = NULL WHERE "OriginEventId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "NetworkEvents" WHERE "Id" = "Leads"."OriginEventId");
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Leads_OriginEventId" ON "Leads" ("OriginEventId") WHERE "OriginEventId" IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Leads_OriginEventId_Insert" BEFORE INSERT ON "Leads"
                WHEN NEW."OriginEventId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "NetworkEvents" WHERE "Id" = NEW."OriginEventId")
                BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: Leads.OriginEventId'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Leads_OriginEventId_Update" BEFORE UPDATE OF "OriginEventId" ON "Leads"
                WHEN NEW."OriginEventId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "NetworkEvents" WHERE "Id" = NEW."OriginEventId")
                BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: Leads.OriginEventId'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "NetworkEvents_Delete_LeadsOriginEventId" AFTER DELETE ON "NetworkEvents"
                BEGIN UPDATE "Leads" SET "OriginEventId" = NULL WHERE "OriginEventId" = OLD."Id"; END;
                """);
            migrationBuilder.Sql("""
                UPDATE "Leads" SET "AgencyId" = NULL WHERE "AgencyId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "InvestmentAgencies" WHERE "Id" = "Leads"."AgencyId");
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Leads_AgencyId" ON "Leads" ("AgencyId") WHERE "AgencyId" IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Leads_AgencyId_Insert" BEFORE INSERT ON "Leads"
                WHEN NEW."AgencyId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "InvestmentAgencies" WHERE "Id" = NEW."AgencyId")
                BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: Leads.AgencyId'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Leads_AgencyId_Update" BEFORE UPDATE OF "AgencyId" ON "Leads"
                WHEN NEW."AgencyId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "InvestmentAgencies" WHERE "Id" = NEW."AgencyId")
                BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: Leads.AgencyId'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "InvestmentAgencies_Delete_LeadsAgencyId" AFTER DELETE ON "InvestmentAgencies"
                BEGIN UPDATE "Leads" SET "AgencyId" = NULL WHERE "AgencyId" = OLD."Id"; END;
                """);
            migrationBuilder.Sql("""
                UPDATE "Leads" SET "WorkstationId" = NULL WHERE "WorkstationId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "TalentWorkstations" WHERE "Id" = "Leads"."WorkstationId");
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Leads_WorkstationId" ON "Leads" ("WorkstationId") WHERE "WorkstationId" IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Leads_WorkstationId_Insert" BEFORE INSERT ON "Leads"
                WHEN NEW."WorkstationId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "TalentWorkstations" WHERE "Id" = NEW."WorkstationId")
                BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: Leads.WorkstationId'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Leads_WorkstationId_Update" BEFORE UPDATE OF "WorkstationId" ON "Leads"
                WHEN NEW."WorkstationId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "TalentWorkstations" WHERE "Id" = NEW."WorkstationId")
                BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: Leads.WorkstationId'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "TalentWorkstations_Delete_LeadsWorkstationId" AFTER DELETE ON "TalentWorkstations"
                BEGIN UPDATE "Leads" SET "WorkstationId" = NULL WHERE "WorkstationId" = OLD."Id"; END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "TalentWorkstations_Delete_LeadsWorkstationId";
                """);
            migrationBuilder.Sql("""
                DROP TRIGGER "Leads_WorkstationId_Update";
                """);
            migrationBuilder.Sql("""
                DROP TRIGGER "Leads_WorkstationId_Insert";
                """);
            migrationBuilder.Sql("""
                DROP INDEX "IX_Leads_WorkstationId";
                """);
            migrationBuilder.Sql("""
                DROP TRIGGER "InvestmentAgencies_Delete_LeadsAgencyId";
                """);
            migrationBuilder.Sql("""
                DROP TRIGGER "Leads_AgencyId_Update";
                """);
            migrationBuilder.Sql("""
                DROP TRIGGER "Leads_AgencyId_Insert";
                """);
            migrationBuilder.Sql("""
                DROP INDEX "IX_Leads_AgencyId";
                """);
            migrationBuilder.Sql("""
                DROP TRIGGER "NetworkEvents_Delete_LeadsOriginEventId";
                """);
            migrationBuilder.Sql("""
                DROP TRIGGER "Leads_OriginEventId_Update";
                """);
            migrationBuilder.Sql("""
                DROP TRIGGER "Leads_OriginEventId_Insert";
                """);
            migrationBuilder.Sql("""
                DROP INDEX "IX_Leads_OriginEventId";
                """);
            migrationBuilder.Sql("""
                DROP TRIGGER "Activities_Delete_LeadsOriginActivityId";
                """);
            migrationBuilder.Sql("""
                DROP TRIGGER "Leads_OriginActivityId_Update";
                """);
            migrationBuilder.Sql("""
                DROP TRIGGER "Leads_OriginActivityId_Insert";
                """);
            migrationBuilder.Sql("""
                DROP INDEX "IX_Leads_OriginActivityId";
                """);
        }
    }
}

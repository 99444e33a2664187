using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
{
    /// <summary>
    /// Projects.LeadId's foreign key as triggers: SQLite adds a key to an existing table only by rebuilding it, which
    /// the triggers on Projects and on FundsRecords (that name Projects) do not survive. A project cannot name a missing
    /// lead, and a lead a project names cannot be deleted.
    /// </summary>
    public partial class LeadProjectLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER "Projects_LeadId_Insert" BEFORE INSERT ON "Projects"
                WHEN NEW."LeadId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Leads" WHERE "Id" = NEW."LeadId")
                BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: Projects.LeadId'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Projects_LeadId_Update" BEFORE UPDATE OF "LeadId" ON "Projects"
                WHEN NEW."LeadId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Leads" WHERE "Id" = NEW."LeadId")
                BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: Projects.LeadId'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Leads_Delete_ProjectLeadId" BEFORE DELETE ON "Leads"
                WHEN EXISTS (SELECT 1 FROM "Projects" WHERE "LeadId" = OLD."Id")
                BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: Projects.LeadId'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Leads_Delete_ProjectLeadId";""");
            migrationBuilder.Sql("""DROP TRIGGER "Projects_LeadId_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "Projects_LeadId_Insert";""");
        }
    }
}

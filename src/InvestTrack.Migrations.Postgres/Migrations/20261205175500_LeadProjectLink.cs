using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <summary>
    /// Projects.LeadId's foreign key, in SQL: the model keeps it a plain column because SQLite cannot add a key to the
    /// existing Projects table without a rebuild that its triggers do not survive (Project.LeadId).
    /// </summary>
    public partial class LeadProjectLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "Projects" ADD CONSTRAINT "FK_Projects_Leads_LeadId" FOREIGN KEY ("LeadId") REFERENCES "Leads" ("Id") ON DELETE RESTRICT;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "Projects" DROP CONSTRAINT "FK_Projects_Leads_LeadId";""");
        }
    }
}

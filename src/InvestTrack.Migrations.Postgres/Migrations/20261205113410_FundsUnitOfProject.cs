using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <summary>A funds record's unit is its project's unit, in the schema; dated drops for the 开复工 rule.</summary>
    public partial class FundsUnitOfProject : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(UnitOfProject);
            migrationBuilder.Sql(DatedDrops);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "FundsRecords" DROP CONSTRAINT "FK_FundsRecords_Projects_ProjectId_UnitId";
                ALTER TABLE "Projects" DROP CONSTRAINT "AK_Projects_Id_UnitId";
                """);
        }

        // A funds record's unit is its project's unit, always: a composite key that follows the project when it moves
        // (ON UPDATE CASCADE; the totals triggers move the running totals with it). EF Core keeps alternate keys
        // read-only, so the key lives here and not in the model. Records that disagree (none should) follow first.
        private const string UnitOfProject = """
            UPDATE "FundsRecords" f SET "UnitId" = p."UnitId" FROM "Projects" p WHERE p."Id" = f."ProjectId" AND f."UnitId" <> p."UnitId";
            ALTER TABLE "Projects" ADD CONSTRAINT "AK_Projects_Id_UnitId" UNIQUE ("Id", "UnitId");
            ALTER TABLE "FundsRecords" ADD CONSTRAINT "FK_FundsRecords_Projects_ProjectId_UnitId" FOREIGN KEY ("ProjectId", "UnitId")
                REFERENCES "Projects" ("Id", "UnitId") ON UPDATE CASCADE ON DELETE RESTRICT;
            """;

        // "Dropped before 1 January" is read from the dated status changes (statistics.md): a project dropped without one
        // gets it now, dated when the record was last edited, so that later edits no longer move that date.
        private const string DatedDrops = """
            INSERT INTO "StageChanges" ("ProjectId", "UnitId", "FromStage", "ToStage", "FromStatus", "ToStatus", "ChangedAt", "UserName", "Note")
            SELECT p."Id", p."UnitId", p."Stage", p."Stage", 2, 2, p."UpdatedAt", 'migration', '补记：终止日期按迁移时记录的最后修改时间'
            FROM "Projects" p
            WHERE p."Status" = 2 AND NOT EXISTS (SELECT 1 FROM "StageChanges" s WHERE s."ProjectId" = p."Id" AND s."ToStatus" = 2);
            """;
    }
}

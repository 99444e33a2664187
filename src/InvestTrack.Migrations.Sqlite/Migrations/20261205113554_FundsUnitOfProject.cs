using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
{
    /// <summary>A funds record's unit is its project's unit, in the schema; dated drops for the 开复工 rule.</summary>
    public partial class FundsUnitOfProject : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in UnitOfProject) migrationBuilder.Sql(statement);
            migrationBuilder.Sql(DatedDrops);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "FundsRecords_UnitOfProject_Insert", "FundsRecords_UnitOfProject_Update", "Projects_UnitId_MovesFunds" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{trigger}\";");
        }

        // A funds record's unit is its project's unit, always. SQLite cannot add a foreign key to a table, and EF Core
        // keeps alternate keys read-only, so triggers do what PostgreSQL's composite key (ON UPDATE CASCADE) does:
        // refuse a record whose unit is not its project's, and move the records when their project moves (the totals
        // triggers move the running totals with them). Records that disagree (none should) follow first.
        private static readonly string[] UnitOfProject =
        [
            """
            UPDATE "FundsRecords" SET "UnitId" = (SELECT p."UnitId" FROM "Projects" p WHERE p."Id" = "FundsRecords"."ProjectId")
            WHERE "UnitId" <> (SELECT p."UnitId" FROM "Projects" p WHERE p."Id" = "FundsRecords"."ProjectId");
            """,
            """
            CREATE TRIGGER "FundsRecords_UnitOfProject_Insert" BEFORE INSERT ON "FundsRecords"
            WHEN NEW."UnitId" IS NOT (SELECT p."UnitId" FROM "Projects" p WHERE p."Id" = NEW."ProjectId")
            BEGIN
              SELECT RAISE(ABORT, 'FK_FundsRecords_Projects_ProjectId_UnitId: a funds record''s unit is its project''s unit');
            END;
            """,
            """
            CREATE TRIGGER "FundsRecords_UnitOfProject_Update" BEFORE UPDATE OF "ProjectId", "UnitId" ON "FundsRecords"
            WHEN NEW."UnitId" IS NOT (SELECT p."UnitId" FROM "Projects" p WHERE p."Id" = NEW."ProjectId")
            BEGIN
              SELECT RAISE(ABORT, 'FK_FundsRecords_Projects_ProjectId_UnitId: a funds record''s unit is its project''s unit');
            END;
            """,
            """
            CREATE TRIGGER "Projects_UnitId_MovesFunds" AFTER UPDATE OF "UnitId" ON "Projects" WHEN NEW."UnitId" <> OLD."UnitId"
            BEGIN
              UPDATE "FundsRecords" SET "UnitId" = NEW."UnitId" WHERE "ProjectId" = NEW."Id";
            END;
            """,
        ];

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

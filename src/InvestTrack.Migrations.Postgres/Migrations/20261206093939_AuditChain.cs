using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Mac",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries",
                column: "Sequence",
                unique: true);

            // The second wall behind the app role's missing UPDATE/DELETE grants (README, "Database roles"): the trail
            // is append-only for every role, the owner included. Two exceptions: `migrate` sealing an entry written
            // before the chain (Sequence and Mac set where there were none, nothing else changed), and `audit purge`,
            // which deletes after a verified export with investtrack.audit_purge set in its own transaction.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' THEN
                        IF OLD."Sequence" IS NULL AND NEW."Sequence" IS NOT NULL
                            AND (NEW."Id", NEW."OccurredAt", NEW."UserId", NEW."UserName", NEW."Role", NEW."UnitId", NEW."Address",
                                 NEW."Action", NEW."ObjectType", NEW."ObjectId", NEW."OldValues", NEW."NewValues", NEW."Result", NEW."TraceId")
                            IS NOT DISTINCT FROM
                                (OLD."Id", OLD."OccurredAt", OLD."UserId", OLD."UserName", OLD."Role", OLD."UnitId", OLD."Address",
                                 OLD."Action", OLD."ObjectType", OLD."ObjectId", OLD."OldValues", OLD."NewValues", OLD."Result", OLD."TraceId") THEN
                            RETURN NEW;
                        END IF;
                    END IF;
                    IF TG_OP = 'DELETE' AND current_setting('investtrack.audit_purge', true) = 'on' THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'AuditEntries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON "AuditEntries"
                    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON "AuditEntries"
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER audit_entries_no_truncate ON "AuditEntries";
                DROP TRIGGER audit_entries_append_only ON "AuditEntries";
                DROP FUNCTION audit_entries_append_only();
                """);

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Mac",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "AuditEntries");
        }
    }
}

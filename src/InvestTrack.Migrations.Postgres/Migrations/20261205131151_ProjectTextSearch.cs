using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <summary>
    /// Indexes for the project list's text search (project name, code, investor name; bench/README.md, text search):
    /// pg_trgm for terms of three characters or more, the characters of each value for shorter ones, which have no trigram.
    /// </summary>
    public partial class ProjectTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it. Chinese characters count as
            // letters for it only under a UTF-8 LC_CTYPE (C.UTF-8, zh_CN.UTF-8, en_US.UTF-8), never under plain C.
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE INDEX "IX_Projects_Name_Trigrams" ON "Projects" USING gin ("Name" gin_trgm_ops);
                CREATE INDEX "IX_Projects_Code_Trigrams" ON "Projects" USING gin ("Code" gin_trgm_ops);
                CREATE INDEX "IX_Companies_Name_Trigrams" ON "Companies" USING gin ("Name" gin_trgm_ops);
                CREATE INDEX "IX_Projects_Name_Characters" ON "Projects" USING gin (string_to_array("Name", NULL));
                CREATE INDEX "IX_Projects_Code_Characters" ON "Projects" USING gin (string_to_array("Code", NULL));
                CREATE INDEX "IX_Companies_Name_Characters" ON "Companies" USING gin (string_to_array("Name", NULL));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The extension stays: other objects of the database may use it.
            migrationBuilder.Sql("""
                DROP INDEX "IX_Projects_Name_Trigrams";
                DROP INDEX "IX_Projects_Code_Trigrams";
                DROP INDEX "IX_Companies_Name_Trigrams";
                DROP INDEX "IX_Projects_Name_Characters";
                DROP INDEX "IX_Projects_Code_Characters";
                DROP INDEX "IX_Companies_Name_Characters";
                """);
        }
    }
}

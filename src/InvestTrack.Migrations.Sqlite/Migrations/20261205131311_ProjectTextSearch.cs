using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
{
    /// <summary>
    /// Nothing on SQLite: the text search's indexes are PostgreSQL's (pg_trgm and character arrays); the embedded
    /// database of one city scans its projects with LIKE.
    /// </summary>
    public partial class ProjectTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}

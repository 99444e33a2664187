using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TablesListViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ListViews",
                table: "AspNetUsers",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ListViews",
                table: "AspNetUsers");
        }
    }
}

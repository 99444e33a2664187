using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
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
                type: "TEXT",
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

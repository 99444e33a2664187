using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrderSourceWarning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The old id named a warning row, which a rerun of the 旬 replaces: nothing kept it; the lasting key replaces it.
            migrationBuilder.DropIndex(
                name: "IX_SupervisionOrders_SourceWarningId",
                table: "SupervisionOrders");

            migrationBuilder.DropColumn(
                name: "SourceWarningId",
                table: "SupervisionOrders");

            migrationBuilder.AddColumn<string>(
                name: "SourceWarning",
                table: "SupervisionOrders",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_SourceWarning",
                table: "SupervisionOrders",
                column: "SourceWarning");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SupervisionOrders_SourceWarning",
                table: "SupervisionOrders");

            migrationBuilder.DropColumn(
                name: "SourceWarning",
                table: "SupervisionOrders");

            migrationBuilder.AddColumn<long>(
                name: "SourceWarningId",
                table: "SupervisionOrders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_SourceWarningId",
                table: "SupervisionOrders",
                column: "SourceWarningId");
        }
    }
}

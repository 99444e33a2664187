using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatisticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FundsRecords_ProjectId_Period_Source",
                table: "FundsRecords");

            migrationBuilder.CreateIndex(
                name: "IX_FundsRecords_ProjectId_Period_Source",
                table: "FundsRecords",
                columns: new[] { "ProjectId", "Period", "Source" },
                unique: true)
                .Annotation("Npgsql:IndexInclude", new[] { "Status", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_FundsRecords_Status_Period",
                table: "FundsRecords",
                columns: new[] { "Status", "Period" })
                .Annotation("Npgsql:IndexInclude", new[] { "Source", "ProjectId", "UnitId", "Amount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FundsRecords_ProjectId_Period_Source",
                table: "FundsRecords");

            migrationBuilder.DropIndex(
                name: "IX_FundsRecords_Status_Period",
                table: "FundsRecords");

            migrationBuilder.CreateIndex(
                name: "IX_FundsRecords_ProjectId_Period_Source",
                table: "FundsRecords",
                columns: new[] { "ProjectId", "Period", "Source" },
                unique: true);
        }
    }
}

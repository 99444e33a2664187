using InvestTrack.Features.Funds;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FundsYearTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FundsRecords_Status_Period",
                table: "FundsRecords");

            migrationBuilder.CreateTable(
                name: "FundsYearTotals",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Through1 = table.Column<long>(type: "bigint", nullable: false),
                    Through2 = table.Column<long>(type: "bigint", nullable: false),
                    Through3 = table.Column<long>(type: "bigint", nullable: false),
                    Through4 = table.Column<long>(type: "bigint", nullable: false),
                    Through5 = table.Column<long>(type: "bigint", nullable: false),
                    Through6 = table.Column<long>(type: "bigint", nullable: false),
                    Through7 = table.Column<long>(type: "bigint", nullable: false),
                    Through8 = table.Column<long>(type: "bigint", nullable: false),
                    Through9 = table.Column<long>(type: "bigint", nullable: false),
                    Through10 = table.Column<long>(type: "bigint", nullable: false),
                    Through11 = table.Column<long>(type: "bigint", nullable: false),
                    Through12 = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundsYearTotals", x => new { x.Year, x.Source, x.ProjectId, x.UnitId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_FundsYearTotals_ProjectId_Year",
                table: "FundsYearTotals",
                columns: new[] { "ProjectId", "Year" });

            // Triggers keep the totals in the same transaction as every funds change; existing funds fill it once.
            migrationBuilder.Sql(FundsYearTotalsSql.Postgres.Create);
            migrationBuilder.Sql(FundsYearTotalsSql.Rebuild);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FundsYearTotalsSql.Postgres.Drop);
            migrationBuilder.DropTable(
                name: "FundsYearTotals");

            migrationBuilder.CreateIndex(
                name: "IX_FundsRecords_Status_Period",
                table: "FundsRecords",
                columns: new[] { "Status", "Period" })
                .Annotation("Npgsql:IndexInclude", new[] { "Source", "ProjectId", "UnitId", "Amount" });
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatisticsInSql : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ChangedAtBeijing",
                table: "StageChanges",
                type: "timestamp without time zone",
                nullable: false,
                computedColumnSql: "(\"ChangedAt\" AT TIME ZONE 'UTC') + INTERVAL '8 hours'",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_Dropped",
                table: "StageChanges",
                columns: new[] { "ProjectId", "ChangedAtBeijing" },
                filter: "\"ToStatus\" = 2 OR \"FromStatus\" = 2");

            migrationBuilder.CreateIndex(
                name: "IX_FundsYearTotals_Covering",
                table: "FundsYearTotals",
                columns: new[] { "Year", "Source", "ProjectId" })
                .Annotation("Npgsql:IndexInclude", new[] { "UnitId", "Through1", "Through2", "Through3", "Through4", "Through5", "Through6", "Through7", "Through8", "Through9", "Through10", "Through11", "Through12" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StageChanges_Dropped",
                table: "StageChanges");

            migrationBuilder.DropIndex(
                name: "IX_FundsYearTotals_Covering",
                table: "FundsYearTotals");

            migrationBuilder.DropColumn(
                name: "ChangedAtBeijing",
                table: "StageChanges");
        }
    }
}

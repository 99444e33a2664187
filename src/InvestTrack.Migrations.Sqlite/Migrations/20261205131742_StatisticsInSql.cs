using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                computedColumnSql: "strftime('%Y-%m-%d %H:%M', substr(\"ChangedAt\", 1, 16), '+8 hours') || substr(\"ChangedAt\", 17, length(\"ChangedAt\") - 22)",
                stored: false);

            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_Dropped",
                table: "StageChanges",
                columns: new[] { "ProjectId", "ChangedAtBeijing" },
                filter: "\"ToStatus\" = 2 OR \"FromStatus\" = 2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StageChanges_Dropped",
                table: "StageChanges");

            migrationBuilder.DropColumn(
                name: "ChangedAtBeijing",
                table: "StageChanges");
        }
    }
}

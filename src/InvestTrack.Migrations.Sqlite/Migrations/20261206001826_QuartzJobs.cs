using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QuartzJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "JobRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FireInstanceId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Instance = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Cause = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_FireInstanceId",
                table: "JobRuns",
                column: "FireInstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_JobKey_StartedAt",
                table: "JobRuns",
                columns: new[] { "JobKey", "StartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JobRuns");
        }
    }
}

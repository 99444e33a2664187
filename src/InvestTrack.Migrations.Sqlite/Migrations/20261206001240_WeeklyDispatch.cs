using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WeeklyDispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WeeklyDispatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    WeekStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Late = table.Column<bool>(type: "INTEGER", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WeeklyDispatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WeeklyDispatches_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CoordinationProblems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    DispatchId = table.Column<int>(type: "INTEGER", nullable: false),
                    RaisedWeek = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AssignedUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AssignedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    AssignedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoordinationProblems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoordinationProblems_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CoordinationProblems_Units_AssignedUnitId",
                        column: x => x.AssignedUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CoordinationProblems_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CoordinationProblems_WeeklyDispatches_DispatchId",
                        column: x => x.DispatchId,
                        principalTable: "WeeklyDispatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WeeklyDispatchItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DispatchId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Progress = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Problems = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NextStep = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ProgressEntryId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WeeklyDispatchItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WeeklyDispatchItems_ProgressEntries_ProgressEntryId",
                        column: x => x.ProgressEntryId,
                        principalTable: "ProgressEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_WeeklyDispatchItems_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WeeklyDispatchItems_WeeklyDispatches_DispatchId",
                        column: x => x.DispatchId,
                        principalTable: "WeeklyDispatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CoordinationProblems_AssignedUnitId_Status",
                table: "CoordinationProblems",
                columns: new[] { "AssignedUnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CoordinationProblems_DispatchId",
                table: "CoordinationProblems",
                column: "DispatchId");

            migrationBuilder.CreateIndex(
                name: "IX_CoordinationProblems_ProjectId",
                table: "CoordinationProblems",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_CoordinationProblems_UnitId_RaisedWeek",
                table: "CoordinationProblems",
                columns: new[] { "UnitId", "RaisedWeek" });

            migrationBuilder.CreateIndex(
                name: "IX_WeeklyDispatches_UnitId_WeekStart",
                table: "WeeklyDispatches",
                columns: new[] { "UnitId", "WeekStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WeeklyDispatches_WeekStart",
                table: "WeeklyDispatches",
                column: "WeekStart");

            migrationBuilder.CreateIndex(
                name: "IX_WeeklyDispatchItems_DispatchId_ProjectId",
                table: "WeeklyDispatchItems",
                columns: new[] { "DispatchId", "ProjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WeeklyDispatchItems_ProgressEntryId",
                table: "WeeklyDispatchItems",
                column: "ProgressEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_WeeklyDispatchItems_ProjectId",
                table: "WeeklyDispatchItems",
                column: "ProjectId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CoordinationProblems");

            migrationBuilder.DropTable(
                name: "WeeklyDispatchItems");

            migrationBuilder.DropTable(
                name: "WeeklyDispatches");
        }
    }
}

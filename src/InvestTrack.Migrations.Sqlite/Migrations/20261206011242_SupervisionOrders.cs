using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SupervisionOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OrderNumberSequences",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    LastNumber = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderNumberSequences", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionOrders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: true),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SourceWarningId = table.Column<long>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PlanDueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FixDueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PlanSubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    AnswerText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    EscalatedTo = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionOrders", x => x.Id);
                    table.CheckConstraint("CK_SupervisionOrders_Dates", "\"PlanDueOn\" <= \"FixDueOn\"");
                    table.CheckConstraint("CK_SupervisionOrders_Number", "\"Number\" > 0");
                    table.CheckConstraint("CK_SupervisionOrders_Status", "\"Status\" BETWEEN 1 AND 4");
                    table.ForeignKey(
                        name: "FK_SupervisionOrders_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionOrders_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OrderAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UploadedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrderAttachments_SupervisionOrders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "SupervisionOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrderTransitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    FromStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    ToStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderTransitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrderTransitions_SupervisionOrders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "SupervisionOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OrderAttachments_OrderId_Stage_Sha256",
                table: "OrderAttachments",
                columns: new[] { "OrderId", "Stage", "Sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrderTransitions_OrderId",
                table: "OrderTransitions",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_ProjectId",
                table: "SupervisionOrders",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_SourceWarningId",
                table: "SupervisionOrders",
                column: "SourceWarningId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_Status_FixDueOn",
                table: "SupervisionOrders",
                columns: new[] { "Status", "FixDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_UnitId_Status",
                table: "SupervisionOrders",
                columns: new[] { "UnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_Year_Number",
                table: "SupervisionOrders",
                columns: new[] { "Year", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrderAttachments");

            migrationBuilder.DropTable(
                name: "OrderNumberSequences");

            migrationBuilder.DropTable(
                name: "OrderTransitions");

            migrationBuilder.DropTable(
                name: "SupervisionOrders");
        }
    }
}

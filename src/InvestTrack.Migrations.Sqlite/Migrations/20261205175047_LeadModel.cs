using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LeadId",
                table: "Projects",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HolidayDates",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HolidayDates", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "Leads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SourceKind = table.Column<int>(type: "INTEGER", nullable: false),
                    Referrer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                    InvestorCreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    InvestorKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IndustryId = table.Column<int>(type: "INTEGER", nullable: true),
                    IndustrySectionCode = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    EstimatedInvestment = table.Column<long>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OwnerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ProtectionReleased = table.Column<bool>(type: "INTEGER", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastProgressOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: true),
                    OriginActivityId = table.Column<int>(type: "INTEGER", nullable: true),
                    OriginEventId = table.Column<int>(type: "INTEGER", nullable: true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: true),
                    WorkstationId = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Leads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Leads_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Leads_Industries_IndustryId",
                        column: x => x.IndustryId,
                        principalTable: "Industries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Leads_IndustrySections_IndustrySectionCode",
                        column: x => x.IndustrySectionCode,
                        principalTable: "IndustrySections",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Leads_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Leads_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LeadClocks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LeadId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MetOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StoppedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadClocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeadClocks_Leads_LeadId",
                        column: x => x.LeadId,
                        principalTable: "Leads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LeadConflicts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HolderLeadId = table.Column<int>(type: "INTEGER", nullable: false),
                    HolderUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestingUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    InvestorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    InvestorCreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    InvestorKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IndustrySectionCode = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    AttemptedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    AttemptedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Resolution = table.Column<int>(type: "INTEGER", nullable: false),
                    AssignedUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadConflicts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeadConflicts_Leads_HolderLeadId",
                        column: x => x.HolderLeadId,
                        principalTable: "Leads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LeadConflicts_Units_HolderUnitId",
                        column: x => x.HolderUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LeadConflicts_Units_RequestingUnitId",
                        column: x => x.RequestingUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LeadProgress",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LeadId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ReferrerAnswered = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadProgress", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeadProgress_Leads_LeadId",
                        column: x => x.LeadId,
                        principalTable: "Leads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Projects_LeadId",
                table: "Projects",
                column: "LeadId");

            migrationBuilder.CreateIndex(
                name: "IX_LeadClocks_LeadId_Kind",
                table: "LeadClocks",
                columns: new[] { "LeadId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_LeadClocks_UnitId_DueOn",
                table: "LeadClocks",
                columns: new[] { "UnitId", "DueOn" },
                filter: "\"MetOn\" IS NULL AND \"StoppedOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_LeadConflicts_HolderLeadId",
                table: "LeadConflicts",
                column: "HolderLeadId");

            migrationBuilder.CreateIndex(
                name: "IX_LeadConflicts_HolderUnitId",
                table: "LeadConflicts",
                column: "HolderUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_LeadConflicts_RequestingUnitId",
                table: "LeadConflicts",
                column: "RequestingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_LeadConflicts_Resolution_AttemptedAt",
                table: "LeadConflicts",
                columns: new[] { "Resolution", "AttemptedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LeadProgress_LeadId_OccurredOn",
                table: "LeadProgress",
                columns: new[] { "LeadId", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_CompanyId",
                table: "Leads",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_IndustryId",
                table: "Leads",
                column: "IndustryId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_IndustrySectionCode",
                table: "Leads",
                column: "IndustrySectionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_InvestorCreditCode_IndustrySectionCode",
                table: "Leads",
                columns: new[] { "InvestorCreditCode", "IndustrySectionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_InvestorKey_IndustrySectionCode",
                table: "Leads",
                columns: new[] { "InvestorKey", "IndustrySectionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OwnerUserId",
                table: "Leads",
                column: "OwnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_ProjectId",
                table: "Leads",
                column: "ProjectId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Leads_SourceKind_ProjectId",
                table: "Leads",
                columns: new[] { "SourceKind", "ProjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_UnitId_Status",
                table: "Leads",
                columns: new[] { "UnitId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HolidayDates");

            migrationBuilder.DropTable(
                name: "LeadClocks");

            migrationBuilder.DropTable(
                name: "LeadConflicts");

            migrationBuilder.DropTable(
                name: "LeadProgress");

            migrationBuilder.DropTable(
                name: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Projects_LeadId",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "LeadId",
                table: "Projects");
        }
    }
}

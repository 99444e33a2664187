using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PlanNodePlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PlanSteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DurationDays = table.Column<int>(type: "integer", nullable: false),
                    Responsible = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Follows = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Closes = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanSteps_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PlanAdjustments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanStepId = table.Column<int>(type: "integer", nullable: false),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    FromDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ToDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanAdjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanAdjustments_PlanSteps_PlanStepId",
                        column: x => x.PlanStepId,
                        principalTable: "PlanSteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanTemplateSteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TemplateId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DurationDays = table.Column<int>(type: "integer", nullable: false),
                    Responsible = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Follows = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanTemplateSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanTemplateSteps_PlanTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "PlanTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlanAdjustments_PlanStepId",
                table: "PlanAdjustments",
                column: "PlanStepId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanAdjustments_State_UnitId",
                table: "PlanAdjustments",
                columns: new[] { "State", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanSteps_ProjectId_Number",
                table: "PlanSteps",
                columns: new[] { "ProjectId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlanSteps_UnitId_DueOn",
                table: "PlanSteps",
                columns: new[] { "UnitId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanTemplates_ProjectType",
                table: "PlanTemplates",
                column: "ProjectType",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlanTemplateSteps_TemplateId_Number",
                table: "PlanTemplateSteps",
                columns: new[] { "TemplateId", "Number" },
                unique: true);

            // The default template (签约 → 立项 → 用地 ∥ 规划 → 施工许可 → 开工 → 竣工 → 投产), literal here as every migration's data is;
            // city staff edit it on /plans/templates.
            migrationBuilder.Sql("""
                INSERT INTO "PlanTemplates" ("ProjectType", "Name", "UpdatedAt", "Version") VALUES ('默认', '默认节点计划', '2026-12-05 00:00:00+00', 1);
                INSERT INTO "PlanTemplateSteps" ("TemplateId", "Number", "Name", "DurationDays", "Responsible", "Follows") VALUES
                ((SELECT "Id" FROM "PlanTemplates" WHERE "ProjectType" = '默认'), 1, '签约', 0, '项目单位、招商部门', NULL),
                ((SELECT "Id" FROM "PlanTemplates" WHERE "ProjectType" = '默认'), 2, '立项', 30, '发展改革部门', '1'),
                ((SELECT "Id" FROM "PlanTemplates" WHERE "ProjectType" = '默认'), 3, '用地', 90, '自然资源部门', '2'),
                ((SELECT "Id" FROM "PlanTemplates" WHERE "ProjectType" = '默认'), 4, '规划', 60, '自然资源部门（规划）', '2'),
                ((SELECT "Id" FROM "PlanTemplates" WHERE "ProjectType" = '默认'), 5, '施工许可', 30, '住房城乡建设部门', '3,4'),
                ((SELECT "Id" FROM "PlanTemplates" WHERE "ProjectType" = '默认'), 6, '开工', 30, '项目单位', '5'),
                ((SELECT "Id" FROM "PlanTemplates" WHERE "ProjectType" = '默认'), 7, '竣工', 365, '项目单位', '6'),
                ((SELECT "Id" FROM "PlanTemplates" WHERE "ProjectType" = '默认'), 8, '投产', 60, '项目单位、工信部门', '7');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlanAdjustments");

            migrationBuilder.DropTable(
                name: "PlanTemplateSteps");

            migrationBuilder.DropTable(
                name: "PlanSteps");

            migrationBuilder.DropTable(
                name: "PlanTemplates");
        }
    }
}

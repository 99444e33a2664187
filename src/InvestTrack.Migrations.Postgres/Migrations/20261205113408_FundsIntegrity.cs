using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FundsIntegrity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AuditedInSource",
                table: "FundsRecords",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ImportedAt",
                table: "FundsRecords",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportedBy",
                table: "FundsRecords",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportedFrom",
                table: "FundsRecords",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_FundsYearTotals_Running",
                table: "FundsYearTotals",
                sql: "0 <= \"Through1\" AND \"Through1\" <= \"Through2\" AND \"Through2\" <= \"Through3\" AND \"Through3\" <= \"Through4\" AND \"Through4\" <= \"Through5\" AND \"Through5\" <= \"Through6\" AND \"Through6\" <= \"Through7\" AND \"Through7\" <= \"Through8\" AND \"Through8\" <= \"Through9\" AND \"Through9\" <= \"Through10\" AND \"Through10\" <= \"Through11\" AND \"Through11\" <= \"Through12\"");

            migrationBuilder.AddCheckConstraint(
                name: "CK_FundsYearTotals_Year",
                table: "FundsYearTotals",
                sql: "\"Year\" BETWEEN 1990 AND 9999");

            migrationBuilder.AddCheckConstraint(
                name: "CK_FundsRecords_Amount",
                table: "FundsRecords",
                sql: "\"Amount\" > 0");

            migrationBuilder.AddCheckConstraint(
                name: "CK_FundsRecords_AuditedInSource",
                table: "FundsRecords",
                sql: "NOT \"AuditedInSource\" OR \"Status\" = 1");

            migrationBuilder.AddCheckConstraint(
                name: "CK_FundsRecords_Period",
                table: "FundsRecords",
                sql: "\"Period\" % 100 BETWEEN 1 AND 12 AND \"Period\" / 100 BETWEEN 1990 AND 9999");

            migrationBuilder.AddCheckConstraint(
                name: "CK_FundsRecords_Status",
                table: "FundsRecords",
                sql: "\"Status\" IN (0, 1, 2)");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_FundsYearTotals_Running",
                table: "FundsYearTotals");

            migrationBuilder.DropCheckConstraint(
                name: "CK_FundsYearTotals_Year",
                table: "FundsYearTotals");

            migrationBuilder.DropCheckConstraint(
                name: "CK_FundsRecords_Amount",
                table: "FundsRecords");

            migrationBuilder.DropCheckConstraint(
                name: "CK_FundsRecords_AuditedInSource",
                table: "FundsRecords");

            migrationBuilder.DropCheckConstraint(
                name: "CK_FundsRecords_Period",
                table: "FundsRecords");

            migrationBuilder.DropCheckConstraint(
                name: "CK_FundsRecords_Status",
                table: "FundsRecords");

            migrationBuilder.DropColumn(
                name: "AuditedInSource",
                table: "FundsRecords");

            migrationBuilder.DropColumn(
                name: "ImportedAt",
                table: "FundsRecords");

            migrationBuilder.DropColumn(
                name: "ImportedBy",
                table: "FundsRecords");

            migrationBuilder.DropColumn(
                name: "ImportedFrom",
                table: "FundsRecords");
        }
    }
}

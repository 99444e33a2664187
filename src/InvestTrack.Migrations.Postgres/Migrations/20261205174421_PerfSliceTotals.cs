using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PerfSliceTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FundsSliceTotals",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    IndustryId = table.Column<int>(type: "integer", nullable: false),
                    OriginProvinceCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    OriginCountryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
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
                    table.PrimaryKey("PK_FundsSliceTotals", x => new { x.Year, x.UnitId, x.IndustryId, x.OriginProvinceCode, x.OriginCountryCode });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FundsSliceTotals");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <summary>Keeps both migration sets in step: on SQLite this takes the totals triggers off before FundsIntegrity.</summary>
    public partial class FundsTotalsPause : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nothing on PostgreSQL: SQLite takes its totals triggers off here before FundsIntegrity rebuilds tables.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing on PostgreSQL: SQLite takes its totals triggers off here before FundsIntegrity rebuilds tables.
        }
    }
}

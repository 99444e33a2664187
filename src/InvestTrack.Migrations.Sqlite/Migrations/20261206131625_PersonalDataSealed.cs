using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonalDataSealed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PhoneHash",
                table: "TalentPeople",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneHash",
                table: "InvestmentAgencies",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneHash",
                table: "CompanyContacts",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_TalentPeople_PhoneHash",
                table: "TalentPeople",
                column: "PhoneHash");

            migrationBuilder.CreateIndex(
                name: "IX_InvestmentAgencies_PhoneHash",
                table: "InvestmentAgencies",
                column: "PhoneHash");

            migrationBuilder.CreateIndex(
                name: "IX_CompanyContacts_PhoneHash",
                table: "CompanyContacts",
                column: "PhoneHash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TalentPeople_PhoneHash",
                table: "TalentPeople");

            migrationBuilder.DropIndex(
                name: "IX_InvestmentAgencies_PhoneHash",
                table: "InvestmentAgencies");

            migrationBuilder.DropIndex(
                name: "IX_CompanyContacts_PhoneHash",
                table: "CompanyContacts");

            migrationBuilder.DropColumn(
                name: "PhoneHash",
                table: "TalentPeople");

            migrationBuilder.DropColumn(
                name: "PhoneHash",
                table: "InvestmentAgencies");

            migrationBuilder.DropColumn(
                name: "PhoneHash",
                table: "CompanyContacts");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestTrack.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PersonalDataSealed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Email",
                table: "TalentPeople",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneHash",
                table: "TalentPeople",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneHash",
                table: "InvestmentAgencies",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Email",
                table: "CompanyContacts",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneHash",
                table: "CompanyContacts",
                type: "character varying(64)",
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

            migrationBuilder.AlterColumn<string>(
                name: "Email",
                table: "TalentPeople",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Email",
                table: "CompanyContacts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000,
                oldNullable: true);
        }
    }
}

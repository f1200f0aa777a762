using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OverdueSmsPortal.Infrastructure.Persistence.PostgresMigrations
{
    /// <inheritdoc />
    public partial class ReplyRuleOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Position",
                table: "ReplyRules",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "RegulatorThreat",
                table: "ReplyRules",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_ReplyRules_Position",
                table: "ReplyRules",
                column: "Position");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReplyRules_Position",
                table: "ReplyRules");

            migrationBuilder.DropColumn(
                name: "Position",
                table: "ReplyRules");

            migrationBuilder.DropColumn(
                name: "RegulatorThreat",
                table: "ReplyRules");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OverdueSmsPortal.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DoubtDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DoubtDecidedAt",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DoubtDecision",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResentFromMessageId",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResendOfRunId",
                table: "CampaignRuns",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DoubtDecidedAt",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "DoubtDecision",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "ResentFromMessageId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "ResendOfRunId",
                table: "CampaignRuns");
        }
    }
}

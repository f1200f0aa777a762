using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OverdueSmsPortal.Infrastructure.Persistence.PostgresMigrations
{
    /// <inheritdoc />
    public partial class DoubtDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DoubtDecidedAt",
                table: "OutboxMessages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DoubtDecision",
                table: "OutboxMessages",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResentFromMessageId",
                table: "OutboxMessages",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResendOfRunId",
                table: "CampaignRuns",
                type: "bigint",
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

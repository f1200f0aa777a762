using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OverdueSmsPortal.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddOutcomeSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OutcomeSummaries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    SegmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    TemplateVersionId = table.Column<long>(type: "INTEGER", nullable: true),
                    Variant = table.Column<int>(type: "INTEGER", nullable: false),
                    Tone = table.Column<int>(type: "INTEGER", nullable: false),
                    Planned = table.Column<long>(type: "INTEGER", nullable: false),
                    Sent = table.Column<long>(type: "INTEGER", nullable: false),
                    Delivered = table.Column<long>(type: "INTEGER", nullable: false),
                    Failed = table.Column<long>(type: "INTEGER", nullable: false),
                    Expired = table.Column<long>(type: "INTEGER", nullable: false),
                    Suppressed = table.Column<long>(type: "INTEGER", nullable: false),
                    Replied = table.Column<long>(type: "INTEGER", nullable: false),
                    OptedOut = table.Column<long>(type: "INTEGER", nullable: false),
                    Complaints = table.Column<long>(type: "INTEGER", nullable: false),
                    Complained = table.Column<long>(type: "INTEGER", nullable: false),
                    Repaid = table.Column<long>(type: "INTEGER", nullable: false),
                    RecoveredFen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeSummaries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutcomeSummaries_CampaignRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "CampaignRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Runs counted before the summaries existed are counted again (with their summary) at the next pass.
            migrationBuilder.Sql("DELETE FROM \"RollupRuns\";");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeSummaries_CampaignId_Day",
                table: "OutcomeSummaries",
                columns: new[] { "CampaignId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeSummaries_Day",
                table: "OutcomeSummaries",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeSummaries_RunId",
                table: "OutcomeSummaries",
                column: "RunId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutcomeSummaries");
        }
    }
}

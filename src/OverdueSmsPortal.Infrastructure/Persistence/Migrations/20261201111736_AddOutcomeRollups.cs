using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OverdueSmsPortal.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddOutcomeRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Product",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            // Messages planned before this migration count under their customer's region and product of today.
            migrationBuilder.Sql("""
                UPDATE "OutboxMessages"
                SET "Region" = (SELECT c."Region" FROM "Customers" c WHERE c."Id" = "OutboxMessages"."CustomerId"),
                    "Product" = (SELECT c."Product" FROM "Customers" c WHERE c."Id" = "OutboxMessages"."CustomerId")
                """);

            migrationBuilder.CreateTable(
                name: "OutcomeRollups",
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
                    Region = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Product = table.Column<int>(type: "INTEGER", nullable: false),
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
                    table.PrimaryKey("PK_OutcomeRollups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutcomeRollups_CampaignRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "CampaignRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RollupRuns",
                columns: table => new
                {
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Open = table.Column<bool>(type: "INTEGER", nullable: false),
                    CountedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupRuns", x => x.RunId);
                    table.ForeignKey(
                        name: "FK_RollupRuns_CampaignRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "CampaignRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RollupWatermarks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplyId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReplyClassifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RepaymentId = table.Column<long>(type: "INTEGER", nullable: false),
                    ComplaintId = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveryEventId = table.Column<long>(type: "INTEGER", nullable: false),
                    RefreshedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupWatermarks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_RunId",
                table: "OutboxMessages",
                columns: new[] { "Status", "RunId" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundReplies_ClassifiedAt",
                table: "InboundReplies",
                column: "ClassifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_MessageId",
                table: "Complaints",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeRollups_CampaignId_Day",
                table: "OutcomeRollups",
                columns: new[] { "CampaignId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeRollups_Day",
                table: "OutcomeRollups",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeRollups_RunId",
                table: "OutcomeRollups",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_RollupRuns_Day",
                table: "RollupRuns",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_RollupRuns_Open",
                table: "RollupRuns",
                column: "Open");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutcomeRollups");

            migrationBuilder.DropTable(
                name: "RollupRuns");

            migrationBuilder.DropTable(
                name: "RollupWatermarks");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Status_RunId",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_InboundReplies_ClassifiedAt",
                table: "InboundReplies");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_MessageId",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Product",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "Region",
                table: "OutboxMessages");
        }
    }
}

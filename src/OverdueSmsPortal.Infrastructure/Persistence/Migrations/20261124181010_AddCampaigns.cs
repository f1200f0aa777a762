using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OverdueSmsPortal.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddCampaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Hold",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "HoldSince",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastRepliedAt",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PromisedToPayAt",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    ScheduleKind = table.Column<int>(type: "INTEGER", nullable: false),
                    OnceAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DailyAt = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    Cron = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    WindowFrom = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    WindowTo = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    WindowDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DaysBeforePayday = table.Column<int>(type: "INTEGER", nullable: true),
                    ThroughputPerSecond = table.Column<int>(type: "INTEGER", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SubmittedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReviewerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewComment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DevelopmentGatewayMessages",
                columns: table => new
                {
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    GatewayMessageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DevelopmentGatewayMessages", x => x.MessageId);
                });

            migrationBuilder.CreateTable(
                name: "EscalationEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: true),
                    UnansweredMessages = table.Column<int>(type: "INTEGER", nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EscalationEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EscalationEntries_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InboundReplies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: true),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundReplies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PortalSettings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Json = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PortalSettings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "CampaignRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    CampaignRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    ScheduledFor = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PlanSegmentPosition = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanAfterCustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Planned = table.Column<int>(type: "INTEGER", nullable: false),
                    PlannedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignRuns_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CampaignSegments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    SegmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    VersionAId = table.Column<long>(type: "INTEGER", nullable: false),
                    VersionBId = table.Column<long>(type: "INTEGER", nullable: true),
                    SplitBPercent = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignSegments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignSegments_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CampaignSegments_Segments_SegmentId",
                        column: x => x.SegmentId,
                        principalTable: "Segments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CampaignSegments_TemplateVersions_VersionAId",
                        column: x => x.VersionAId,
                        principalTable: "TemplateVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CampaignSegments_TemplateVersions_VersionBId",
                        column: x => x.VersionBId,
                        principalTable: "TemplateVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    SegmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    TemplateVersionId = table.Column<long>(type: "INTEGER", nullable: true),
                    Variant = table.Column<int>(type: "INTEGER", nullable: false),
                    Tone = table.Column<int>(type: "INTEGER", nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Parts = table.Column<int>(type: "INTEGER", nullable: false),
                    RenderedFor = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SuppressionReason = table.Column<int>(type: "INTEGER", nullable: true),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    GatewayMessageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxMessages_CampaignRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "CampaignRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutboxMessages_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignRuns_CampaignId_ScheduledFor",
                table: "CampaignRuns",
                columns: new[] { "CampaignId", "ScheduledFor" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CampaignRuns_Status",
                table: "CampaignRuns",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_Status",
                table: "Campaigns",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignSegments_CampaignId_Position",
                table: "CampaignSegments",
                columns: new[] { "CampaignId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CampaignSegments_SegmentId",
                table: "CampaignSegments",
                column: "SegmentId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignSegments_VersionAId",
                table: "CampaignSegments",
                column: "VersionAId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignSegments_VersionBId",
                table: "CampaignSegments",
                column: "VersionBId");

            migrationBuilder.CreateIndex(
                name: "IX_DevelopmentGatewayMessages_ReportedAt_ReceivedAt",
                table: "DevelopmentGatewayMessages",
                columns: new[] { "ReportedAt", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EscalationEntries_AddedAt",
                table: "EscalationEntries",
                column: "AddedAt");

            migrationBuilder.CreateIndex(
                name: "IX_EscalationEntries_CustomerId",
                table: "EscalationEntries",
                column: "CustomerId",
                unique: true,
                filter: "\"ResolvedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_InboundReplies_CustomerId_ReceivedAt",
                table: "InboundReplies",
                columns: new[] { "CustomerId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundReplies_MessageId",
                table: "InboundReplies",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_CustomerId_SentAt",
                table: "OutboxMessages",
                columns: new[] { "CustomerId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_GatewayMessageId",
                table: "OutboxMessages",
                column: "GatewayMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_RunId_CustomerId",
                table: "OutboxMessages",
                columns: new[] { "RunId", "CustomerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_RunId_Status_DueAt",
                table: "OutboxMessages",
                columns: new[] { "RunId", "Status", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CampaignSegments");

            migrationBuilder.DropTable(
                name: "DevelopmentGatewayMessages");

            migrationBuilder.DropTable(
                name: "EscalationEntries");

            migrationBuilder.DropTable(
                name: "InboundReplies");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "PortalSettings");

            migrationBuilder.DropTable(
                name: "CampaignRuns");

            migrationBuilder.DropTable(
                name: "Campaigns");

            migrationBuilder.DropColumn(
                name: "Hold",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "HoldSince",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "LastRepliedAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "PromisedToPayAt",
                table: "Customers");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OverdueSmsPortal.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddKannelGateway : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DeliveryStatus",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReportedAt",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Category",
                table: "InboundReplies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ClassifiedAt",
                table: "InboundReplies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClassifiedBy",
                table: "InboundReplies",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GatewayReplyId",
                table: "InboundReplies",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OptedOut",
                table: "InboundReplies",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "To",
                table: "InboundReplies",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "GatewayDownSince",
                table: "CampaignRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GatewayProblem",
                table: "CampaignRuns",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Complaints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: true),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: true),
                    ReplyId = table.Column<long>(type: "INTEGER", nullable: true),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    Severity = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    HoldsCustomer = table.Column<bool>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Complaints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Complaints_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeliveryEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliveryEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeliveryEvents_OutboxMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "OutboxMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReplyRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    Phrase = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Match = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplyRules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Phone_SentAt",
                table: "OutboxMessages",
                columns: new[] { "Phone", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_SentAt",
                table: "OutboxMessages",
                columns: new[] { "Status", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundReplies_Category_ReceivedAt",
                table: "InboundReplies",
                columns: new[] { "Category", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundReplies_ReceivedAt",
                table: "InboundReplies",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_InboundReplies_Source_GatewayReplyId",
                table: "InboundReplies",
                columns: new[] { "Source", "GatewayReplyId" },
                unique: true,
                filter: "\"GatewayReplyId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_CustomerId_Status",
                table: "Complaints",
                columns: new[] { "CustomerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_OpenedAt",
                table: "Complaints",
                column: "OpenedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ReplyId",
                table: "Complaints",
                column: "ReplyId");

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryEvents_MessageId_Status",
                table: "DeliveryEvents",
                columns: new[] { "MessageId", "Status" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReplyRules_Category_Phrase_Match",
                table: "ReplyRules",
                columns: new[] { "Category", "Phrase", "Match" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Complaints");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DeliveryEvents");

            migrationBuilder.DropTable(
                name: "ReplyRules");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Phone_SentAt",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Status_SentAt",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_InboundReplies_Category_ReceivedAt",
                table: "InboundReplies");

            migrationBuilder.DropIndex(
                name: "IX_InboundReplies_ReceivedAt",
                table: "InboundReplies");

            migrationBuilder.DropIndex(
                name: "IX_InboundReplies_Source_GatewayReplyId",
                table: "InboundReplies");

            migrationBuilder.DropColumn(
                name: "DeliveryStatus",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "ReportedAt",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "InboundReplies");

            migrationBuilder.DropColumn(
                name: "ClassifiedAt",
                table: "InboundReplies");

            migrationBuilder.DropColumn(
                name: "ClassifiedBy",
                table: "InboundReplies");

            migrationBuilder.DropColumn(
                name: "GatewayReplyId",
                table: "InboundReplies");

            migrationBuilder.DropColumn(
                name: "OptedOut",
                table: "InboundReplies");

            migrationBuilder.DropColumn(
                name: "To",
                table: "InboundReplies");

            migrationBuilder.DropColumn(
                name: "GatewayDownSince",
                table: "CampaignRuns");

            migrationBuilder.DropColumn(
                name: "GatewayProblem",
                table: "CampaignRuns");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OverdueSmsPortal.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddComplaintWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ComplaintRef",
                table: "Complaints",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReceivedAt",
                table: "Complaints",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Complaints recorded before this migration were received when they were opened.
            migrationBuilder.Sql("UPDATE \"Complaints\" SET \"ReceivedAt\" = \"OpenedAt\";");

            migrationBuilder.AddColumn<long>(
                name: "StartedAt",
                table: "Complaints",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StartedBy",
                table: "Complaints",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ComplaintRef",
                table: "Complaints",
                column: "ComplaintRef",
                unique: true,
                filter: "\"ComplaintRef\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Status_OpenedAt",
                table: "Complaints",
                columns: new[] { "Status", "OpenedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_ComplaintRef",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_Status_OpenedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ComplaintRef",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ReceivedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "StartedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "StartedBy",
                table: "Complaints");
        }
    }
}

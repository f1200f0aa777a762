using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OverdueSmsPortal.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class HandOverMark : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "HandOverAt",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            // A message claimed before this column existed may have reached the gateway: it stays in doubt.
            migrationBuilder.Sql("UPDATE \"OutboxMessages\" SET \"HandOverAt\" = \"DueAt\" WHERE \"Status\" = 2;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HandOverAt",
                table: "OutboxMessages");
        }
    }
}

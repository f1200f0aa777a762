using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OverdueSmsPortal.Infrastructure.Persistence.PostgresMigrations
{
    /// <inheritdoc />
    public partial class HandOverMark : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HandOverAt",
                table: "OutboxMessages",
                type: "timestamp with time zone",
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

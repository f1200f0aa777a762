using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OverdueSmsPortal.Infrastructure.Persistence.PostgresMigrations
{
    /// <inheritdoc />
    public partial class ContactStrategy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Messages sent before this column counted toward unanswered runs whatever their stage: they keep doing so (1 = overdue).
            migrationBuilder.AddColumn<int>(
                name: "DaysOverdue",
                table: "OutboxMessages",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastRepaidAt",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WrongNumberSince",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DaysOverdue",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "LastRepaidAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "WrongNumberSince",
                table: "Customers");
        }
    }
}

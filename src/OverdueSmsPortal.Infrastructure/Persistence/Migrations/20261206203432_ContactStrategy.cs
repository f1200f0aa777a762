using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OverdueSmsPortal.Infrastructure.Persistence.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<long>(
                name: "LastRepaidAt",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WrongNumberSince",
                table: "Customers",
                type: "INTEGER",
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

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OverdueSmsPortal.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ShareDispatchBetweenNodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Lane",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PaceTurns",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    NextTicks = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaceTurns", x => x.Key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PaceTurns");

            migrationBuilder.DropColumn(
                name: "Lane",
                table: "OutboxMessages");
        }
    }
}

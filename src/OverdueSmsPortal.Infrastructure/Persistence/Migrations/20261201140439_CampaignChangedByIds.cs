using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OverdueSmsPortal.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CampaignChangedByIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChangedByIds",
                table: "Campaigns",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChangedByIds",
                table: "Campaigns");
        }
    }
}

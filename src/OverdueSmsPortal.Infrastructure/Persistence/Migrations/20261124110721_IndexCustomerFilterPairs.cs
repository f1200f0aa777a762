using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OverdueSmsPortal.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IndexCustomerFilterPairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Customers_Product_CustomerType_DueDate",
                table: "Customers",
                columns: new[] { "Product", "CustomerType", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Region_CustomerType_DueDate",
                table: "Customers",
                columns: new[] { "Region", "CustomerType", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Region_Product_DueDate",
                table: "Customers",
                columns: new[] { "Region", "Product", "DueDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_Product_CustomerType_DueDate",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Region_CustomerType_DueDate",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Region_Product_DueDate",
                table: "Customers");
        }
    }
}

using OverdueSmsPortal.Core.Customers;

namespace OverdueSmsPortal.Core.Tests.Customers;

public class MobileNumbersTests
{
    [Theory]
    [InlineData("13812345678")]
    [InlineData("138 1234 5678")]
    [InlineData("138-1234-5678")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("+8613812345678")]
    [InlineData("008613812345678")]
    public void Chinese_mobile_numbers_in_common_forms_normalise_to_E164(string input) =>
        Assert.Equal("+8613812345678", MobileNumbers.Normalize(input));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345")]
    [InlineData("1381234567")]
    [InlineData("138123456789")]
    [InlineData("01012345678")]
    [InlineData("not a number")]
    public void Invalid_or_landline_numbers_are_refused(string input) =>
        Assert.Null(MobileNumbers.Normalize(input));

    [Fact]
    public void A_foreign_mobile_number_with_its_country_code_is_kept() =>
        Assert.Equal("+85291234567", MobileNumbers.Normalize("+852 9123 4567"));

    [Fact]
    public void Chinese_numbers_display_in_national_form() =>
        Assert.Equal("13812345678", MobileNumbers.Display("+8613812345678"));
}

using OverdueSmsPortal.Core.Customers;

namespace OverdueSmsPortal.Core.Tests.Customers;

public class PersonalDataMaskTests
{
    [Theory]
    [InlineData("+8613812345678", "138****5678")]
    [InlineData("+8619912340000", "199****0000")]
    public void A_chinese_mobile_number_keeps_its_first_three_and_last_four_digits(string e164, string masked) =>
        Assert.Equal(masked, PersonalDataMask.Phone(e164));

    [Fact]
    public void A_masked_number_never_contains_the_middle_digits() =>
        Assert.DoesNotContain("1234", PersonalDataMask.Phone("+8613812345678"));

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("李小龙", "李**")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("王", "王*")]
    [InlineData(" 赵敏 ", "赵*")]
    public void A_name_keeps_its_first_character(string name, string masked) =>
        Assert.Equal(masked, PersonalDataMask.Name(name));

    [Fact]
    public void A_name_starting_with_a_surrogate_pair_is_not_cut_in_half() =>
        Assert.Equal("𠀀*", PersonalDataMask.Name("𠀀明"));
}

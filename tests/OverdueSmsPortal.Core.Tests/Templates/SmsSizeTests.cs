using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Core.Tests.Templates;

public class SmsSizeTests
{
    private static string Chinese(int count) => new('还', count);
    private static string Ascii(int count) => new('a', count);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    [InlineData(201, 3)]
    [InlineData(202, 4)]
    public void Chinese_text_is_ucs2_with_70_then_67_per_part(int characters, int parts) =>
        Assert.Equal(new SmsSize(characters, parts, SmsEncoding.Ucs2), SmsSize.Measure(Chinese(characters)));

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Plain_latin_text_is_gsm7_with_160_then_153_per_part(int characters, int parts) =>
        Assert.Equal(new SmsSize(characters, parts, SmsEncoding.Gsm7), SmsSize.Measure(Ascii(characters)));

    [Fact]
    public void Empty_text_takes_no_part() =>
        Assert.Equal(new SmsSize(0, 0, SmsEncoding.Gsm7), SmsSize.Measure(""));

    [Theory]
    [InlineData(80, 160, 1)]
    [InlineData(81, 162, 2)]
    public void Gsm7_extension_characters_count_twice(int euros, int septets, int parts) =>
        Assert.Equal(new SmsSize(septets, parts, SmsEncoding.Gsm7), SmsSize.Measure(new string('€', euros)));

    [Theory]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("[")]
    [InlineData("]")]
    [InlineData("~")]
    [InlineData("|")]
    [InlineData("\\")]
    [InlineData("^")]
    public void Each_extension_character_takes_two_septets(string character) =>
        Assert.Equal(2, SmsSize.Measure(character).Characters);

    [Fact]
    public void An_escape_pair_that_would_straddle_a_part_boundary_moves_to_the_next_part()
    {
        // 152 septets, then € (2) does not fit in part one's 153; 152 + 2 + 152 = 306 septets but 3 parts.
        var text = Ascii(152) + "€" + Ascii(152);

        Assert.Equal(new SmsSize(306, 3, SmsEncoding.Gsm7), SmsSize.Measure(text));
        Assert.Equal(new SmsSize(306, 2, SmsEncoding.Gsm7), SmsSize.Measure(Ascii(306)));
    }

    [Fact]
    public void An_emoji_counts_two_units_and_is_never_split_between_parts()
    {
        Assert.Equal(new SmsSize(70, 1, SmsEncoding.Ucs2), SmsSize.Measure(Chinese(68) + "😀"));
        Assert.Equal(new SmsSize(71, 2, SmsEncoding.Ucs2), SmsSize.Measure(Chinese(69) + "😀"));
        // 66 + emoji (2) overflows part one at 67: the emoji opens part two, 66 + 2 + 66 = 134 units in 3 parts.
        Assert.Equal(new SmsSize(134, 3, SmsEncoding.Ucs2), SmsSize.Measure(Chinese(66) + "😀" + Chinese(66)));
    }

    [Fact]
    public void One_chinese_character_turns_a_latin_text_into_ucs2()
    {
        var size = SmsSize.Measure(Ascii(100) + "元");
        Assert.Equal(new SmsSize(101, 2, SmsEncoding.Ucs2), size);
    }

    [Fact]
    public void Chinese_punctuation_and_the_signature_brackets_are_ucs2() =>
        Assert.Equal(SmsEncoding.Ucs2, SmsSize.Measure("【Bank】Hello").Encoding);

    [Fact]
    public void Gsm7_letters_with_accents_stay_gsm7_but_other_accents_do_not()
    {
        Assert.Equal(SmsEncoding.Gsm7, SmsSize.Measure("Café Müller £5").Encoding);
        Assert.Equal(SmsEncoding.Ucs2, SmsSize.Measure("Crème brûlée").Encoding);
    }
}

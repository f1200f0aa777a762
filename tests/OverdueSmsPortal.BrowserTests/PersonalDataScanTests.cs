namespace OverdueSmsPortal.BrowserTests;

/// <summary>The journey's log scan finds what it must and lets the masked forms through.</summary>
public sealed class PersonalDataScanTests
{
    private static readonly PersonalDataScan.Person Customer = new("JY000001", "欧阳明轩", "13912340001");

    [Theory]
    [InlineData("info: Reply from 13912340001 stored")]
    [InlineData("dbug: handing over to +8613912340001")]
    [InlineData("GET /api/v1/gateway/kannel/mo?from=%2B8613912340001&text=x")]
    [InlineData("warn: 139 1234 0001 matches no customer")]
    [InlineData("warn: 139-1234-0001 matches no customer")]
    [InlineData("info: Customer 欧阳明轩 opted out")]
    [InlineData("dbug: body 【示例消费金融】欧阳明轩先生，您的欠款已逾期10天。")]
    public void A_line_with_a_full_number_name_or_text_is_a_leak(string line)
    {
        var leaks = PersonalDataScan.Leaks([line], [Customer], ["【示例消费金融】欧阳明轩先生，您的欠款已逾期10天。"]);

        Assert.NotEmpty(leaks);
        Assert.All(leaks, leak => Assert.EndsWith(line, leak));
    }

    [Theory]
    [InlineData("warn: Reply 7 via kannel from 139****0001 matches no customer; kept unmatched")]
    [InlineData("info: Reply 7 from customer 1 (message 3): OptOut, opted out: True")]
    [InlineData("info: Customer 欧* opted out")]
    [InlineData("info: Executed DbCommand (1ms) [Parameters=[@p0='?' (Size = 11)], CommandType='Text']")]
    public void Masked_and_parameterised_lines_are_no_leak(string line) =>
        Assert.Empty(PersonalDataScan.Leaks([line], [Customer], ["【示例消费金融】欧阳明轩先生，您的欠款已逾期10天。"]));
}

using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways.Kannel;

namespace OverdueSmsPortal.IntegrationTests.Gateways;

public class KannelCallbackTests
{
    [Fact]
    public void A_utf8_text_is_read_as_kannel_sent_it()
    {
        var callback = KannelCallback.Parse("?token=t&from=13800138000&text=%E9%80%80%E8%AE%A2&charset=UTF-8");

        Assert.Equal("退订", callback.Text("text", callback.Text("charset")));
        Assert.Equal("13800138000", callback.Text("from"));
    }

    [Fact]
    public void A_ucs2_text_without_recoding_is_read_as_utf16_big_endian()
    {
        // 退订 in UTF-16BE is 0x90 0x00 0x8B 0xA2.
        var callback = KannelCallback.Parse("text=%90%00%8B%A2&charset=UTF-16BE");

        Assert.Equal("退订", callback.Text("text", "UTF-16BE"));
    }

    [Fact]
    public void Plus_is_a_space_and_the_first_of_two_fields_wins()
    {
        var callback = KannelCallback.Parse("text=I+will+pay&text=second", "text=from-body");

        Assert.Equal("I will pay", callback.Text("text"));
    }

    [Fact]
    public void Query_and_form_body_are_read_together()
    {
        var callback = KannelCallback.Parse("?token=abc", "from=%2B8613800138000&text=TD");

        Assert.Equal(("abc", "+8613800138000", "TD"), (callback.Text("token"), callback.Text("from"), callback.Text("text")));
    }

    [Theory]
    [InlineData("id=12&status=1", 12L, 1)]
    [InlineData("id=abc&status=x", null, null)]
    [InlineData("id=-4&status=1.5", null, null)]
    [InlineData("status=", null, null)]
    public void Numbers_are_read_only_when_they_are_numbers(string query, long? id, int? status)
    {
        var callback = KannelCallback.Parse(query);

        Assert.Equal((id, status), (callback.LongValue("id"), callback.IntValue("status")));
    }

    [Fact]
    public void A_unix_time_is_read_as_such_and_nonsense_is_none()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796112588), KannelCallback.Parse("at=1796112588").UnixTime("at"));
        Assert.Null(KannelCallback.Parse("at=%T").UnixTime("at"));
        Assert.Null(KannelCallback.Parse("at=99999999999999").UnixTime("at"));
    }

    [Fact]
    public void A_broken_escape_is_kept_as_text_rather_than_thrown()
    {
        Assert.Equal("100%", KannelCallback.Parse("text=100%").Text("text"));
        Assert.Equal("%zz", KannelCallback.Parse("text=%zz").Text("text"));
    }

    [Fact]
    public void Absent_fields_are_null()
    {
        var callback = KannelCallback.Parse("");

        Assert.False(callback.Has("text"));
        Assert.Null(callback.Text("text"));
    }

    [Theory]
    [InlineData(1, DeliveryStatus.Delivered)]
    [InlineData(2, DeliveryStatus.Failed)]
    [InlineData(4, DeliveryStatus.Buffered)]
    [InlineData(8, DeliveryStatus.Submitted)]
    [InlineData(16, DeliveryStatus.Rejected)]
    public void Kannels_report_values_map_to_the_portals_statuses(int value, DeliveryStatus expected)
    {
        Assert.Equal(expected, KannelDeliveryStatus.From(value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(31)]
    public void Other_report_values_are_none(int value)
    {
        Assert.Null(KannelDeliveryStatus.From(value));
    }

    [Fact]
    public void The_dlr_url_carries_the_message_id_and_kannels_codes()
    {
        var url = KannelGateway.DlrUrl("http://127.0.0.1:5000/", "tok en", 42);

        Assert.Equal("http://127.0.0.1:5000/api/v1/gateway/kannel/dlr?token=tok%20en&id=42&status=%d&at=%T&answer=%A", url);
    }
}

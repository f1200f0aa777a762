using OverdueSmsPortal.Core.Replies;

namespace OverdueSmsPortal.Core.Tests.Replies;

/// <summary>The default rules read negations, amounts, regulators and wrong numbers as a collections team would.</summary>
public class ChineseReplyReadingTests
{
    private static ReplyClassification Classify(string text) => ReplyClassifier.Default.Classify(text);

    [Theory]
    [InlineData("我不会还的")]
    [InlineData("不还")]
    [InlineData("下周还不了")]
    [InlineData("这个月还不起")]
    [InlineData("我不打算还")]
    [InlineData("不想还")]
    [InlineData("没钱还")]
    [InlineData("实在没法还")]
    [InlineData("无力偿还")]
    [InlineData("不可能还")]
    [InlineData("我不會還的")]
    [InlineData("I won't pay")]
    [InlineData("I can't pay this")]
    public void A_refusal_is_the_customers_answer_but_no_promise(string reply)
    {
        var result = Classify(reply);

        Assert.Equal(ReplyCategory.Other, result.Category);
        Assert.NotNull(result.MatchedPhrase);
    }

    [Theory]
    [InlineData("明天还")]
    [InlineData("下周还")]
    [InlineData("发工资就还")]
    [InlineData("我会还的")]
    [InlineData("明天還")]
    public void A_promise_is_a_promise(string reply)
    {
        Assert.Equal(ReplyCategory.PromiseToPay, Classify(reply).Category);
    }

    [Fact]
    public void A_promise_word_right_after_a_negation_is_no_promise_even_without_a_rule_for_the_refusal()
    {
        var classifier = new ReplyClassifier([new ReplyRule(ReplyCategory.PromiseToPay, "按时还", ReplyMatch.Contains)]);

        Assert.Equal(ReplyCategory.Other, classifier.Classify("我不按时还").Category);
        Assert.Equal(ReplyCategory.PromiseToPay, classifier.Classify("我会按时还").Category);
    }

    [Theory]
    [InlineData("我已经还了")]
    [InlineData("已还315元")]
    [InlineData("已还 315 元")]
    [InlineData("昨天已還清")]
    public void A_payment_is_already_paid(string reply)
    {
        Assert.Equal(ReplyCategory.AlreadyPaid, Classify(reply).Category);
    }

    [Theory]
    [InlineData("还没还")]
    [InlineData("我还没有还")]
    public void Not_yet_paid_is_not_already_paid(string reply)
    {
        Assert.NotEqual(ReplyCategory.AlreadyPaid, Classify(reply).Category);
    }

    [Theory]
    [InlineData("已还315元")]
    [InlineData("转了¥315")]
    [InlineData("转了￥ 315")]
    [InlineData("还了315.00")]
    [InlineData("还了2.315万")]
    [InlineData("共3150元")]
    [InlineData("尾号13151234")]
    [InlineData("还了315块")]
    [InlineData("paid 315 rmb")]
    [InlineData("账单12378元")]
    public void A_number_inside_an_amount_or_a_longer_number_is_no_regulator(string reply)
    {
        Assert.NotEqual(ReplyCategory.Complaint, Classify(reply).Category);
    }

    [Theory]
    [InlineData("我要打315投诉")]
    [InlineData("315")]
    [InlineData("找315")]
    [InlineData("３１５")]
    [InlineData("再发我就打12378")]
    [InlineData("去银保监会告你们")]
    [InlineData("向金融监管部门反映")]
    [InlineData("我要报警")]
    [InlineData("我要起诉你们")]
    [InlineData("找律师告你们")]
    [InlineData("我去公安局")]
    [InlineData("我要報警")]
    [InlineData("I will call the police")]
    public void Regulator_police_and_lawsuit_words_are_a_regulator_threat(string reply)
    {
        var result = Classify(reply);

        Assert.Equal(ReplyCategory.Complaint, result.Category);
        Assert.True(result.RegulatorThreat);
    }

    [Fact]
    public void An_ordinary_complaint_is_no_regulator_threat()
    {
        var result = Classify("我要投诉你们");

        Assert.Equal(ReplyCategory.Complaint, result.Category);
        Assert.False(result.RegulatorThreat);
    }

    [Fact]
    public void A_regulator_rule_later_in_the_order_still_marks_the_complaint()
    {
        Assert.True(Classify("投诉！我要打12378").RegulatorThreat);
    }

    [Theory]
    [InlineData("不是本人")]
    [InlineData("我不是本人")]
    [InlineData("不是我本人")]
    [InlineData("你们打错了")]
    [InlineData("发错人了")]
    [InlineData("不认识这个人")]
    [InlineData("号码换人了")]
    [InlineData("我换号了")]
    [InlineData("这不是他的号码")]
    [InlineData("本人不是")]
    [InlineData("Wrong number")]
    [InlineData("wrong person")]
    [InlineData("not me")]
    [InlineData("不是本人！")]
    [InlineData("不認識這個人")]
    [InlineData("ＷＲＯＮＧ　ＮＵＭＢＥＲ")]
    public void A_wrong_number_is_a_wrong_number(string reply)
    {
        Assert.Equal(ReplyCategory.WrongNumber, Classify(reply).Category);
    }

    [Fact]
    public void A_wrong_number_that_asks_to_stop_also_opts_out()
    {
        var result = Classify("打错了，别再发了");

        Assert.Equal(ReplyCategory.OptOut, result.Category);
        Assert.True(result.OptOut);
    }

    [Theory]
    [InlineData("ＴＤ")]
    [InlineData("退訂")]
    [InlineData("ＳＴＯＰ")]
    [InlineData("Ｓｔｏｐ sending")]
    public void Full_width_and_traditional_opt_outs_opt_out(string reply)
    {
        Assert.True(Classify(reply).OptOut);
    }

    [Fact]
    public void A_latin_word_rule_never_matches_inside_a_longer_word()
    {
        Assert.False(Classify("nonstop service").OptOut);
        Assert.Equal(ReplyCategory.PromiseToPay, Classify("I will pay soon").Category);
    }

    [Fact]
    public void The_first_rule_in_order_decides_and_its_position_is_reported()
    {
        var rules = new[]
        {
            new ReplyRule(ReplyCategory.Question, "明天", ReplyMatch.Contains, position: 1),
            new ReplyRule(ReplyCategory.PromiseToPay, "明天还", ReplyMatch.Contains, position: 2),
        };

        var result = new ReplyClassifier(rules).Classify("明天还");
        var reversed = new ReplyClassifier([rules[0], new ReplyRule(ReplyCategory.PromiseToPay, "明天还", ReplyMatch.Contains, position: 0)])
            .Classify("明天还");

        Assert.Equal((ReplyCategory.Question, 1), (result.Category, result.MatchedRulePosition!.Value));
        Assert.Equal(ReplyCategory.PromiseToPay, reversed.Category);
    }

    [Fact]
    public void A_word_rule_with_chinese_characters_matches_like_contains()
    {
        var classifier = new ReplyClassifier([new ReplyRule(ReplyCategory.Dispute, "金额", ReplyMatch.Word)]);

        Assert.Equal(ReplyCategory.Dispute, classifier.Classify("这个金额有问题").Category);
    }

    [Fact]
    public void Default_rules_have_distinct_positions_in_the_order_of_precedence()
    {
        var rules = DefaultReplyRules.All;
        int At(string phrase) => rules.Single(r => r.Phrase == phrase).Position;

        Assert.Equal(rules.Count, rules.Select(r => r.Position).Distinct().Count());
        Assert.DoesNotContain(rules, r => r.Position <= 0);
        string[] ladder = ["12378", "投诉", "退订", "打错", "没借过", "不会还", "已还", "明天*还", "怎么"];
        Assert.Equal(ladder, ladder.OrderBy(At));
    }

    [Theory]
    [InlineData("不要再给我发短信了", true)]
    [InlineData("以后不用再通知我了", true)]
    [InlineData("取消短信提醒", true)]
    [InlineData("不要催了，我在凑钱，过几天一次性给你们打过来的时候再发短信", false)]
    public void A_gap_in_a_phrase_stands_for_a_few_characters(string reply, bool optOut)
    {
        Assert.Equal(optOut, Classify(reply).OptOut);
    }

    [Fact]
    public void A_gap_spans_at_most_a_few_characters()
    {
        var classifier = new ReplyClassifier([new ReplyRule(ReplyCategory.OptOut, "不要*短信", ReplyMatch.Contains)]);

        Assert.True(classifier.Classify("不要再给我发短信").OptOut);
        Assert.False(classifier.Classify("不要着急，我下个月一定还清，请看短信").OptOut);
    }

    [Theory]
    [InlineData("这笔不是我借的", ReplyCategory.Dispute)]
    [InlineData("不是我", ReplyCategory.WrongNumber)]
    [InlineData("我不是不还，月底一定还", ReplyCategory.PromiseToPay)]
    [InlineData("今天还的话还有罚息吗", ReplyCategory.Question)]
    [InlineData("还什么还", ReplyCategory.Other)]
    [InlineData("TD 谢谢", ReplyCategory.OptOut)]
    public void Rules_placed_ahead_of_their_category_decide_where_order_matters(string reply, ReplyCategory expected)
    {
        Assert.Equal(expected, Classify(reply).Category);
    }
}

using OverdueSmsPortal.Core.Replies;

namespace OverdueSmsPortal.Core.Tests.Replies;

public class ReplyClassifierTests
{
    private static ReplyClassification Classify(string text) => ReplyClassifier.Default.Classify(text);

    [Theory]
    [InlineData("退订")]
    [InlineData("退 订")]
    [InlineData("退訂")]
    [InlineData("请退订，谢谢")]
    [InlineData("TD")]
    [InlineData("td")]
    [InlineData("ＴＤ")]
    [InlineData(" t d ")]
    [InlineData("T")]
    [InlineData("N")]
    [InlineData("STOP")]
    [InlineData("Stop sending me this")]
    [InlineData("UNSUBSCRIBE")]
    [InlineData("不要再发了")]
    public void Opt_out_phrases_opt_out_whatever_their_width_case_spacing_or_script(string reply)
    {
        var result = Classify(reply);

        Assert.Equal(ReplyCategory.OptOut, result.Category);
        Assert.True(result.OptOut);
    }

    [Theory]
    [InlineData("Thank you")]
    [InlineData("Not now")]
    [InlineData("好的T恤")]
    [InlineData("OK")]
    public void A_short_code_inside_other_words_is_no_opt_out(string reply)
    {
        Assert.False(Classify(reply).OptOut);
    }

    [Theory]
    [InlineData("我要投诉你们", ReplyCategory.Complaint)]
    [InlineData("再发我就打12378举报", ReplyCategory.Complaint)]
    [InlineData("明天还", ReplyCategory.PromiseToPay)]
    [InlineData("发工资还款", ReplyCategory.PromiseToPay)]
    [InlineData("I will pay tomorrow", ReplyCategory.PromiseToPay)]
    [InlineData("已经还了", ReplyCategory.AlreadyPaid)]
    [InlineData("昨天已还清", ReplyCategory.AlreadyPaid)]
    [InlineData("I have paid", ReplyCategory.AlreadyPaid)]
    [InlineData("你们打错了，我不认识这个人", ReplyCategory.WrongNumber)]
    [InlineData("金额不对", ReplyCategory.Dispute)]
    [InlineData("wrong number", ReplyCategory.WrongNumber)]
    [InlineData("这笔钱我没借过", ReplyCategory.Dispute)]
    [InlineData("怎么还款", ReplyCategory.Question)]
    [InlineData("还款账号是？", ReplyCategory.Question)]
    [InlineData("收到", ReplyCategory.Other)]
    [InlineData("", ReplyCategory.Other)]
    public void Replies_are_classified_by_the_default_rules(string reply, ReplyCategory expected)
    {
        Assert.Equal(expected, Classify(reply).Category);
    }

    [Fact]
    public void A_complaint_that_also_asks_to_opt_out_is_a_complaint_and_still_opts_out()
    {
        var result = Classify("投诉！马上退订");

        Assert.Equal(ReplyCategory.Complaint, result.Category);
        Assert.True(result.OptOut);
    }

    [Fact]
    public void Already_paid_wins_over_a_promise_in_the_same_reply()
    {
        Assert.Equal(ReplyCategory.AlreadyPaid, Classify("已经还了，明天还会再还一笔").Category);
    }

    [Fact]
    public void The_matched_phrase_is_reported()
    {
        Assert.Equal("退订", Classify("请帮我退订").MatchedPhrase);
        Assert.Null(Classify("收到").MatchedPhrase);
    }

    [Fact]
    public void An_admins_rule_classifies_with_the_others()
    {
        var classifier = new ReplyClassifier([.. DefaultReplyRules.All, new ReplyRule(ReplyCategory.PromiseToPay, "下个月", ReplyMatch.Contains)]);

        Assert.Equal(ReplyCategory.PromiseToPay, classifier.Classify("下个月一定").Category);
    }

    [Fact]
    public void A_punctuation_only_phrase_is_looked_for_in_the_text_as_it_came()
    {
        var classifier = new ReplyClassifier([new ReplyRule(ReplyCategory.Question, "？", ReplyMatch.Contains)]);

        Assert.Equal(ReplyCategory.Question, classifier.Classify("这是哪家？").Category);
        Assert.Equal(ReplyCategory.Other, classifier.Classify("这是哪家").Category);
    }

    [Fact]
    public void Whole_rules_match_only_a_reply_that_is_exactly_the_phrase()
    {
        var classifier = new ReplyClassifier([new ReplyRule(ReplyCategory.OptOut, "0000", ReplyMatch.Whole)]);

        Assert.True(classifier.Classify("0 0 0 0").OptOut);
        Assert.False(classifier.Classify("还款0000元").OptOut);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_rule_needs_a_phrase(string phrase)
    {
        Assert.Throws<ArgumentException>(() => new ReplyRule(ReplyCategory.OptOut, phrase, ReplyMatch.Contains));
    }

    [Fact]
    public void A_rule_of_category_other_stops_the_rules_after_it()
    {
        var classifier = new ReplyClassifier([
            new ReplyRule(ReplyCategory.Other, "不会还", ReplyMatch.Contains, position: 1),
            new ReplyRule(ReplyCategory.PromiseToPay, "会还", ReplyMatch.Contains, position: 2),
        ]);

        Assert.Equal(ReplyCategory.Other, classifier.Classify("我不会还的").Category);
        Assert.Equal("不会还", classifier.Classify("我不会还的").MatchedPhrase);
    }

    [Fact]
    public void Only_a_complaint_rule_can_be_a_regulator_threat()
    {
        Assert.Throws<ArgumentException>(() => new ReplyRule(ReplyCategory.Dispute, "12378", ReplyMatch.Word, regulatorThreat: true));
    }

    [Fact]
    public void Category_codes_round_trip()
    {
        foreach (var category in ReplyCategories.All)
        {
            Assert.Equal(category, ReplyCategories.FromCode(category.Code()));
        }
        Assert.Null(ReplyCategories.FromCode("nonsense"));
    }
}

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
    [InlineData("刚转315 剩下的月底")]
    [InlineData("还差 315 吧")]
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

    [Fact]
    public void Words_separated_by_a_bar_may_stand_in_the_same_place()
    {
        var classifier = new ReplyClassifier([new ReplyRule(ReplyCategory.PromiseToPay, "明早|后天*还|转", ReplyMatch.Contains)]);

        Assert.Equal(ReplyCategory.PromiseToPay, classifier.Classify("明早给你转").Category);
        Assert.Equal(ReplyCategory.PromiseToPay, classifier.Classify("后天还").Category);
        Assert.Equal(ReplyCategory.Other, classifier.Classify("后天再说").Category);
        Assert.Equal(ReplyCategory.Other, classifier.Classify("明早|后天").Category);
    }

    [Theory]
    [InlineData("明早转给你们")]
    [InlineData("明儿个一准还上")]
    [InlineData("下礼拜五之前处理完")]
    [InlineData("这星期之内搞定")]
    [InlineData("月初发了工资就转")]
    [InlineData("过两天凑够了打过去")]
    [InlineData("等奖金下来全还掉")]
    [InlineData("我让她周末去还")]
    [InlineData("放心 会缴的")]
    [InlineData("最晚25号")]
    [InlineData("周四前肯定转")]
    [InlineData("没说不还，今晚就弄")]
    [InlineData("聽日還")]
    public void A_time_ahead_with_a_way_of_paying_is_a_promise(string reply)
    {
        Assert.Equal(ReplyCategory.PromiseToPay, Classify(reply).Category);
    }

    [Theory]
    [InlineData("明天也转不了")]
    [InlineData("下周也拿不出来")]
    [InlineData("月底也不一定有")]
    [InlineData("钱都没了拿什么还")]
    [InlineData("公司停发工资了")]
    public void Inability_after_a_time_is_no_promise_and_no_opt_out(string reply)
    {
        var reading = Classify(reply);
        Assert.NotEqual(ReplyCategory.PromiseToPay, reading.Category);
        Assert.False(reading.OptOut);
    }

    [Theory]
    [InlineData("前天晚上就转过去了")]
    [InlineData("昨晚已经交的")]
    [InlineData("上礼拜还上了")]
    [InlineData("中午在网点缴的")]
    [InlineData("刚刚付了，查一下")]
    [InlineData("以还")]
    [InlineData("還款成功了")]
    [InlineData("早就还清了")]
    [InlineData("用支付宝还的，请查收")]
    [InlineData("上周就还啦")]
    [InlineData("款已打到你们对公账户")]
    [InlineData("刚刚自动扣款成功")]
    public void A_time_behind_with_a_finished_payment_is_already_paid(string reply)
    {
        Assert.Equal(ReplyCategory.AlreadyPaid, Classify(reply).Category);
    }

    [Theory]
    [InlineData("我姓李，不姓陈")]
    [InlineData("我不是你们找的那位先生")]
    [InlineData("本人非持卡人")]
    [InlineData("这个卡号是我刚买的，以前谁用不知道")]
    [InlineData("我是她妈妈，她早就不用这个了")]
    [InlineData("号码我用了十年了，你们弄错号了")]
    [InlineData("這是公司的號，他去年就離職了")]
    [InlineData("唔识呢个人")]
    [InlineData("这是我老婆的手机，你们找错了")]
    [InlineData("机主早换了，换主人了")]
    [InlineData("不是他的电话")]
    [InlineData("你们认错人了")]
    [InlineData("我会转告他的")]
    public void Someone_else_holding_the_number_is_a_wrong_number(string reply)
    {
        Assert.Equal(ReplyCategory.WrongNumber, Classify(reply).Category);
    }

    [Theory]
    [InlineData("我离职了，下个月再还")]
    [InlineData("刚买了房，手头紧，月底还")]
    [InlineData("我是本人，明天处理")]
    [InlineData("我是他妈，这钱我替他还了")]
    [InlineData("我是她老公，下周我帮她还")]
    public void A_customer_speaking_of_their_own_life_is_no_wrong_number(string reply)
    {
        Assert.NotEqual(ReplyCategory.WrongNumber, Classify(reply).Category);
    }

    [Theory]
    [InlineData("这个违约金太高了")]
    [InlineData("罚息我不承认")]
    [InlineData("凭什么扣我手续费")]
    [InlineData("我明明上周交过了，怎么还说我逾期")]
    [InlineData("客服已经同意停息挂账了")]
    [InlineData("你们系统出错了吧，我根本没有这笔")]
    [InlineData("我从来没在你们那借过钱")]
    [InlineData("这贷款不是我本人签的")]
    [InlineData("啥时候借过你们的")]
    [InlineData("我就欠一千 怎么多出来五百")]
    public void Contesting_fees_records_or_an_agreed_arrangement_is_a_dispute(string reply)
    {
        Assert.Equal(ReplyCategory.Dispute, Classify(reply).Category);
    }

    [Theory]
    [InlineData("甭再发了")]
    [InlineData("把这个提醒关掉")]
    [InlineData("停了吧，烦死了")]
    [InlineData("唔使再send啦")]
    [InlineData("不要再打扰我")]
    [InlineData("bie fa le")]
    [InlineData("别再往我手机上发了")]
    [InlineData("别再send了")]
    [InlineData("以后别给发")]
    [InlineData("tuiding")]
    public void Everyday_ways_of_saying_stop_opt_out(string reply)
    {
        Assert.True(Classify(reply).OptOut);
    }

    [Theory]
    [InlineData("再发我就打12345")]
    [InlineData("我要找媒体曝光你们")]
    [InlineData("打市长热线反映你们")]
    public void Hotlines_and_the_press_are_complaints(string reply)
    {
        Assert.Equal(ReplyCategory.Complaint, Classify(reply).Category);
    }

    [Theory]
    [InlineData("今天还还算逾期吗")]
    [InlineData("有没有微信还款")]
    [InlineData("咋操作")]
    [InlineData("请问最低还多少")]
    [InlineData("把还款卡号发我")]
    [InlineData("分两次还行不")]
    public void Asking_about_paying_is_a_question_not_a_promise(string reply)
    {
        Assert.Equal(ReplyCategory.Question, Classify(reply).Category);
    }

    [Fact]
    public void Cancelling_some_other_service_is_no_opt_out()
    {
        var reading = Classify("上个月就退订了那个会员套餐，这钱不该扣");
        Assert.False(reading.OptOut);
        Assert.Equal(ReplyCategory.Dispute, reading.Category);
    }
}

using OverdueSmsPortal.Core.Access;

namespace OverdueSmsPortal.Core.Tests.Access;

/// <summary>The maker-checker trail shared by campaigns and template versions.</summary>
public class ReviewTests
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Actor Maker = new("u-maker", "王伟");
    private static readonly Actor Checker = new("u-checker", "李娜");

    [Fact]
    public void A_submission_names_who_submitted_and_holds_no_decision()
    {
        var again = Review.Submitted(Checker, Monday.AddDays(1));

        Assert.Equal(("u-checker", "李娜", Monday.AddDays(1)), (again.SubmittedById, again.SubmittedByName, again.SubmittedAt));
        Assert.Equal((null, null, null, null, false), (again.ReviewerId, again.ReviewerName, again.ReviewedAt, again.Comment, again.ReviewedAt is not null));
        Assert.True(again.IsSubmittedBy(Checker));
        Assert.False(again.IsSubmittedBy(Maker));
    }

    [Theory]
    [InlineData("  写得清楚 ", "写得清楚")]
    [InlineData("", null)]
    [InlineData(" \u3000\t", null)]
    [InlineData(null, null)]
    public void A_decision_keeps_its_comment_trimmed_and_a_blank_one_as_none(string? comment, string? kept)
    {
        var decided = Review.Submitted(Maker, Monday).DecidedBy(Checker, comment, Monday.AddHours(2));

        Assert.Equal(("u-checker", "李娜", Monday.AddHours(2), kept), (decided.ReviewerId, decided.ReviewerName, decided.ReviewedAt, decided.Comment));
        Assert.Equal(("u-maker", true), (decided.SubmittedById, decided.ReviewedAt is not null));
    }

    [Fact]
    public void Taking_a_decision_back_keeps_who_submitted()
    {
        var approved = Review.Submitted(Maker, Monday).DecidedBy(Checker, "同意", Monday.AddHours(1));

        var undecided = approved.Undecided();

        Assert.Equal(Review.Submitted(Maker, Monday), undecided);
        Assert.True(undecided.IsSubmittedBy(Maker));
    }

    [Fact]
    public void Nobody_submitted_what_was_never_submitted()
    {
        Assert.False(Review.None.IsSubmittedBy(Maker));
        Assert.False(Review.None.IsSubmittedBy(new Actor("", "")));
    }

    [Theory]
    [InlineData(null, false, null)]
    [InlineData("", false, null)]
    [InlineData(null, true, ReviewCommentProblem.Missing)]
    [InlineData("   ", true, ReviewCommentProblem.Missing)]
    [InlineData("\u3000", true, ReviewCommentProblem.Missing)]
    [InlineData("缺少还款方式", true, null)]
    public void A_rejection_needs_a_comment_and_an_approval_does_not(string? comment, bool required, ReviewCommentProblem? problem) =>
        Assert.Equal(problem, Review.CheckComment(comment, required));

    [Theory]
    [InlineData(Review.MaxCommentLength, null)]
    [InlineData(Review.MaxCommentLength + 1, ReviewCommentProblem.TooLong)]
    public void A_comment_may_be_at_most_five_hundred_characters_of_any_script(int length, ReviewCommentProblem? problem)
    {
        var comment = new string('改', length);

        Assert.Equal(problem, Review.CheckComment(comment, required: false));
        Assert.Equal(problem, Review.CheckComment(comment, required: true));
    }
}

using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Importing;
using OverdueSmsPortal.Core.Outcomes;

namespace OverdueSmsPortal.Core.Tests.Importing;

public class ImportVocabularyTests
{
    private static readonly CustomerRecordValidator Validator = new();

    private static CustomerRecord AValidRecord() => new()
    {
        AccountRef = "CC00000001", Name = "王小明", Title = "先生", Phone = "13812345678", CustomerType = "salaried",
        Product = "credit_card", Region = "广东", AmountDue = "5230.50", MinimumDue = "523.05", DueDate = "2026-11-10",
        DailyPenaltyRate = "0.0005",
    };

    [Theory]
    [InlineData("salaried", CustomerType.Salaried)]
    [InlineData("工薪族", CustomerType.Salaried)]
    [InlineData("上班族", CustomerType.Salaried)]
    [InlineData("工薪", CustomerType.Salaried)]
    [InlineData("Salaried", CustomerType.Salaried)]
    [InlineData("年轻客户/学生", CustomerType.Young)]
    [InlineData("学生", CustomerType.Young)]
    [InlineData("个体户", CustomerType.SelfEmployed)]
    [InlineData("Self-employed", CustomerType.SelfEmployed)]
    [InlineData("退休", CustomerType.Retired)]
    public void An_ops_manager_may_type_the_customer_type_as_code_label_or_synonym(string typed, CustomerType expected) =>
        Assert.Equal(expected, (AValidRecord() with { CustomerType = typed }).ToDetails().CustomerType);

    [Theory]
    [InlineData("信用卡", LoanProduct.CreditCard)]
    [InlineData("贷记卡", LoanProduct.CreditCard)]
    [InlineData("credit_card", LoanProduct.CreditCard)]
    [InlineData("消费贷款", LoanProduct.ConsumerLoan)]
    [InlineData("现金贷", LoanProduct.CashLoan)]
    public void An_ops_manager_may_type_the_product_as_code_label_or_synonym(string typed, LoanProduct expected) =>
        Assert.Equal(expected, (AValidRecord() with { Product = typed }).ToDetails().Product);

    [Theory]
    [InlineData("男", CustomerTitle.Mr)]
    [InlineData("女", CustomerTitle.Ms)]
    [InlineData("小姐", CustomerTitle.Ms)]
    public void A_gender_column_of_男_and_女_gives_the_title(string typed, CustomerTitle expected) =>
        Assert.Equal(expected, (AValidRecord() with { Title = typed }).ToDetails().Title);

    [Theory]
    [InlineData("ＳＡＬＡＲＩＥＤ")]
    [InlineData("　工薪族　")]
    [InlineData(" Salaried ")]
    [InlineData("salaried\t")]
    public void Full_width_letters_case_and_surrounding_spaces_do_not_matter(string typed) =>
        Assert.Equal("salaried", ImportVocabulary.CustomerTypes.Read(typed)?.Code);

    [Theory]
    [InlineData("学生党")]
    [InlineData("")]
    [InlineData("工 薪 族")]
    [InlineData(null)]
    public void An_unknown_customer_type_reads_as_nothing(string? typed) =>
        Assert.Null(ImportVocabulary.CustomerTypes.Read(typed));

    [Fact]
    public void The_accepted_values_of_a_column_are_listed_by_their_chinese_labels()
    {
        Assert.Equal("年轻客户/学生、工薪族、个体经营、退休人员", ImportVocabulary.CustomerTypes.ChineseList);
        Assert.Equal("信用卡、消费贷、现金贷", ImportVocabulary.Products.ChineseList);
        Assert.Equal("young, salaried, self_employed, retired", ImportVocabulary.CustomerTypes.CodeList);
    }

    [Theory]
    [InlineData("最低还款额", "minimumDue")]
    [InlineData("最低还款", "minimumDue")]
    [InlineData("minimumDue", "minimumDue")]
    [InlineData("MINIMUMDUE", "minimumDue")]
    [InlineData("Minimum due", "minimumDue")]
    [InlineData("称呼", "title")]
    [InlineData("尊称", "title")]
    [InlineData("称谓", "title")]
    [InlineData("每月发薪日", "paydayOfMonth")]
    [InlineData("\uFEFF账号", "accountRef")]
    [InlineData("手机号码", "phone")]
    [InlineData("ｐｈｏｎｅ", "phone")]
    public void A_heading_is_read_as_its_field_whether_code_label_or_synonym(string heading, string field) =>
        Assert.Equal(field, ImportVocabulary.Customers.ColumnHeaded(heading)?.Field);

    [Fact]
    public void An_unknown_heading_names_no_column() =>
        Assert.Null(ImportVocabulary.Customers.ColumnHeaded("备注"));

    [Fact]
    public void The_customer_columns_are_the_api_fields_in_the_contract_order() =>
        Assert.Equal(CustomerRecord.FieldNames, ImportVocabulary.Customers.Columns.Select(c => c.Field));

    [Fact]
    public void The_complaint_columns_are_the_api_fields_with_the_same_required_ones()
    {
        Assert.Equal(ComplaintFields.Names, ImportVocabulary.Complaints.Columns.Select(c => c.Field));
        Assert.Equal(ComplaintFields.Required, ImportVocabulary.Complaints.Required);
    }

    [Fact]
    public void Every_contract_code_is_in_the_table()
    {
        Assert.Equal(CustomerCodes.TypeCodes.Order(), ImportVocabulary.CustomerTypes.Terms.Select(t => t.Code).Order());
        Assert.Equal(CustomerCodes.ProductCodes.Order(), ImportVocabulary.Products.Terms.Select(t => t.Code).Order());
        Assert.Equal(ComplaintCodes.Categories.Keys.Order(), ImportVocabulary.ComplaintCategories.Terms.Select(t => t.Code).Order());
        Assert.Equal(ComplaintCodes.Severities.Keys.Order(), ImportVocabulary.ComplaintSeverities.Terms.Select(t => t.Code).Order());
        Assert.Equal(ComplaintCodes.Sources.Keys.Order(), ImportVocabulary.ComplaintSources.Terms.Select(t => t.Code).Order());
    }

    [Fact]
    public void A_table_where_one_word_means_two_values_is_refused() =>
        Assert.Throws<ArgumentException>(() => new ImportValues(new ImportTerm("a", "甲", "A", "同"), new ImportTerm("b", "乙", "B", "同")));

    [Fact]
    public void Complaint_rows_read_the_chinese_labels_of_category_severity_source_and_hold()
    {
        var cells = new Dictionary<string, string>
        {
            ["accountRef"] = "CC1", ["category"] = "发错人", ["severity"] = "严重", ["summary"] = "不是本人", ["source"] = "监管转办", ["hold"] = "否",
        };
        var (input, errors) = ComplaintFields.Read(cells.GetValueOrDefault, ComplaintSource.Upload, TimeZoneInfo.Utc);

        Assert.Empty(errors);
        Assert.Equal((ComplaintCategory.WrongPerson, ComplaintSeverity.High, ComplaintSource.Regulator, false),
            (input.Category, input.Severity, input.Source, input.Hold));
    }

    [Fact]
    public void A_cell_with_a_lone_surrogate_is_an_unknown_value_not_a_crash()
    {
        // Built here rather than in InlineData: test data passes through a serializer that mends lone surrogates.
        const char high = '\ud800', low = '\udc00';
        string[] cells = [$"{high}", $"女{low}", $"{high}工薪族", $"ｆ{high}", $"{low}Ｍｒ", $"ﬁ{high}x"];
        foreach (var cell in cells)
        {
            Assert.False(CustomerCodes.TryParseTitle(cell, out _), cell);
            Assert.False(CustomerCodes.TryParseType(cell, out _), cell);
        }
    }
}

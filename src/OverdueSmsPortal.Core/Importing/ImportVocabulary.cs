using System.Text;

namespace OverdueSmsPortal.Core.Importing;

/// <summary>
/// One value of a coded column: the code the lender's systems send (a contract), the words the portal
/// shows for it in Chinese and English, and the other words an operations manager would type for it.
/// </summary>
/// <param name="Code">The contract code, e.g. <c>salaried</c>.</param>
/// <param name="Chinese">The label the portal shows in zh-CN, e.g. 工薪族.</param>
/// <param name="English">The label the portal shows in English, e.g. Salaried.</param>
/// <param name="Synonyms">Further words read as this value, e.g. 上班族, 工薪.</param>
public sealed record ImportTerm(string Code, string Chinese, string English, params string[] Synonyms)
{
    /// <summary>Every spelling that reads as this value: code, both labels, synonyms.</summary>
    public IEnumerable<string> Spellings => [Code, Chinese, English, .. Synonyms];
}

/// <summary>The values a coded column accepts, read the way people type them (see <see cref="ImportVocabulary.Fold"/>).</summary>
public sealed class ImportValues
{
    private readonly Dictionary<string, ImportTerm> bySpelling = new(StringComparer.Ordinal);

    public ImportValues(params ImportTerm[] terms)
    {
        Terms = terms;
        foreach (var term in terms)
        {
            foreach (var spelling in term.Spellings)
            {
                // Two values sharing a spelling would make an import guess: the table refuses to be built.
                if (bySpelling.TryGetValue(ImportVocabulary.Fold(spelling), out var other) && other != term)
                {
                    throw new ArgumentException($"'{spelling}' reads as both {other.Code} and {term.Code}.", nameof(terms));
                }
                bySpelling[ImportVocabulary.Fold(spelling)] = term;
            }
        }
    }

    /// <summary>The values, in the order the portal lists them.</summary>
    public IReadOnlyList<ImportTerm> Terms { get; }

    /// <summary>The value <paramref name="text"/> stands for (code, label or synonym), or null.</summary>
    public ImportTerm? Read(string? text) => text is null ? null : bySpelling.GetValueOrDefault(ImportVocabulary.Fold(text));

    /// <summary>The term of a contract code, or null.</summary>
    public ImportTerm? OfCode(string code) => Terms.FirstOrDefault(t => t.Code == code);

    /// <summary>The Chinese labels, as a Chinese sentence lists them: 年轻客户/学生、工薪族、个体经营、退休人员.</summary>
    public string ChineseList => string.Join("、", Terms.Select(t => t.Chinese));

    /// <summary>The English labels, comma separated.</summary>
    public string EnglishList => string.Join(", ", Terms.Select(t => t.English));

    /// <summary>The contract codes, comma separated.</summary>
    public string CodeList => string.Join(", ", Terms.Select(t => t.Code));

    /// <summary>
    /// What an operations manager reads when a cell holds none of the values: the column's Chinese name,
    /// what was typed, and every Chinese label it accepts (the codes too, for the lender's systems).
    /// </summary>
    public string ChineseRefusal(string columnChinese, string? text) =>
        $"{columnChinese}“{text?.Trim()}”无法识别，请填写：{ChineseList}（也可填写代码 {string.Join("、", Terms.Select(t => t.Code))}）。";
}

/// <summary>
/// One column of an import file: its field name (the API's, a contract), its headings in Chinese and
/// English as the portal's own pages label the field, other headings people use, whether a file must
/// have it, its accepted values when it is coded, and an example cell in each language.
/// </summary>
public sealed record ImportColumn(
    string Field,
    string Chinese,
    string English,
    bool Required,
    string ExampleChinese,
    string ExampleEnglish,
    ImportValues? Values = null,
    params string[] HeadingSynonyms)
{
    /// <summary>Every heading read as this column: field name, both labels, synonyms.</summary>
    public IEnumerable<string> Headings => [Field, Chinese, English, .. HeadingSynonyms];
}

/// <summary>The columns of one kind of import file, in the order its template lists them.</summary>
public sealed class ImportSheet
{
    private readonly Dictionary<string, ImportColumn> byHeading = new(StringComparer.Ordinal);

    public ImportSheet(params ImportColumn[] columns)
    {
        Columns = columns;
        foreach (var column in columns)
        {
            foreach (var heading in column.Headings)
            {
                if (byHeading.TryGetValue(ImportVocabulary.Fold(heading), out var other) && other != column)
                {
                    throw new ArgumentException($"Heading '{heading}' names both {other.Field} and {column.Field}.", nameof(columns));
                }
                byHeading[ImportVocabulary.Fold(heading)] = column;
            }
        }
    }

    public IReadOnlyList<ImportColumn> Columns { get; }

    /// <summary>The fields a file must have a column for.</summary>
    public IReadOnlyList<string> Required => Columns.Where(c => c.Required).Select(c => c.Field).ToList();

    /// <summary>The column a heading names (field name, label in either language or synonym), or null.</summary>
    public ImportColumn? ColumnHeaded(string? heading) =>
        heading is null ? null : byHeading.GetValueOrDefault(ImportVocabulary.Fold(heading));

    /// <summary>The column of a field name.</summary>
    public ImportColumn Column(string field) => Columns.First(c => c.Field == field);
}

/// <summary>
/// The one table of words import files may use — for the customer, repayment and complaint uploads — which
/// the importers read with, the upload pages list, and the downloadable templates are written from. Codes
/// and the API's English field names stay accepted: the lender's systems send them.
/// </summary>
public static class ImportVocabulary
{
    /// <summary>Customer type: the codes of <c>CustomerType</c>.</summary>
    public static readonly ImportValues CustomerTypes = new(
        new ImportTerm("young", "年轻客户/学生", "Young / student", "年轻客户", "学生", "年轻人", "青年", "大学生", "student", "young customer"),
        new ImportTerm("salaried", "工薪族", "Salaried", "上班族", "工薪", "工薪阶层", "白领", "职员", "在职", "employee"),
        new ImportTerm("self_employed", "个体经营", "Self-employed", "个体户", "个体", "个体工商户", "自雇", "自由职业", "self employed", "self-employed"),
        new ImportTerm("retired", "退休人员", "Retired", "退休", "离退休", "退休人士", "离退休人员", "retiree"));

    /// <summary>Product: the codes of <c>LoanProduct</c>.</summary>
    public static readonly ImportValues Products = new(
        new ImportTerm("credit_card", "信用卡", "Credit card", "贷记卡", "信用卡账户", "card"),
        new ImportTerm("consumer_loan", "消费贷", "Consumer loan", "消费贷款", "消费分期", "消费信贷"),
        new ImportTerm("cash_loan", "现金贷", "Cash loan", "现金贷款", "现金分期", "小额现金贷"));

    /// <summary>How the customer is addressed; 男/女 as a gender column gives it too.</summary>
    public static readonly ImportValues Titles = new(
        new ImportTerm("mr", "先生", "Mr", "男", "男士", "mr."),
        new ImportTerm("ms", "女士", "Ms", "女", "小姐", "ms.", "mrs", "mrs.", "miss"));

    /// <summary>Complaint category.</summary>
    public static readonly ImportValues ComplaintCategories = new(
        new ImportTerm("frequency", "发送频率", "Frequency", "频率", "频繁", "发送频繁", "短信太多", "骚扰"),
        new ImportTerm("tone", "语气", "Tone", "态度", "措辞", "语气不当", "用语"),
        new ImportTerm("wrong_person", "发错人", "Wrong person", "非本人", "错发", "发错", "不是本人", "wrong number"),
        new ImportTerm("privacy", "隐私", "Privacy", "泄露隐私", "个人信息", "隐私泄露"),
        new ImportTerm("other", "其他", "Other", "其它"));

    /// <summary>Complaint severity.</summary>
    public static readonly ImportValues ComplaintSeverities = new(
        new ImportTerm("low", "低", "Low", "轻", "轻微", "一般"),
        new ImportTerm("medium", "中", "Medium", "中等", "较重"),
        new ImportTerm("high", "高", "High", "严重", "重大", "紧急"));

    /// <summary>Where a complaint came from (a reply's complaints are opened by the reply, not by a file).</summary>
    public static readonly ImportValues ComplaintSources = new(
        new ImportTerm("hotline", "客服热线", "Hotline", "热线", "客服", "电话", "来电"),
        new ImportTerm("regulator", "监管转办", "Regulator", "监管", "监管部门", "银保监", "金融监管", "监管转交"),
        new ImportTerm("upload", "上传", "Upload", "文件上传", "导入"),
        new ImportTerm("api", "接口", "API", "系统接口"));

    /// <summary>Whether a complaint stops the sending to its customer.</summary>
    public static readonly ImportValues YesNo = new(
        new ImportTerm("true", "是", "Yes", "yes", "y", "1", "暂停", "对"),
        new ImportTerm("false", "否", "No", "no", "n", "0", "不暂停", "不"));

    /// <summary>The customer import (DESIGN §2.1), in the template's order.</summary>
    public static readonly ImportSheet Customers = new(
        new ImportColumn("accountRef", "账号", "Account", true, "CC00000001", "CC00000001", null, "账户", "账户号", "合同号", "贷款账号", "卡号"),
        new ImportColumn("name", "姓名", "Name", true, "王小明", "Wang Xiaoming", null, "客户姓名", "名字"),
        new ImportColumn("title", "称谓", "Title", true, "先生", "Mr", Titles, "称呼", "尊称", "性别"),
        new ImportColumn("phone", "手机号", "Mobile", true, "13812345678", "13812345678", null, "手机", "手机号码", "电话", "联系电话", "移动电话", "phone"),
        new ImportColumn("customerType", "客户类型", "Customer type", true, "工薪族", "Salaried", CustomerTypes, "客户分类", "客户类别"),
        new ImportColumn("product", "产品", "Product", true, "信用卡", "Credit card", Products, "产品类型", "业务类型", "贷款产品"),
        new ImportColumn("region", "地区", "Region", true, "广东", "Guangdong", null, "区域", "省份", "所在地区"),
        new ImportColumn("timeZone", "时区", "Time zone", false, "Asia/Shanghai", "Asia/Shanghai"),
        new ImportColumn("amountDue", "应还金额", "Amount due", true, "5230.50", "5230.50", null, "欠款金额", "应还款额", "应还款金额"),
        new ImportColumn("minimumDue", "最低还款额", "Minimum due", true, "523.05", "523.05", null, "最低还款", "最低应还", "最低应还金额", "最低还款金额"),
        new ImportColumn("dueDate", "到期日", "Due date", true, "2026-11-10", "2026-11-10", null, "还款日", "到期日期", "最后还款日", "到期还款日"),
        new ImportColumn("dailyPenaltyRate", "日罚息率", "Daily penalty rate", true, "0.0005", "0.0005", null, "罚息率", "罚息日利率"),
        new ImportColumn("paydayOfMonth", "每月发薪日", "Payday of month", false, "15", "15", null, "发薪日", "发薪日期"));

    /// <summary>The repayment upload (DESIGN §2.12): no coded column, headings only.</summary>
    public static readonly ImportSheet Repayments = new(
        new ImportColumn("paymentId", "还款编号", "Payment ID", true, "PAY-20261130-0001", "PAY-20261130-0001", null, "还款流水号", "流水号", "交易流水号"),
        new ImportColumn("accountRef", "账号", "Account", true, "CC00000001", "CC00000001", null, "账户号", "账户", "合同号", "贷款账号", "卡号"),
        new ImportColumn("amount", "还款金额", "Amount", true, "1000.00", "1000.00", null, "金额", "实还金额"),
        new ImportColumn("paidAt", "还款时间", "Paid at", true, "2026-11-30 10:15:00", "2026-11-30 10:15:00", null, "支付时间", "到账时间", "还款日期"));

    /// <summary>The complaint upload (DESIGN §2.13).</summary>
    public static readonly ImportSheet Complaints = new(
        new ImportColumn("complaintRef", "投诉编号", "Complaint ref", false, "TS-20261130-001", "TS-20261130-001", null, "工单号", "投诉单号"),
        new ImportColumn("accountRef", "账号", "Account", true, "CC00000001", "CC00000001", null, "账户", "账户号", "合同号", "贷款账号", "卡号"),
        new ImportColumn("category", "类别", "Category", true, "发送频率", "Frequency", ComplaintCategories, "投诉类别", "投诉类型", "类型"),
        new ImportColumn("severity", "严重程度", "Severity", true, "中", "Medium", ComplaintSeverities, "级别", "等级", "严重性"),
        new ImportColumn("summary", "内容", "Summary", true, "客户反映一周内收到多条短信", "Customer says they got several texts in a week", null, "投诉内容", "摘要", "描述"),
        new ImportColumn("messageId", "短信编号", "Message ID", false, "", "", null, "相关短信"),
        new ImportColumn("source", "来源", "Source", false, "客服热线", "Hotline", ComplaintSources, "投诉来源", "渠道"),
        new ImportColumn("hold", "暂停发送", "Hold", false, "是", "Yes", YesNo, "是否暂停发送", "暂停"),
        new ImportColumn("receivedAt", "收到时间", "Received at", false, "2026-11-30 10:15:00", "2026-11-30 10:15:00", null, "受理时间", "投诉时间"));

    /// <summary>The accepted values of a coded field of any upload (title, customerType, category…), or null for a free field.</summary>
    public static ImportValues? ValuesOf(string field) =>
        new[] { Customers, Complaints, Repayments }.SelectMany(s => s.Columns).FirstOrDefault(c => c.Field == field)?.Values;

    /// <summary>
    /// Text as the table compares it: compatibility-folded (full-width letters, digits and spaces read as
    /// their half-width forms), a leading byte order mark and surrounding spaces dropped, lower case.
    /// </summary>
    public static string Fold(string text) => Compatible(text).Trim().TrimStart('\uFEFF').Trim().ToLowerInvariant();

    /// <summary>
    /// The compatibility form, or the text as it came when it holds a lone surrogate (a cell of a broken
    /// workbook): normalizing such a text throws, and it matches no word of the table either way.
    /// </summary>
    private static string Compatible(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }
}

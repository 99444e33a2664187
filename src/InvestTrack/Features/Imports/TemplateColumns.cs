using A = InvestTrack.Features.Imports.LedgerColumns.Activities;
using F = InvestTrack.Features.Imports.LedgerColumns.Funds;
using P = InvestTrack.Features.Imports.LedgerColumns.Projects;

namespace InvestTrack.Features.Imports;

/// <summary>What a template column takes, and so its cell format and its data validation (<see cref="TemplateWorkbook"/>).</summary>
public enum TemplateInput
{
    /// <summary>Text of at most <see cref="TemplateColumn.MaxLength"/> characters (none: any text).</summary>
    Text,
    /// <summary>Exactly 18 characters.</summary>
    CreditCode,
    /// <summary>万元, zero or more, two decimals.</summary>
    Amount,
    /// <summary>万元, above zero, two decimals (到位资金).</summary>
    PositiveAmount,
    /// <summary>A date that has happened: 1990-01-01 to today.</summary>
    PastDate,
    /// <summary>A date from 1990 to 2100.</summary>
    Date,
    /// <summary>A month (a date cell shown yyyy-mm) from January 1990 to today.</summary>
    Month,
    /// <summary>A whole number, zero or more.</summary>
    Count,
    /// <summary>One of <see cref="TemplateColumn.Words"/>, written into the validation itself.</summary>
    Words,
    /// <summary>A unit the user may import into, from the hidden lists sheet.</summary>
    Units,
    /// <summary>An industry of the catalog in force this year, from the hidden lists sheet; another one only warns.</summary>
    Industries,
    /// <summary>A lead source suggested from the hidden lists sheet; any text is taken.</summary>
    LeadSources,
}

/// <summary>
/// One column of a template sheet: the contract's column, what it takes, its width, and the explanation shown on
/// 填表说明 and as the cell's input prompt (Excel shows at most 255 characters there).
/// </summary>
public sealed record TemplateColumn(ColumnSpec Spec, TemplateInput Input, int Width, string Help, int MaxLength = 0,
    IReadOnlyList<string>? Words = null, string? RequiredWhen = null)
{
    /// <summary>是 / 否, or the condition under which the cell is needed (目的地 for 走出去).</summary>
    public string RequiredText => Spec.Required ? "是" : RequiredWhen ?? "否";
}

/// <summary>The template's columns of each sheet, in the contract's order, explained in the words of docs/import-format.md.</summary>
public static class TemplateColumns
{
    public static readonly IReadOnlyList<TemplateColumn> Projects =
    [
        new(P.Code, TemplateInput.Text, 16, "项目在全市唯一的编号，最多64个字符。系统中已有的编号会更新该项目，不会重复新增。", 64),
        new(P.Name, TemplateInput.Text, 30, "项目名称，最多200个字符。", 200),
        new(P.Investor, TemplateInput.Text, 28, "投资企业的名称，最多200个字符。企业先按统一社会信用代码匹配，其次按名称；系统中没有的企业会新增。", 200),
        new(P.CreditCode, TemplateInput.CreditCode, 22, "投资企业的18位统一社会信用代码，校验位须正确（GB 32100-2015）。"),
        new(P.InvestorOrigin, TemplateInput.Text, 16,
            "投资方所在的省级地区，可加城市，如 山东省济南市、北京市；境外填国家中文简称，如 俄罗斯。据此判断省内、省外或境外，香港、澳门、台湾计为境外。", 100),
        new(P.Unit, TemplateInput.Units, 22, "从下拉列表选择项目所属单位；列表中是您有权导入的单位。"),
        new(P.Industry, TemplateInput.Industries, 16,
            "从下拉列表选择当前产业目录中的产业。产业按签约年份适用的目录判断（未签约按今年），签约年份适用其他目录时，填写那个目录中的产业。"),
        new(P.PlannedInvestment, TemplateInput.Amount, 18, "单位万元，不小于0，最多两位小数。"),
        new(P.ContractedInvestment, TemplateInput.Amount, 18, "单位万元，不小于0，最多两位小数。"),
        new(P.SigningKind, TemplateInput.Words, 20, "项目合同 或 战略合作框架协议；填写了签约日期时必填。", Words: LedgerWords.SigningKinds,
            RequiredWhen: "有签约日期时必填"),
        new(P.SignedOn, TemplateInput.PastDate, 13, "日期，如 2025-03-18；不早于1990-01-01，不晚于今天。"),
        new(P.StartedOn, TemplateInput.PastDate, 13, "日期，不早于签约日期，不晚于今天；填写开工日期须先填写签约日期。"),
        new(P.InProductionOn, TemplateInput.PastDate, 13, "日期，不早于开工日期，不晚于今天；填写投产日期须先填写开工日期。"),
        new(P.Status, TemplateInput.Words, 8, "正常、停滞 或 终止；不填为正常。", Words: LedgerWords.Statuses),
        new(P.LeadSource, TemplateInput.LeadSources, 14, "可从下拉列表选择，也可填写其他来源，最多100个字符。", 100),
    ];

    public static readonly IReadOnlyList<TemplateColumn> Funds =
    [
        new(F.ProjectCode, TemplateInput.Text, 16, "本文件“项目”表中的项目编号，或系统中已有的、您有权导入的项目的编号。", 64),
        new(F.Month, TemplateInput.Month, 10, "资金到位的月份，如 2025-06；不晚于本月，不早于项目的签约月份。"),
        new(F.Amount, TemplateInput.PositiveAmount, 16, "单位万元，大于0，最多两位小数。"),
        new(F.Source, TemplateInput.Words, 10, "省外、省内 或 境外；不填时按项目投资方所在地判断。", Words: LedgerWords.FundsSources),
        new(F.AuditStatus, TemplateInput.Words, 10,
            "已审核 或 待审核；不填为待审核。“已审核”仅在有审核权限的市级用户导入时生效，记为源台账已审核。", Words: LedgerWords.AuditStatuses),
    ];

    public static readonly IReadOnlyList<TemplateColumn> Activities =
    [
        new(A.Code, TemplateInput.Text, 16, "活动在全市唯一的编号，最多64个字符。系统中已有的编号会更新该活动。", 64),
        new(A.Kind, TemplateInput.Words, 8, "走出去 或 请进来。", Words: LedgerWords.ActivityKinds),
        new(A.StartOn, TemplateInput.Date, 13, "日期，如 2025-04-08。"),
        new(A.EndOn, TemplateInput.Date, 13, "日期，不早于开始日期。"),
        new(A.Unit, TemplateInput.Units, 22, "从下拉列表选择组织活动的单位；列表中是您有权导入的单位。"),
        new(A.Leader, TemplateInput.Text, 18, "带队领导的姓名和职务，如 李明 副市长，最多100个字符。", 100),
        new(A.LeaderLevel, TemplateInput.Words, 10, "市级、县级 或 部门。", Words: LedgerWords.LeaderLevels),
        new(A.Destinations, TemplateInput.Text, 28, "省级地区，可加城市，多个用；分隔，如 湖南省长沙市；北京市。“走出去”必填。",
            RequiredWhen: "走出去时必填"),
        new(A.Counterparts, TemplateInput.Text, 36,
            "类型:名称，多个用；分隔，类型为 企业、商协会、高校、产业园区 或 政府，如 企业:中国兵器工业集团；商协会:重庆市吉林商会。"),
        new(A.Meetings, TemplateInput.Count, 11, "整数，不小于0；不填为0。"),
        new(A.Intentions, TemplateInput.Count, 15, "整数，不小于0；不填为0。"),
    ];

    /// <summary>The sheets of the template, in the order the workbook shows them.</summary>
    public static readonly IReadOnlyList<(SheetKind Kind, IReadOnlyList<TemplateColumn> Columns)> Sheets =
        [(SheetKind.Projects, Projects), (SheetKind.Funds, Funds), (SheetKind.Activities, Activities)];
}

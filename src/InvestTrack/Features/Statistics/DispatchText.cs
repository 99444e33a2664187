using System.Globalization;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Kernel;

namespace InvestTrack.Features.Statistics;

/// <summary>The dispatch paragraph of statistics.md, written from <see cref="DispatchFigures"/> through a safe template.</summary>
public static class DispatchText
{
    /// <summary>
    /// The wording of statistics.md. {同比} carries its own leading comma ("，同比增长34.50%") because it is
    /// left out entirely when last year had no counted funds.
    /// </summary>
    public const string DefaultTemplate =
        "{期间}，{范围}纳入省调度系统{来源}{门槛}以上有资金到位的项目{项目数}个，到位资金{到位资金亿元}亿元{同比}。" +
        "其中，续建项目{续建项目数}个，新到到位资金{续建资金亿元}亿元；新开工项目{新开工项目数}个，到位资金{新开工资金亿元}亿元。" +
        "截至{截至}，共签约{签约项目数}个项目和{框架协议数}个战略合作框架协议，合同引资额为{合同引资亿元}亿元。";

    /// <summary>Said instead when the period has no counted funds: no zeros dressed up as facts.</summary>
    public const string NoDataTemplate = "{期间}，{范围}暂无纳入省调度系统的{来源}{门槛}以上到位资金数据。";

    /// <summary>Added to the no-data sentence when there were signings all the same.</summary>
    public const string SigningsOnlyTemplate = "截至{截至}，共签约{签约项目数}个项目和{框架协议数}个战略合作框架协议，合同引资额为{合同引资亿元}亿元。";

    public static readonly IReadOnlyList<string> Placeholders =
    [
        "期间", "范围", "来源", "门槛", "项目数", "到位资金亿元", "同比", "续建项目数", "续建资金亿元",
        "新开工项目数", "新开工资金亿元", "截至", "签约项目数", "框架协议数", "合同引资亿元",
    ];

    /// <summary>What each placeholder stands for, shown to the administrator who edits the wording.</summary>
    public static readonly IReadOnlyDictionary<string, string> Meanings = new Dictionary<string, string>
    {
        ["期间"] = "报告期间，如“1月至8月”（1月时为“1月”）",
        ["范围"] = "全市，或单位名称",
        ["来源"] = "计入的资金来源，如“省外”",
        ["门槛"] = "计划总投资门槛，如“1000万元”",
        ["项目数"] = "有资金到位的项目个数",
        ["到位资金亿元"] = "本期到位资金（亿元，两位小数）",
        ["同比"] = "“，同比增长X%”或“，同比下降X%”；上年同期为零时为空",
        ["续建项目数"] = "续建项目个数",
        ["续建资金亿元"] = "续建项目到位资金（亿元）",
        ["新开工项目数"] = "新开工项目个数",
        ["新开工资金亿元"] = "新开工项目到位资金（亿元）",
        ["截至"] = "期末，如“8月末”",
        ["签约项目数"] = "签约的项目合同个数",
        ["框架协议数"] = "签约的战略合作框架协议个数",
        ["合同引资亿元"] = "合同引资额（亿元，两种签约合计）",
    };

    public static string Paragraph(DispatchFigures f, StatisticsOptions options) => Paragraph(f, options, options.Template);

    /// <summary>The paragraph in the given wording (the effective template, see <see cref="DispatchTemplates"/>).</summary>
    public static string Paragraph(DispatchFigures f, StatisticsOptions options, string template)
    {
        var values = Values(f, options);
        if (f.HasCountedFunds) return ParagraphTemplate.Render(template, values);
        var text = ParagraphTemplate.Render(NoDataTemplate, values);
        return f.Contracts.Count + f.Frameworks.Count > 0 ? text + ParagraphTemplate.Render(SigningsOnlyTemplate, values) : text;
    }

    public static Dictionary<string, string> Values(DispatchFigures f, StatisticsOptions options)
    {
        var period = Period.Of(f.Year, f.Month)!;
        var growth = Growth.Wording(f.Growth);
        return new()
        {
            ["期间"] = period.Label,
            ["范围"] = f.ScopeName,
            ["来源"] = SourceName(options.CountedSource),
            ["门槛"] = Wan(options.DispatchThreshold) + "万元",
            ["项目数"] = Count(f.InScope.Count),
            ["到位资金亿元"] = Money.FormatYi(f.InScope.Amount),
            ["同比"] = growth.Length == 0 ? "" : "，" + growth,
            ["续建项目数"] = Count(f.Continuing.Count),
            ["续建资金亿元"] = Money.FormatYi(f.Continuing.Amount),
            ["新开工项目数"] = Count(f.New.Count),
            ["新开工资金亿元"] = Money.FormatYi(f.New.Amount),
            ["截至"] = period.EndLabel,
            ["签约项目数"] = Count(f.Contracts.Count),
            ["框架协议数"] = Count(f.Frameworks.Count),
            ["合同引资亿元"] = Money.FormatYi(f.ContractedInvestment),
        };
    }

    public static string SourceName(OriginClass source) => source switch
    {
        OriginClass.InProvince => "省内",
        OriginClass.OtherProvince => "省外",
        _ => "境外",
    };

    /// <summary>1000.00 → "1000", 1500.50 → "1500.5": a threshold as people write it.</summary>
    public static string Wan(long hundredths) => Money.ToWan(hundredths).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}

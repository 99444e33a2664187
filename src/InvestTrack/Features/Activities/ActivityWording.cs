using System.Globalization;
using InvestTrack.Features.Statistics;

namespace InvestTrack.Features.Activities;

/// <summary>The activities sentence of statistics.md, written from <see cref="ActivityFigures"/> through the safe template language.</summary>
public static class ActivityWording
{
    /// <summary>
    /// The contract's wording after the period and scope, as the dispatch paragraph begins. {对接} carries its own leading
    /// comma and lists only the types that have counterparts; with none it is empty.
    /// </summary>
    public const string DefaultTemplate =
        "{期间}，{范围}开展'走出去'活动{走出去次数}次，赴{地区数}个地区{城市数}个城市考察{对接}，初步达成{合作意向数}个合作意向。" +
        "同时，开展'请进来'活动{请进来次数}次，有{来访单位数}家企业、团体来{城市简称}考察，共举办{座谈会场数}场座谈会。";

    /// <summary>Said instead when the period has no activity at all: no zeros dressed up as facts.</summary>
    public const string NoDataTemplate = "{年}年{期间}，{范围}没有登记'走出去'或'请进来'活动。";

    public static readonly IReadOnlyList<string> Placeholders =
    [
        "年", "期间", "范围", "城市简称", "走出去次数", "地区数", "城市数", "对接", "企业数", "商协会数", "高校数", "产业园区数", "合作意向数",
        "请进来次数", "来访单位数", "座谈会场数",
    ];

    public static readonly IReadOnlyDictionary<string, string> Meanings = new Dictionary<string, string>
    {
        ["年"] = "年份，如“2026”",
        ["期间"] = "月份范围，如“1月至8月”（单月时为“8月”）",
        ["范围"] = "全市，或组织单位名称",
        ["城市简称"] = "本市简称，如“四平”",
        ["走出去次数"] = "'走出去'活动次数",
        ["地区数"] = "目的地中不同的省级地区个数",
        ["城市数"] = "目的地中不同的城市个数（直辖市既是地区也是城市）",
        ["对接"] = "“，对接X家企业、X个商协会、X所高校、X个产业园区”，没有对接对象的类型不列出；都没有时为空",
        ["企业数"] = "对接的不同企业家数",
        ["商协会数"] = "对接的不同商协会个数",
        ["高校数"] = "对接的不同高校所数",
        ["产业园区数"] = "对接的不同产业园区个数",
        ["合作意向数"] = "'走出去'达成的合作意向个数之和",
        ["请进来次数"] = "'请进来'活动次数",
        ["来访单位数"] = "来访的不同企业、团体个数（各类型合计）",
        ["座谈会场数"] = "'请进来'活动举办的座谈会场数之和",
    };

    public static string Sentence(ActivityFigures f, string template)
    {
        var values = Values(f);
        return ParagraphTemplate.Render(f.IsEmpty ? NoDataTemplate : template, values);
    }

    /// <summary>"，对接53家企业、2个商协会、1所高校、8个产业园区": a type with no counterparts is left out.</summary>
    public static string Counterparts(ActivityFigures f)
    {
        var parts = new List<string>(4);
        if (f.Companies > 0) parts.Add($"{N(f.Companies)}家企业");
        if (f.Associations > 0) parts.Add($"{N(f.Associations)}个商协会");
        if (f.Universities > 0) parts.Add($"{N(f.Universities)}所高校");
        if (f.Parks > 0) parts.Add($"{N(f.Parks)}个产业园区");
        return parts.Count == 0 ? "" : "，对接" + string.Join('、', parts);
    }

    public static Dictionary<string, string> Values(ActivityFigures f) => new()
    {
        ["年"] = N(f.Year),
        ["期间"] = f.Period.Label,
        ["范围"] = f.ScopeName,
        ["城市简称"] = f.CityShortName,
        ["走出去次数"] = N(f.Outbound),
        ["地区数"] = N(f.Regions),
        ["城市数"] = N(f.Cities),
        ["对接"] = Counterparts(f),
        ["企业数"] = N(f.Companies),
        ["商协会数"] = N(f.Associations),
        ["高校数"] = N(f.Universities),
        ["产业园区数"] = N(f.Parks),
        ["合作意向数"] = N(f.Intentions),
        ["请进来次数"] = N(f.Inbound),
        ["来访单位数"] = N(f.Visitors),
        ["座谈会场数"] = N(f.Meetings),
    };

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}

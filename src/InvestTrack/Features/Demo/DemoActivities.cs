using InvestTrack.Features.Activities;
using InvestTrack.Features.ReferenceData;

namespace InvestTrack.Features.Demo;

/// <summary>
/// The demo city's 走出去 and 请进来 of this year, after the visits the seeds report (seeds/003): the party secretary in
/// 芜湖, the mayor in 北京, the zones' small teams in 北京, 广州, 无锡, 合肥 and the south, and the visitors received.
/// Months are kept at or before the current month, so that the activities have happened.
/// </summary>
internal static class DemoActivities
{
    private sealed record Demo(string Code, ActivityKind Kind, int Month, int Day, int Days, string Unit, string? Leader, LeaderLevel? Level,
        string Destinations, string Counterparts, int Meetings, int Intentions);

    private static readonly Demo[] All =
    [
        new("HD-01", ActivityKind.Outbound, 3, 8, 1, "220300", "郭灵计 市委书记", LeaderLevel.City, "安徽省芜湖市",
            "产业园区:芜湖市产业创新馆；企业:奇瑞汽车股份有限公司；企业:芜湖长信新型显示器件有限公司；政府:芜湖市人民政府", 1, 2),
        new("HD-02", ActivityKind.Outbound, 5, 24, 0, "220300", "陈德明 市长", LeaderLevel.City, "北京市",
            "企业:中化学建设投资集团有限公司", 1, 1),
        new("HD-03", ActivityKind.Outbound, 3, 2, 2, "220300K01", "经开区招商小分队", LeaderLevel.Department, "北京市",
            "商协会:金华企业商会；企业:北京中天集创工程技术有限公司；企业:北京首旺科技有限公司；企业:中国动漫集团有限公司", 1, 2),
        new("HD-04", ActivityKind.Outbound, 3, 6, 5, "220300K01", "经开区招商小分队", LeaderLevel.Department, "广东省广州市；江苏省无锡市；安徽省芜湖市；安徽省合肥市",
            "企业:奇瑞汽车股份有限公司；产业园区:无锡高新区", 0, 1),
        new("HD-05", ActivityKind.Outbound, 3, 5, 7, "220300K02", "红开区主要负责同志", LeaderLevel.County, "广东省；江苏省；安徽省合肥市；重庆市",
            "企业:合肥产投集团；产业园区:合肥高新技术产业开发区", 0, 1),
        new("HD-06", ActivityKind.Outbound, 4, 10, 1, "220302", "铁西区 区长", LeaderLevel.County, "山东省济南市",
            "企业:山东迈拓啤酒设备有限公司；企业:荣和堂集团", 1, 1),
        new("HD-07", ActivityKind.Inbound, 4, 18, 0, "220300", "陈德明 市长", LeaderLevel.City, "",
            "企业:广东睿氢新能源有限公司；企业:新德集团；企业:中购集团", 2, 0),
        new("HD-08", ActivityKind.Inbound, 6, 12, 0, "220300", null, LeaderLevel.Department, "",
            "商协会:重庆市吉林商会；商协会:吉林省青年企业家协会", 1, 0),
        new("HD-09", ActivityKind.Inbound, 7, 3, 1, "220322", "梨树县 县长", LeaderLevel.County, "",
            "企业:俄罗斯斯卡马斯公司", 1, 0),
    ];

    public static List<Activity> Create(IReadOnlyDictionary<string, int> unitsByCode, Places places, DateOnly today, DateTimeOffset now) =>
    [
        .. All.Where(d => unitsByCode.ContainsKey(d.Unit)).Select(d =>
        {
            var month = Math.Min(d.Month, today.Month);
            var start = new DateOnly(today.Year, month, Math.Min(d.Day, DateTime.DaysInMonth(today.Year, month)));
            if (start > today) start = today;
            var a = new Activity { Code = d.Code, CreatedAt = now };
            var destinations = ActivityText.Destinations(places, d.Destinations).Destinations;
            var counterparts = ActivityText.Counterparts(d.Counterparts).Counterparts;
            ActivityChildren.Apply(a, d.Kind, start, d.Days > 0 ? start.AddDays(d.Days) : null, unitsByCode[d.Unit], d.Leader, d.Level, d.Meetings, d.Intentions,
                null, destinations, counterparts, now);
            return a;
        }),
    ];
}

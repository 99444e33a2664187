using InvestTrack.Kernel;

namespace InvestTrack.Features.Projects;

/// <summary>Realistic demo projects spread over the units and stages, the same on every run.</summary>
internal static class DemoProjects
{
    private static readonly string[] Names =
    [
        "年产900吨精酿啤酒项目", "商用车线束生产建设项目", "玉米深加工产业园项目", "新能源汽车零部件制造项目", "风电装备制造基地项目",
        "冷链物流园区建设项目", "生物有机肥生产项目", "中药材精深加工项目", "智能仓储物流中心项目", "光伏发电储能一体化项目",
        "肉牛屠宰及深加工项目", "特种钢材加工项目", "大数据中心建设项目", "文旅康养综合体项目", "汽车零部件再制造项目",
        "高端装备铸造项目", "鲜食玉米加工项目", "生物基新材料项目", "换热器生产线扩建项目", "乡村旅游度假区项目",
    ];

    private static readonly string[] Investors =
    [
        "吉林省酿造科技有限公司", "长春汽车线束有限公司", "中粮生化能源有限公司", "比亚迪汽车工业有限公司", "金风科技股份有限公司",
        "京东物流股份有限公司", "山东农大肥业科技有限公司", "修正药业集团股份有限公司", "顺丰控股股份有限公司", "国家电投集团吉林能源有限公司",
        "皓月集团有限公司", "鞍钢集团有限公司", "华为技术有限公司", "中国旅游集团有限公司", "一汽解放汽车有限公司",
    ];

    private static readonly string[] UnitCodes = ["220302", "220303", "220322", "220323", "220382", "220300K01", "220300K02", "220300K03", "220322K01", "220300"];

    public static IEnumerable<Project> Create(IReadOnlyDictionary<string, int> units)
    {
        var random = new Random(20260823);
        var stages = Enum.GetValues<ProjectStage>();
        for (var i = 0; i < 60; i++)
        {
            var stage = stages[random.Next(stages.Length)];
            var planned = random.Next(5, 3000) * 100m + random.Next(0, 100);
            Money.TryFromWan(planned, out var hundredths);
            yield return new Project
            {
                Code = $"SP{2024 + (i % 3)}{i + 1:000}",
                Name = Names[i % Names.Length],
                InvestorName = Investors[random.Next(Investors.Length)],
                UnitId = units[UnitCodes[i % UnitCodes.Length]],
                Stage = stage,
                PlannedInvestment = hundredths,
                SignedOn = stage >= ProjectStage.Signed ? new DateOnly(2024 + (i % 3), 1 + random.Next(12), 1 + random.Next(28)) : null,
                CreatedAt = DateTimeOffset.UtcNow,
            };
        }
    }
}

using InvestTrack.Data;
using InvestTrack.Features.Network;
using InvestTrack.Features.Projects;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Demo;

/// <summary>
/// Demo events and talent network as the seeds tell them: the 情系英城发展恳谈会 in Beijing (150 participants, 18 projects
/// signed for 152.76亿元), the 驻京人才工作站 set up there, two entrusted agencies, and the 万名大学生留平计划 counts
/// (累计引留各类人才11220人). Added once, only beside the demo projects.
/// </summary>
internal static class DemoNetwork
{
    /// <summary>The 18 amounts in 万元; their sum is exactly 1,527,600 万元 = 152.76亿元.</summary>
    private static readonly decimal[] SignedWan =
        [250000m, 180000m, 150000m, 120000m, 100000m, 100000m, 90000m, 80000m, 75000m, 70000m, 60000m, 55000m, 50000m, 45000m, 40000m, 30000m, 20000.45m, 12599.55m];

    private static readonly string[] UnregisteredProjects =
    [
        "数字经济产业园二期项目", "玉米生物发酵制品项目", "绿色算力中心项目", "氢能化工园区配套项目", "换热器智能制造产业园项目",
        "现代中药大品种二次开发项目", "农机装备研发制造基地项目", "冷链食品加工产业园项目", "满族文化旅游综合体项目",
        "专用车零部件产业园项目", "硅灰石新材料深加工项目", "风光储一体化示范项目", "医药中间体生产项目",
    ];

    /// <summary>The retention counts of the city, year by year; they add up to the seeds' 11220.</summary>
    private static readonly (int Year, int Count)[] Retained = [(2021, 2600), (2022, 2850), (2023, 2920), (2024, 2850)];

    public static async Task SeedAsync(AppDbContext db, IReadOnlyDictionary<string, int> units)
    {
        if (await db.NetworkEvents.AnyAsync() || !await db.Projects.AnyAsync(p => p.Code.StartsWith("SP"))) return;
        var city = units["220300"];
        var now = DateTimeOffset.UtcNow;

        // Talents named in the seed's report, without contact details; one fictional person shows masking.
        var talents = new List<TalentPerson>
        {
            new() { UnitId = city, Name = "王玉明", Origin = "四平市", Field = "机械工程", Organisation = "清华大学", Title = "中国工程院院士、教授", CreatedAt = now },
            new() { UnitId = city, Name = "高雪峰", Origin = "四平市", Field = "企业经营", Organisation = "国吉控股集团", Title = "董事局主席、吉林省招才引智大使", CreatedAt = now },
            new() { UnitId = city, Name = "潘宇", Origin = "四平市", Field = "法学", Organisation = "清华大学法学院", Title = "博士研究生", CreatedAt = now },
            new() { UnitId = city, Name = "李明远", Origin = "四平市梨树县", Field = "新能源", Organisation = "北京某能源研究院", Title = "研究员",
                Phone = "13900001234", Email = "liming@example.cn", CreatedAt = now },
            new() { UnitId = units["220302"], Name = "赵晓东", Origin = "四平市铁西区", Field = "物流", Organisation = "上海某供应链公司", Title = "副总经理",
                Phone = "13700005678", CreatedAt = now },
        };
        db.TalentPeople.AddRange(talents);
        await db.SaveChangesAsync();

        // Linked where the demo has signed projects to link; the rest are named as announced at the event.
        var linked = await db.Projects.Where(p => p.Code.StartsWith("SP") && p.Stage >= ProjectStage.Signed).OrderBy(p => p.Code)
            .Select(p => p.Id).Take(SignedWan.Length - UnregisteredProjects.Length).ToListAsync();
        var signings = SignedWan.Select((wan, i) =>
        {
            Money.TryFromWan(wan, out var amount);
            return i < linked.Count
                ? new EventSigning { ProjectId = linked[i], Amount = amount }
                : new EventSigning { ProjectName = UnregisteredProjects[(i - linked.Count) % UnregisteredProjects.Length], Amount = amount };
        }).ToList();
        db.NetworkEvents.Add(new NetworkEvent
        {
            Name = "情系英城发展恳谈会", Kind = EventKind.Conference, StartsOn = new DateOnly(2024, 6, 29), EndsOn = new DateOnly(2024, 6, 29),
            Venue = "北京会议中心", Region = "北京市", ProvinceCode = "110000", CityCode = "110000", UnitId = city, ParticipantCount = 150,
            Notes = "主题“才聚北京·智汇英城”。市委、市政府主办，市委组织部、市经合局承办。会上宣布成立“驻京人才工作站”并授牌。",
            Participants = [.. talents.Take(4).Select(t => new EventParticipant { Name = t.Name, Organisation = t.Organisation, TalentId = t.Id })],
            Signings = signings, CreatedAt = now,
        });
        db.NetworkEvents.Add(new NetworkEvent
        {
            Name = "铁西区物流产业推介会", Kind = EventKind.Promotion, StartsOn = new DateOnly(2025, 4, 16), EndsOn = new DateOnly(2025, 4, 17),
            Venue = "上海国际会议中心", Region = "上海市", ProvinceCode = "310000", CityCode = "310000", UnitId = units["220302"], ParticipantCount = 60,
            Signings = [new EventSigning { ProjectName = "智慧物流分拨中心项目", Amount = 35_000_00 }], CreatedAt = now,
        });
        db.TalentWorkstations.Add(new TalentWorkstation
        {
            Name = "驻京人才工作站", Place = "北京市", ProvinceCode = "110000", CityCode = "110000", EstablishedOn = new DateOnly(2024, 6, 29), UnitId = city,
            Notes = "在“情系英城发展恳谈会”上宣布成立并授牌。", CreatedAt = now,
            Members = [.. talents.Take(4).Select(t => new WorkstationMember { TalentId = t.Id })],
        });
        db.InvestmentAgencies.AddRange(
            new InvestmentAgency
            {
                UnitId = city, Name = "北京中投招商咨询有限公司", ContractNumber = "SPJH-WT-2024-001", PeriodFrom = new DateOnly(2024, 1, 1), PeriodTo = new DateOnly(2026, 12, 31),
                FeeTerms = "按引进项目实际到位资金的1%给予奖励，单个项目不超过100万元；未落地项目不付费。", ContactName = "张经理", Phone = "13600001111", CreatedAt = now,
            },
            new InvestmentAgency
            {
                UnitId = units["220302"], Name = "深圳湾区产业招商服务有限公司", ContractNumber = "TX-WT-2025-003", PeriodFrom = new DateOnly(2025, 3, 1), PeriodTo = new DateOnly(2027, 2, 28),
                FeeTerms = "基础服务费每年20万元，另按合同引资额的0.5‰计奖。", ContactName = "陈女士", Phone = "0755-86001234", CreatedAt = now,
            });
        db.TalentRetentionCounts.AddRange(Retained.Select(r => new TalentRetentionCount
        {
            UnitId = city, Year = r.Year, Count = r.Count, Note = r.Year == Retained[^1].Year ? "万名大学生留平计划，累计引留各类人才11220人" : "万名大学生留平计划",
        }));
        await db.SaveChangesAsync();
    }
}

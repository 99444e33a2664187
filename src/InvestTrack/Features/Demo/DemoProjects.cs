using InvestTrack.Features.Companies;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.Targets;
using InvestTrack.Kernel;

namespace InvestTrack.Features.Demo;

/// <summary>Realistic demo companies and projects spread over the units and stages, the same on every run.</summary>
internal static class DemoProjects
{
    private static readonly string[] Names =
    [
        "年产900吨精酿啤酒项目", "商用车线束生产建设项目", "玉米深加工产业园项目", "新能源汽车零部件制造项目", "风电装备制造基地项目",
        "冷链物流园区建设项目", "生物有机肥生产项目", "中药材精深加工项目", "智能仓储物流中心项目", "光伏发电储能一体化项目",
        "肉牛屠宰及深加工项目", "特种钢材加工项目", "大数据中心建设项目", "文旅康养综合体项目", "汽车零部件再制造项目",
        "高端装备铸造项目", "鲜食玉米加工项目", "生物基新材料项目", "换热器生产线扩建项目", "乡村旅游度假区项目",
    ];

    private static readonly (string Name, string Origin)[] Investors =
    [
        ("吉林省酿造科技有限公司", "吉林省长春市"), ("长春汽车线束有限公司", "吉林省长春市"), ("中粮生化能源有限公司", "安徽省蚌埠市"),
        ("比亚迪汽车工业有限公司", "广东省深圳市"), ("金风科技股份有限公司", "新疆维吾尔自治区乌鲁木齐市"), ("京东物流股份有限公司", "北京市"),
        ("山东农大肥业科技有限公司", "山东省泰安市"), ("修正药业集团股份有限公司", "吉林省通化市"), ("顺丰控股股份有限公司", "广东省深圳市"),
        ("国家电投集团吉林能源有限公司", "吉林省长春市"), ("皓月集团有限公司", "吉林省长春市"), ("鞍钢集团有限公司", "辽宁省鞍山市"),
        ("华为技术有限公司", "广东省深圳市"), ("中国旅游集团有限公司", "北京市"), ("一汽解放汽车有限公司", "吉林省长春市"),
        ("浙江吉利控股集团有限公司", "浙江省杭州市"), ("重庆长安汽车股份有限公司", "重庆市"), ("俄罗斯远东农业投资公司", "俄罗斯"),
        ("韩国现代摩比斯株式会社", "韩国"), ("香港新世界发展有限公司", "香港"),
    ];

    private static readonly string[] UnitCodes = ["220302", "220303", "220322", "220323", "220382", "220300K01", "220300K02", "220300K03", "220322K01", "220300"];

    public static List<Company> Companies(Places places)
    {
        var random = new Random(20260823);
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        return [.. Investors.Select((investor, i) =>
        {
            var place = places.Parse(investor.Origin) ?? throw new InvalidOperationException($"demo origin {investor.Origin}");
            string? code = null;
            if (place.CountryCode is null)
            {
                var body = "91" + (place.CityCode ?? place.ProvinceCode)![..6] + new string(Enumerable.Range(0, 9).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
                code = body + CreditCode.CheckCharacterFor(body);
            }
            return new Company
            {
                Name = investor.Name, CreditCode = code, Origin = investor.Origin, OriginClass = place.Class,
                OriginProvinceCode = place.ProvinceCode, OriginCityCode = place.CityCode, OriginCountryCode = place.CountryCode,
                CreatedAt = DateTimeOffset.UtcNow,
            };
        })];
    }

    /// <summary>A few hundred: enough for every page, filter and chart to have something true to show.</summary>
    public const int Count = 300;

    /// <summary>Projects signed over the last three years up to <paramref name="today"/> (the city's date): no date lies in the future.</summary>
    public static IEnumerable<Project> Create(IReadOnlyDictionary<string, int> units, IReadOnlyList<Company> companies, IReadOnlyList<int> industryIds, DateOnly today)
    {
        var random = new Random(20260823);
        var stages = StageRules.Stages;
        for (var i = 0; i < Count; i++)
        {
            var stage = stages[random.Next(stages.Count)];
            var status = (i % 10) switch { 7 => ProjectStatus.Stalled, 9 => ProjectStatus.Dropped, _ => ProjectStatus.Active };
            var planned = random.Next(5, 3000) * 100m + random.Next(0, 100);
            Money.TryFromWan(planned, out var hundredths);
            var year = today.Year - 2 + (i % 3);
            var signed = stage >= ProjectStage.Signed ? new DateOnly(year, 1 + random.Next(9), 1 + random.Next(28)) : (DateOnly?)null;
            if (signed > today) signed = new DateOnly(year, 1, 1).AddDays(random.Next(Math.Max(1, today.DayOfYear - 1)));
            var started = stage >= ProjectStage.Started ? signed!.Value.AddDays(30 + random.Next(60)) : (DateOnly?)null;
            var producing = stage == ProjectStage.InProduction ? started!.Value.AddDays(120 + random.Next(200)) : (DateOnly?)null;
            // A project cannot have started or produced after today: it is still at the stage before.
            if (started > today) (stage, started, producing) = (ProjectStage.Signed, null, null);
            if (producing > today) (stage, producing) = (ProjectStage.Started, null);
            yield return new Project
            {
                Code = $"SP{year}{i + 1:000}",
                Name = i < Names.Length ? Names[i] : $"{Names[i % Names.Length][..^2]}（{(i / Names.Length) + 1}期）项目",
                CompanyId = companies[random.Next(companies.Count)].Id,
                UnitId = units[UnitCodes[i % UnitCodes.Length]],
                IndustryId = industryIds.Count > 0 ? industryIds[random.Next(industryIds.Count)] : null,
                Stage = stage,
                Status = status,
                StatusReason = status == ProjectStatus.Dropped ? "投资方调整投资计划" : status == ProjectStatus.Stalled ? "用地手续待协调" : null,
                PlannedInvestment = hundredths,
                ContractedInvestment = signed is null ? null : hundredths * (60 + random.Next(40)) / 100,
                SigningKind = signed is null ? null : i % 8 == 0 ? SigningKind.Framework : SigningKind.Contract,
                SignedOn = signed,
                StartedOn = started,
                InProductionOn = producing,
                LeadSource = i % 3 == 0 ? "以商招商" : i % 3 == 1 ? "小分队" : "展会",
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
            };
        }
    }

    private static readonly string[] Happenings =
    [
        "召开项目推进会，协调用地指标", "完成项目备案", "主体厂房封顶", "设备进场安装", "签订供电协议", "环评批复下达", "投资方到现场考察", "完成土地摘牌",
    ];

    /// <summary>The first stage change and a few progress notes, so that timelines and time-in-stage have history.</summary>
    public static IEnumerable<object> History(IEnumerable<Project> projects)
    {
        var random = new Random(20260824);
        foreach (var p in projects)
        {
            var since = p.InProductionOn ?? p.StartedOn ?? p.SignedOn ?? new DateOnly(2024, 1, 1).AddDays(random.Next(600));
            yield return new StageChange
            {
                ProjectId = p.Id, UnitId = p.UnitId, FromStage = null, ToStage = p.Stage, FromStatus = ProjectStatus.Active, ToStatus = p.Status,
                ChangedAt = new DateTimeOffset(since.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)).ToUniversalTime(), UserName = "demo", Note = "演示数据",
            };
            for (var k = 0; k < random.Next(0, 4); k++)
            {
                yield return new ProgressEntry
                {
                    ProjectId = p.Id, UnitId = p.UnitId, OccurredOn = since.AddDays(7 * (k + 1)), WhatHappened = Happenings[random.Next(Happenings.Length)],
                    Problems = random.Next(3) == 0 ? "需协调解决施工用电" : null, NextStep = "按节点推进", AuthorName = "demo", CreatedAt = DateTimeOffset.UtcNow,
                };
            }
        }
    }

    /// <summary>A few thousand funds records, enough for dashboards to show true figures.</summary>
    public const int FundsCount = 3000;

    /// <summary>
    /// Funds in place of the signed demo projects from their signing month to the current month, audited and
    /// pending; the same for the same day (the current month moves the end).
    /// </summary>
    public static IEnumerable<FundsRecord> Funds(IEnumerable<Project> projects, DateTimeOffset utcNow)
    {
        var signed = projects.Where(p => p.SignedOn is not null)
            .Select(p => new SyntheticFunds.SignedProject(p.Id, p.UnitId, p.SignedOn!.Value, p.PlannedInvestment)).ToList();
        var count = (int)Math.Min(FundsCount, SyntheticFunds.Capacity(signed, SyntheticFunds.CurrentMonth(utcNow)) / 2);
        return SyntheticFunds.Create(signed, count, new Random(20260825), utcNow, "demo");
    }

    /// <summary>
    /// Targets for the whole city and each county for last year and this year, set a little above what the
    /// demo data achieves (the full year, or this year so far scaled to twelve months), so progress looks real.
    /// </summary>
    public static IEnumerable<AnnualTarget> Targets(int year, int month, IReadOnlyList<int> counties,
        Dictionary<int, Dictionary<TargetIndicator, long>> achieved, int percentAbove)
    {
        var total = TargetActuals.Total(achieved);
        foreach (var unit in counties.Select(c => (int?)c).Prepend(null))
        {
            var actual = unit is { } id ? achieved.GetValueOrDefault(id) ?? [] : total;
            foreach (var indicator in TargetIndicators.All)
            {
                var yearly = actual.GetValueOrDefault(indicator) * 12 / month * (100 + percentAbove) / 100;
                var value = indicator == TargetIndicator.Funds
                    ? Math.Max(100_000, yearly / 100_000 * 100_000 + 100_000) // whole 1000万元 steps, at least 1000万元
                    : Math.Max(unit is null ? 5 : 1, yearly + 1);
                yield return new AnnualTarget { Year = year, UnitId = unit, Indicator = indicator, Value = value };
            }
        }
    }
}

using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Demo;

/// <summary>
/// A large synthetic city for benchmarks (`generate --projects N [--funds F] --seed S`): companies from every province
/// and abroad, projects in every unit, stage and size, dates over four years, funds in place of the signed ones. The same seed gives the same data.
/// </summary>
public static class SyntheticCity
{
    private static readonly string[] Products = ["精酿啤酒", "汽车线束", "玉米深加工", "风电装备", "光伏组件", "冷链物流", "生物有机肥", "中药饮片", "换热器", "特种钢材",
        "新能源电池", "数据中心", "肉牛屠宰", "鲜食玉米", "生物基材料", "铸造件", "乳制品", "农机装备", "医用耗材", "文旅康养"];
    private static readonly string[] Kinds = ["生产建设项目", "产业园项目", "扩建项目", "技改项目", "基地项目", "综合体项目"];
    private static readonly string[] Suffixes = ["有限公司", "股份有限公司", "集团有限公司", "科技有限公司"];
    private static readonly string[] Words = ["华", "泰", "鑫", "宏", "盛", "瑞", "丰", "远", "恒", "达", "通", "信", "和", "嘉", "德", "昌", "联", "兴", "安", "康"];
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public sealed record Result(int Companies, int Projects, int Funds, int Activities = 0);

    public static async Task<Result> GenerateAsync(AppDbContext db, AuditLog audit, int projects, int seed, int funds = 0, int activities = 0,
        CancellationToken ct = default, IProgress<WorkProgress>? progress = null)
    {
        var random = new Random(seed);
        var units = await db.Units.AsNoTracking().Where(u => u.IsActive).Select(u => u.Id).ToListAsync(ct);
        var catalogs = await db.IndustryCatalogs.AsNoTracking().Include(c => c.Industries).ToListAsync(ct);
        var regions = ReferenceDataFiles.Regions();
        var city = await db.CitySettings.AsNoTracking().SingleAsync(ct);
        var countries = ReferenceDataFiles.Countries();
        var now = DateTimeOffset.UtcNow;
        var thisYear = DateTime.UtcNow.Year;

        var companyCount = Math.Max(1, projects / 5);
        var companies = Enumerable.Range(0, companyCount).Select(i => SyntheticCompany(random, seed, i, regions, countries, city.ProvinceCode, now)).ToList();
        progress?.Report(new WorkProgress("companies", 0, companyCount));
        await BulkInsert.InsertAsync(db, companies, ct);
        progress?.Report(new WorkProgress("companies", companyCount, companyCount));
        var companyIds = await db.Companies.AsNoTracking().Where(c => c.Name.StartsWith($"S{seed}·")).Select(c => c.Id).ToListAsync(ct);

        var generated = Enumerable.Range(0, projects).Select(i =>
        {
            var stage = StageRules.Stages[random.Next(StageRules.Stages.Count)];
            var year = thisYear - 3 + random.Next(4);
            DateOnly? signed = stage >= ProjectStage.Signed ? new DateOnly(year, 1 + random.Next(12), 1 + random.Next(28)) : null;
            DateOnly? started = stage >= ProjectStage.Started ? signed!.Value.AddDays(random.Next(10, 200)) : null;
            DateOnly? producing = stage == ProjectStage.InProduction ? started!.Value.AddDays(random.Next(90, 500)) : null;
            var catalog = CatalogInForce.For(catalogs, signed?.Year ?? thisYear, c => c.StartYear);
            // Sizes spread over the tiers: mostly 1000万–5亿, a few 十亿 and 百亿.
            var planned = (long)Math.Round(Math.Exp(random.NextDouble() * 12.5 + 4.6)) * 100 + random.Next(100);
            var status = random.Next(100) switch { < 6 => ProjectStatus.Stalled, < 9 => ProjectStatus.Dropped, _ => ProjectStatus.Active };
            return new Project
            {
                Code = $"S{seed}-{i + 1:0000000}",
                Name = $"年产{random.Next(1, 100) * 100}吨{Products[random.Next(Products.Length)]}{Kinds[random.Next(Kinds.Length)]}",
                CompanyId = companyIds[random.Next(companyIds.Count)],
                UnitId = units[random.Next(units.Count)],
                IndustryId = catalog is { Industries.Count: > 0 } ? catalog.Industries[random.Next(catalog.Industries.Count)].Id : null,
                Stage = stage,
                Status = status,
                StatusReason = status == ProjectStatus.Active ? null : "合成数据",
                PlannedInvestment = planned,
                ContractedInvestment = signed is null ? null : planned * random.Next(50, 101) / 100,
                SigningKind = signed is null ? null : random.Next(10) == 0 ? SigningKind.Framework : SigningKind.Contract,
                SignedOn = signed,
                StartedOn = started,
                InProductionOn = producing,
                LeadSource = random.Next(3) switch { 0 => "以商招商", 1 => "小分队", _ => "展会" },
                CreatedAt = now,
                UpdatedAt = now,
            };
        });
        var inserted = await BulkInsert.InsertAsync(db, Counted(generated, "projects", projects, progress), ct);
        progress?.Report(new WorkProgress("projects", inserted, projects));
        await RecordDropsAsync(db, random, seed, now, ct);
        progress?.Report(new WorkProgress("funds", 0, funds));
        var fundsInserted = funds > 0 ? await GenerateFundsAsync(db, random, seed, funds, now, ct) : 0;
        progress?.Report(new WorkProgress("funds", fundsInserted, funds));
        progress?.Report(new WorkProgress("activities", 0, activities));
        var activitiesInserted = await SyntheticActivities.GenerateAsync(db, random, seed, activities, now, ct);
        progress?.Report(new WorkProgress("activities", activitiesInserted, activities));
        await audit.WriteAsync("Generate", "Project",
            details: $"{{\"seed\":{seed},\"projects\":{inserted},\"companies\":{companies.Count},\"funds\":{fundsInserted},\"activities\":{activitiesInserted}}}", ct: ct);
        return new Result(companies.Count, inserted, fundsInserted, activitiesInserted);
    }

    /// <summary>The items as they are consumed, reporting every thousandth, so a bulk insert shows how far it has come.</summary>
    private static IEnumerable<T> Counted<T>(IEnumerable<T> items, string step, long total, IProgress<WorkProgress>? progress)
    {
        long done = 0;
        foreach (var item in items)
        {
            if (done % 1000 == 0) progress?.Report(new WorkProgress(step, done, total));
            done++;
            yield return item;
        }
    }

    /// <summary>
    /// The dated change to 终止 of each dropped project, which the 开复工 rule reads (never the record's last edit):
    /// at some day between its last known date (or three years ago) and today.
    /// </summary>
    private static async Task RecordDropsAsync(AppDbContext db, Random random, int seed, DateTimeOffset now, CancellationToken ct)
    {
        var prefix = $"S{seed}-";
        var dropped = await db.Projects.AsNoTracking().Where(p => p.Code.StartsWith(prefix) && p.Status == ProjectStatus.Dropped).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.UnitId, p.Stage, Since = p.InProductionOn ?? p.StartedOn ?? p.SignedOn }).ToListAsync(ct);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var changes = dropped.Select(p =>
        {
            var since = p.Since ?? today.AddYears(-3);
            var day = since.AddDays(random.Next(Math.Max(1, today.DayNumber - since.DayNumber)));
            return new StageChange
            {
                ProjectId = p.Id, UnitId = p.UnitId, FromStage = p.Stage, ToStage = p.Stage, FromStatus = ProjectStatus.Active, ToStatus = ProjectStatus.Dropped,
                ChangedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)).ToUniversalTime(), UserName = "synthetic", Note = "合成数据",
            };
        });
        await BulkInsert.InsertAsync(db, changes, ct);
    }

    /// <summary>Funds over this seed's signed projects; fewer when the projects leave too few open months.</summary>
    private static async Task<int> GenerateFundsAsync(AppDbContext db, Random random, int seed, int funds, DateTimeOffset now, CancellationToken ct)
    {
        var prefix = $"S{seed}-";
        var signed = await db.Projects.AsNoTracking().Where(p => p.Code.StartsWith(prefix) && p.SignedOn != null)
            .OrderBy(p => p.Id)
            .Select(p => new SyntheticFunds.SignedProject(p.Id, p.UnitId, p.SignedOn!.Value, p.PlannedInvestment)).ToListAsync(ct);
        // Drawing slots at random needs room: at most half of the open (project, month, source) slots are filled.
        var count = (int)Math.Min(funds, SyntheticFunds.Capacity(signed, SyntheticFunds.CurrentMonth(now)) / 2);
        // In batches: the server checks keys and builds indexes when a COPY completes, and one COPY of millions
        // of rows would outlast the command timeout there.
        var inserted = 0;
        foreach (var batch in SyntheticFunds.Create(signed, count, random, now, "synthetic").Chunk(100_000))
            inserted += await BulkInsert.InsertAsync(db, batch, ct);
        return inserted;
    }

    private static Company SyntheticCompany(Random random, int seed, int i, List<RegionFile> regions, List<CodeNameFile> countries, string homeProvince, DateTimeOffset now)
    {
        var name = $"S{seed}·{Words[random.Next(Words.Length)]}{Words[random.Next(Words.Length)]}{i:000000}{Suffixes[random.Next(Suffixes.Length)]}";
        var roll = random.Next(100);
        if (roll < 5)
        {
            var country = countries[random.Next(countries.Count)];
            return new Company { Name = name, Origin = country.Name, OriginCountryCode = country.Code, OriginClass = OriginClass.Abroad, CreatedAt = now };
        }
        var mainland = regions.Where(r => r.Cities.Count > 0).ToList();
        var region = roll < 35 ? mainland.Single(r => r.Code == homeProvince) : mainland[random.Next(mainland.Count)];
        var cityPart = region.Cities[random.Next(region.Cities.Count)];
        var body = "91" + cityPart.Code + new string(Enumerable.Range(0, 9).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
        return new Company
        {
            Name = name,
            CreditCode = body + CreditCode.CheckCharacterFor(body),
            Origin = region.Kind == RegionKind.Municipality ? region.Name : region.Name + cityPart.Name,
            OriginProvinceCode = region.Code,
            OriginCityCode = cityPart.Code,
            OriginClass = region.Code == homeProvince ? OriginClass.InProvince : OriginClass.OtherProvince,
            CreatedAt = now,
        };
    }
}

using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Leads;
using InvestTrack.Features.Network;
using InvestTrack.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Demo;

/// <summary>
/// Leads of a synthetic city (generate --leads N, by default 1.5 per project): every source and status, referrers from
/// a pool of 2 000, 20 talent workstations, and one converted lead for each of about 40 % of the seed's projects
/// (registered 30–400 days before signing), linked both ways. Written by COPY (BulkInsert); no clocks.
/// </summary>
public static class SyntheticLeads
{
    private static readonly string[] Products = ["新能源电池", "风电装备", "冷链物流", "玉米深加工", "数据中心", "医药中间体", "汽车零部件", "文旅康养", "生物基材料", "光伏组件"];
    private static readonly string[] People = ["周", "吴", "郑", "王", "冯", "陈", "褚", "卫", "蒋", "沈", "韩", "杨"];
    private static readonly string[] Sections = ["A", "C", "C", "C", "D", "F", "G", "I", "K", "M", "R"];

    public static async Task<(int Leads, int Converted)> GenerateAsync(AppDbContext db, Random random, int seed, int count, DateTimeOffset now, CancellationToken ct = default)
    {
        if (count <= 0) return (0, 0);
        var prefix = $"S{seed}-";
        var companies = await db.Companies.AsNoTracking().Where(c => c.Name.StartsWith($"S{seed}·")).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.CreditCode }).ToListAsync(ct);
        var keys = companies.ToDictionary(c => c.Id, c => CompanyNames.Key(c.Name));
        var projects = await db.Projects.AsNoTracking().Where(p => p.Code.StartsWith(prefix)).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.UnitId, p.CompanyId, p.Name, p.PlannedInvestment, p.SignedOn }).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => u.IsActive).Select(u => u.Id).ToListAsync(ct);
        var today = DateOnly.FromDateTime(now.UtcDateTime.AddHours(8));
        var converted = projects.Where(_ => random.Next(100) < 40).Take(count).ToList();
        var sources = Enum.GetValues<LeadSourceKind>();
        var codes = companies.ToDictionary(c => c.Id, c => c.CreditCode);
        var stations = await StationsAsync(db, seed, units, now, ct);

        Lead Converted(int i)
        {
            var p = converted[i];
            var registered = (p.SignedOn ?? today).AddDays(-random.Next(30, 401));
            return New(p.UnitId, p.CompanyId, p.Name, LeadStatus.Converted, registered, p.PlannedInvestment, p.Id);
        }
        Lead Open(int i)
        {
            var company = companies[random.Next(companies.Count)];
            var status = random.Next(100) switch { < 20 => LeadStatus.Registered, < 40 => LeadStatus.Assessing, < 70 => LeadStatus.Pursuing, _ => LeadStatus.Abandoned };
            var planned = (long)Math.Round(Math.Exp(random.NextDouble() * 11 + 6)) * 100;
            return New(units[random.Next(units.Count)], company.Id, $"{Products[random.Next(Products.Length)]}项目", status, today.AddDays(-random.Next(0, 1100)), planned, null);
        }
        Lead New(int unit, int company, string name, LeadStatus status, DateOnly registered, long estimated, int? project)
        {
            var source = sources[random.Next(sources.Length)];
            return new Lead
            {
                UnitId = unit, Name = name, SourceKind = source, Referrer = random.Next(3) == 0 ? null : $"{People[random.Next(People.Length)]}某{random.Next(2000):0000}",
                CompanyId = company, InvestorCreditCode = codes[company], InvestorKey = keys[company], IndustrySectionCode = Sections[random.Next(Sections.Length)],
                EstimatedInvestment = estimated, Description = "合成数据", Status = status, StatusReason = status == LeadStatus.Abandoned ? "合成数据" : null,
                RegisteredAt = new DateTimeOffset(registered.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)).ToUniversalTime(), RegisteredOn = registered,
                LastProgressOn = registered.AddDays(random.Next(0, 60)) is var last && last <= today ? last : today, ProjectId = project,
                WorkstationId = source == LeadSourceKind.Workstation ? stations[random.Next(stations.Length)] : null, UpdatedAt = now,
            };
        }

        var rows = Enumerable.Range(0, count).Select(i => i < converted.Count ? Converted(i) : Open(i));
        var inserted = 0;
        foreach (var batch in rows.Chunk(100_000)) inserted += await BulkInsert.InsertAsync(db, batch, ct);
        // The link back from each converted project, 10 000 projects a statement: each updated row also updates the
        // projects' text-search (GIN) indexes, and 80 000 in one statement outlasted the command timeout on a busy server.
        foreach (var chunk in converted.Take(count).Chunk(10_000))
        {
            var (first, last) = (chunk[0].Id, chunk[^1].Id);
            await db.Projects.Where(p => p.Id >= first && p.Id <= last && p.Code.StartsWith(prefix) && p.LeadId == null && db.Leads.Any(l => l.ProjectId == p.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LeadId, p => db.Leads.Where(l => l.ProjectId == p.Id).Select(l => (int?)l.Id).First()), ct);
        }
        return (inserted, Math.Min(converted.Count, count));
    }

    /// <summary>The synthetic city's 20 talent workstations (Leads.WorkstationId is a real reference).</summary>
    private static async Task<int[]> StationsAsync(AppDbContext db, int seed, List<int> units, DateTimeOffset now, CancellationToken ct)
    {
        var prefix = $"S{seed}·人才工作站";
        var stations = await db.TalentWorkstations.Where(w => w.Name.StartsWith(prefix)).OrderBy(w => w.Id).Select(w => w.Id).ToArrayAsync(ct);
        if (stations.Length > 0) return stations;
        var created = Enumerable.Range(1, 20).Select(i => new TalentWorkstation
        {
            UnitId = units[i % units.Count], Name = $"{prefix}{i:00}", Place = "北京市", ProvinceCode = "110000", CityCode = "110000", CreatedAt = now,
        }).ToList();
        db.TalentWorkstations.AddRange(created);
        await db.SaveChangesAsync(ct);
        return [.. created.Select(w => w.Id)];
    }
}

using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Leads;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Demo;

/// <summary>
/// The demo city's leads: 2026's holiday calendar, and a dozen leads of the counties — every status and source, a big
/// one flagged to the city, overdue clocks, one converted into an existing project — with their clocks as the service
/// would have started them.
/// </summary>
public static class DemoLeads
{
    private sealed record Spec(string Unit, string Owner, string Name, LeadSourceKind Source, string? Referrer, string Section, decimal Wan,
        int DaysAgo, LeadStatus Status, int? ProgressDaysAgo = null, int? Workstation = null);

    private static readonly Spec[] Specs =
    [
        new("220302", "tiexi", "新能源电池材料生产基地", LeadSourceKind.ViaInvestor, "深圳吉林商会 周会长", "C", 80_000m, 40, LeadStatus.Pursuing, 12),
        new("220302", "tiexi", "玉米深加工扩能项目", LeadSourceKind.Squad, null, "C", 12_000m, 20, LeadStatus.Registered),
        new("220302", "tiexi", "冷链物流园", LeadSourceKind.Fair, "东北亚博览会", "G", 30_000m, 60, LeadStatus.Assessing, 30),
        new("220302", "tiexi", "数字经济产业园", LeadSourceKind.Workstation, "北京人才工作站", "I", 20_000m, 9, LeadStatus.Registered, null, 1),
        new("220303", "tiedong", "汽车零部件配套项目", LeadSourceKind.Agency, "长春招商咨询公司", "C", 15_000m, 30, LeadStatus.Pursuing, 3),
        new("220303", "tiedong", "文旅综合体", LeadSourceKind.Cppcc, "市政协 刘委员", "R", 9_000m, 100, LeadStatus.Abandoned, 70),
        new("220303", "tiedong", "医药中间体项目", LeadSourceKind.Chamber, "浙江吉林商会", "C", 6_500m, 5, LeadStatus.Registered),
        new("220322", "lishu", "梨树黑土地有机农业示范区", LeadSourceKind.Squad, null, "A", 50_000m, 14, LeadStatus.Assessing, 2),
        new("220322", "lishu", "风电装备制造项目", LeadSourceKind.ViaInvestor, "上海吉林商会", "C", 45_000m, 50, LeadStatus.Pursuing, 8),
        new("220322", "lishu", "农产品电商直播基地", LeadSourceKind.Other, null, "F", 1_200m, 3, LeadStatus.Registered),
    ];

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, LeadOptions options)
    {
        if (!await db.HolidayDates.AnyAsync())
        {
            db.HolidayDates.AddRange(HolidayCalendar.China2026());
            await db.SaveChangesAsync();
        }
        if (await db.Leads.AnyAsync()) return;
        var calendar = new WorkingCalendar(await db.HolidayDates.AsNoTracking().ToListAsync());
        var units = await db.Units.ToDictionaryAsync(u => u.Code, u => u.Id);
        var owners = await db.Users.ToDictionaryAsync(u => u.UserName!, u => (u.Id, u.DisplayName));
        var companies = await db.Companies.OrderBy(c => c.Id).Select(c => new { c.Id, c.Name, c.CreditCode }).Take(Specs.Length).ToListAsync();
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        // The demo's one workstation (DemoNetwork, seeded before): Leads.WorkstationId is a real reference.
        var station = await db.TalentWorkstations.OrderBy(w => w.Id).Select(w => (int?)w.Id).FirstOrDefaultAsync();
        var leads = new List<Lead>();
        for (var i = 0; i < Specs.Length && i < companies.Count; i++)
        {
            var (s, company) = (Specs[i], companies[i]);
            var registered = today.AddDays(-s.DaysAgo);
            var owner = owners.GetValueOrDefault(s.Owner);
            leads.Add(new Lead
            {
                UnitId = units[s.Unit], Name = s.Name, SourceKind = s.Source, Referrer = s.Referrer, CompanyId = company.Id, InvestorCreditCode = company.CreditCode,
                InvestorKey = CompanyNames.Key(company.Name), IndustrySectionCode = s.Section, EstimatedInvestment = (long)(s.Wan * Money.HundredthsPerWan),
                Description = "演示数据", OwnerUserId = owner.Id, OwnerName = owner.DisplayName, Status = s.Status,
                StatusReason = s.Status == LeadStatus.Abandoned ? "投资方调整战略布局" : null, WorkstationId = s.Workstation is null ? null : station,
                RegisteredAt = now.AddDays(-s.DaysAgo), RegisteredOn = registered, LastProgressOn = s.ProgressDaysAgo is { } p ? today.AddDays(-p) : registered, UpdatedAt = now,
            });
        }
        db.Leads.AddRange(leads);
        await db.SaveChangesAsync();
        foreach (var (lead, spec) in leads.Zip(Specs))
        {
            var days = options.DaysFor(lead.SourceKind, lead.EstimatedInvestment);
            var clocks = LeadClocks.OnRegistered(lead, days, calendar);
            if (lead.Status != LeadStatus.Registered)
                LeadClocks.OnStatus(clocks, LeadStatus.Assessing, calendar.AddWorkingDays(lead.RegisteredOn, 2));
            if (spec.ProgressDaysAgo is { } ago)
            {
                var on = today.AddDays(-ago);
                db.LeadProgress.Add(new LeadProgress { LeadId = lead.Id, UnitId = lead.UnitId, OccurredOn = on, Note = "与投资方会谈，推进考察对接", ReferrerAnswered = true, AuthorName = lead.OwnerName, CreatedAt = now });
                if (LeadClocks.OnProgress(lead, clocks, on, true, days, calendar) is { } next) clocks.Add(next);
            }
            if (!lead.IsOpen) LeadClocks.OnStatus(clocks, lead.Status, lead.LastProgressOn);
            db.LeadClocks.AddRange(clocks);
        }
        // One lead of 铁西区 became a project: the first demo project of the unit, linked both ways.
        var converted = leads[0];
        var project = await db.Projects.Where(p => p.UnitId == converted.UnitId && p.LeadId == null).OrderBy(p => p.Id).FirstOrDefaultAsync();
        if (project is not null)
        {
            // Registered before the project was signed, so that the source's days from lead to signing are not negative.
            var registeredOn = project.SignedOn is { } signed && signed.AddDays(-60) < today.AddDays(-200) ? signed.AddDays(-60) : today.AddDays(-200);
            var twin = new Lead
            {
                UnitId = project.UnitId, Name = project.Name, SourceKind = LeadSourceKind.ViaInvestor, Referrer = converted.Referrer, CompanyId = project.CompanyId,
                InvestorKey = CompanyNames.Key(await db.Companies.Where(c => c.Id == project.CompanyId).Select(c => c.Name).SingleAsync()),
                IndustrySectionCode = project.IndustrySectionCode ?? "C", EstimatedInvestment = project.PlannedInvestment, Description = "演示数据",
                OwnerUserId = converted.OwnerUserId, OwnerName = converted.OwnerName, Status = LeadStatus.Converted, ProjectId = project.Id,
                RegisteredAt = now.AddDays(registeredOn.DayNumber - today.DayNumber), RegisteredOn = registeredOn, LastProgressOn = registeredOn.AddDays(50), UpdatedAt = now,
            };
            db.Leads.Add(twin);
            await db.SaveChangesAsync();
            project.LeadId = twin.Id;
        }
        await db.SaveChangesAsync();
    }
}

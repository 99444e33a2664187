using System.Net;
using System.Net.Http.Json;
using InvestTrack.Data;
using InvestTrack.Features.Activities;
using InvestTrack.Features.Leads;
using InvestTrack.Features.Network;
using InvestTrack.Features.Projects;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Companies;
using InvestTrack.IntegrationTests.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Leads;

/// <summary>
/// The links of a lead to the activity and event it came from and the agency or workstation that delivered it: saved,
/// shown on both sides, another unit's records refused; and the company page's leads, activities, events and projects.
/// In the same class as LeadApiTests to share its app.
/// </summary>
public abstract partial class LeadApiTests
{
    /// <summary>An activity, event, agency and workstation of the unit, inserted as the system operator.</summary>
    private Task<(int Activity, int Event, int Agency, int Station)> RecordsAsync(string unitCode, string tag, string counterpart, int? signedProject) => App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var unit = await db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var activity = new Activity
        {
            Code = $"LK-{tag}-{unitCode}", Kind = ActivityKind.Outbound, StartOn = new DateOnly(2026, 3, 2), UnitId = unit, CreatedAt = now, UpdatedAt = now,
            Counterparts = [new ActivityCounterpart { UnitId = unit, Type = CounterpartType.Company, Name = counterpart }],
        };
        var evt = new NetworkEvent
        {
            Name = $"链接恳谈会{tag}{unitCode}", Kind = EventKind.Conference, StartsOn = new DateOnly(2026, 4, 1), EndsOn = new DateOnly(2026, 4, 1), Venue = "北京会议中心",
            UnitId = unit, CreatedAt = now, Signings = signedProject is { } p ? [new EventSigning { ProjectId = p, Amount = 12_345_00 }] : [],
        };
        var agency = new InvestmentAgency { UnitId = unit, Name = $"链接招商{tag}{unitCode}", PeriodFrom = new DateOnly(2026, 1, 1), PeriodTo = new DateOnly(2026, 12, 31), CreatedAt = now };
        var station = new TalentWorkstation { UnitId = unit, Name = $"链接工作站{tag}{unitCode}", Place = "北京市", CreatedAt = now };
        db.AddRange(activity, evt, agency, station);
        await db.SaveChangesAsync();
        return (activity.Id, evt.Id, agency.Id, station.Id);
    });

    [Fact]
    public async Task Links_are_saved_shown_on_both_sides_and_another_units_records_are_refused()
    {
        var (tiexi, lishu) = (await ClientAsync("tiexi"), await ClientAsync("lishu"));
        var u = AdminTestSupport.Unique();
        var mine = await RecordsAsync("220302", u, "某某公司", null);
        var theirs = await RecordsAsync("220322", u, "某某公司", null);
        var leads = await CountAsync<Lead>();

        // Another unit's activity and event, an agency for the wrong source: field errors naming the field, nothing written.
        var bad = await FormAsync("铁西区", $"链接{u}有限公司", null);
        (bad.OriginActivityId, bad.OriginEventId, bad.AgencyId, bad.WorkstationId) = (theirs.Activity, theirs.Event, mine.Agency, theirs.Station);
        bad.SourceKind = LeadSourceKind.Workstation;
        var refused = await tiexi.PostAsJsonAsync("/api/leads", bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = await NetworkTestSupport.ErrorsAsync(refused);
        Assert.Equal("来源活动不存在或不在本单位范围内。", errors["OriginActivityId"]);
        Assert.Equal("来源会展不存在或不在本单位范围内。", errors["OriginEventId"]);
        Assert.Equal("只有来源为“委托招商”的线索才能填写委托招商机构。", errors["AgencyId"]);
        Assert.Equal("人才工作站不存在或不在本单位范围内。", errors["WorkstationId"]);
        Assert.Equal(leads, await CountAsync<Lead>());

        var form = await FormAsync("铁西区", $"链接{u}有限公司", null);
        form.SourceKind = LeadSourceKind.Agency;
        (form.OriginActivityId, form.OriginEventId, form.AgencyId) = (mine.Activity, mine.Event, mine.Agency);
        var lead = (await (await tiexi.PostAsJsonAsync("/api/leads", form)).Content.ReadFromJsonAsync<LeadDetail>(Json))!;
        Assert.Equal((mine.Activity, mine.Event, mine.Agency, (int?)null), (lead.OriginActivityId, lead.OriginEventId, lead.AgencyId, lead.WorkstationId));
        var station = await FormAsync("铁西区", $"工作站{u}有限公司", null);
        (station.SourceKind, station.WorkstationId) = (LeadSourceKind.Workstation, mine.Station);
        var fromStation = (await (await tiexi.PostAsJsonAsync("/api/leads", station)).Content.ReadFromJsonAsync<LeadDetail>(Json))!;
        Assert.Equal(mine.Station, fromStation.WorkstationId);

        // The lead's page links each record; each record's page lists the lead, with the count and how many became projects.
        var page = await tiexi.GetStringAsync($"/leads/{lead.Id}");
        Assert.Contains($"href=\"/activities/{mine.Activity}\"", page);
        Assert.Contains($"LK-{u}-220302", page);
        Assert.Contains($"href=\"/events/{mine.Event}\"", page);
        Assert.Contains($"href=\"/agencies/{mine.Agency}\"", page);
        foreach (var (url, testId, name) in new[]
        {
            ($"/activities/{mine.Activity}", "activity-leads", form.Name), ($"/events/{mine.Event}", "event-leads", form.Name),
            ($"/agencies/{mine.Agency}", "agency-leads", form.Name), ($"/workstations/{mine.Station}", "workstation-leads", station.Name),
        })
        {
            var html = await tiexi.GetStringAsync(url);
            Assert.Contains($"data-testid=\"{testId}\"", html);
            Assert.Contains(name, html);
            Assert.Contains("共1条线索，其中0条已转为项目。", html);
        }
        Assert.Contains($"href=\"/leads/new?activity={mine.Activity}\"", await tiexi.GetStringAsync($"/activities/{mine.Activity}"));
        // The form opened from the activity has it picked, with the activity's unit.
        Assert.Contains($"LK-{u}-220302", await tiexi.GetStringAsync($"/leads/new?activity={mine.Activity}"));
        // Another unit sees neither the lead on its records nor the lead itself.
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.GetAsync($"/api/leads/{lead.Id}")).StatusCode);
        Assert.Contains("暂无线索。", await lishu.GetStringAsync($"/activities/{theirs.Activity}"));

        // Deleting the agency keeps the lead and forgets the agency (ON DELETE SET NULL, triggers on SQLite).
        await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().InvestmentAgencies.Where(a => a.Id == mine.Agency).ExecuteDeleteAsync());
        Assert.Null(await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Leads.Where(l => l.Id == lead.Id).Select(l => l.AgencyId).SingleAsync()));
        // A lead cannot name a record that does not exist, even written past the service.
        await Assert.ThrowsAnyAsync<Exception>(() => App.AsSystemAsync(sp =>
            sp.GetRequiredService<AppDbContext>().Leads.Where(l => l.Id == lead.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.OriginEventId, int.MaxValue))));
    }

    [Fact]
    public async Task The_company_page_lists_its_leads_activities_events_and_projects_of_the_users_scope_only()
    {
        var (tiexi, lishu) = (await ClientAsync("tiexi"), await ClientAsync("lishu"));
        var u = AdminTestSupport.Unique();
        var form = await FormAsync("铁西区", $"公司页{u}股份有限公司", null);
        var lead = (await (await tiexi.PostAsJsonAsync("/api/leads", form)).Content.ReadFromJsonAsync<LeadDetail>(Json))!;
        var project = await App.AddProjectAsync(lead.CompanyId, "220302");
        var foreignProject = await App.AddProjectAsync(lead.CompanyId, "220322");
        // Counterparts naming the company otherwise written (the normalised name), and an activity linked only by its project.
        var mine = await RecordsAsync("220302", u, $"公司页{u}（集团）有限公司", project.Id);
        var theirs = await RecordsAsync("220322", u, $"公司页{u}", foreignProject.Id);
        var byProject = await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var unit = await db.Units.Where(x => x.Code == "220302").Select(x => x.Id).SingleAsync();
            var now = DateTimeOffset.UtcNow;
            var a = new Activity { Code = $"LKP-{u}", Kind = ActivityKind.Inbound, StartOn = new DateOnly(2026, 5, 1), UnitId = unit, CreatedAt = now, UpdatedAt = now };
            db.Activities.Add(a);
            await db.SaveChangesAsync();
            db.ActivityProjects.Add(new ActivityProject { ActivityId = a.Id, ProjectId = project.Id, UnitId = unit });
            await db.SaveChangesAsync();
            return a.Id;
        });
        var unrelated = await RecordsAsync("220302", u + "x", "另一家公司", null);

        var html = await tiexi.GetStringAsync($"/companies/{lead.CompanyId}");
        Assert.Contains($"href=\"/leads/{lead.Id}\"", html);
        Assert.Contains($"href=\"/activities/{mine.Activity}\"", html);
        Assert.Contains($"href=\"/activities/{byProject}\"", html);
        Assert.Contains($"href=\"/events/{mine.Event}\"", html);
        Assert.Contains("12,345.00", html);
        Assert.Contains($"href=\"/projects/{project.Id}\"", html);
        foreach (var hidden in new[] { $"/activities/{theirs.Activity}\"", $"/events/{theirs.Event}\"", $"/projects/{foreignProject.Id}\"", $"/activities/{unrelated.Activity}\"", $"/events/{unrelated.Event}\"" })
            Assert.DoesNotContain(hidden, html);

        // The other county sees its own records of the company, and not tiexi's lead.
        var other = await lishu.GetStringAsync($"/companies/{lead.CompanyId}");
        Assert.Contains($"href=\"/activities/{theirs.Activity}\"", other);
        Assert.Contains($"href=\"/events/{theirs.Event}\"", other);
        Assert.DoesNotContain($"href=\"/leads/{lead.Id}\"", other);
        Assert.DoesNotContain($"/activities/{mine.Activity}\"", other);
    }
}

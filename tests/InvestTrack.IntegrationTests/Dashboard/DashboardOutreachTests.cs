using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Activities;
using InvestTrack.Features.Dashboard;
using InvestTrack.Features.Leads;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Kernel;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvestTrack.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard's lead and activity figures on a hand-built set in 2086 (and 2085), a year no other data uses: a county
/// user counts the own unit only, the city both; each figure's drill-down lists exactly its records; the overdue and big
/// figures are the leads feature's own (LeadReads.FiguresAsync), "now", so they are checked as differences; the activity
/// counts equal the activity sentence's; the figures are cached, and a new lead and activity move the data version, so they show at once.
/// </summary>
public abstract class DashboardOutreachTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private const int Year = 2086;

    private Task<OutreachFigures> FiguresAs(string user, int year, int? unitId = null) => App.AsUserAsync(user, async sp =>
        (await sp.GetRequiredService<DashboardService>().ComputeAsync(year, 6, unitId)).Figures!.Outreach!);

    private Task<LeadFigures> LeadFiguresAs(string user, int? unitId) => App.AsUserAsync(user, sp =>
        sp.GetRequiredService<LeadReads>().FiguresAsync(unitId));

    private Task<OutreachLeadPage> LeadsAs(string user, LeadDrillKind kind, int year = Year) => App.AsUserAsync(user, async sp =>
        (await sp.GetRequiredService<DashboardService>().LeadsAsync(kind, year, 6, null, 1, 500)).Result!);

    private Task<int> LeadAsync(DashboardSeed unit, int company, DateOnly registered, decimal wan, bool overdue = false, int? projectId = null) =>
        App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var u = AdminTestSupport.Unique();
            var lead = new Lead
            {
                UnitId = unit.UnitId, Name = $"看板线索{u}", InvestorKey = $"看板线索投资方{u}", CompanyId = company, IndustrySectionCode = "C",
                SourceKind = LeadSourceKind.Squad, EstimatedInvestment = (long)(wan * Money.HundredthsPerWan), RegisteredOn = registered, LastProgressOn = registered,
                RegisteredAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, ProjectId = projectId,
                Status = projectId is null ? LeadStatus.Pursuing : LeadStatus.Converted,
            };
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
            if (overdue)
            {
                db.LeadClocks.Add(new LeadClock { LeadId = lead.Id, UnitId = unit.UnitId, Kind = LeadClockKind.Assess, StartedOn = new DateOnly(2020, 1, 1), DueOn = new DateOnly(2020, 1, 6) });
                await db.SaveChangesAsync();
            }
            return lead.Id;
        });

    private Task<int> ActivityAsync(DashboardSeed unit, ActivityKind kind, DateOnly start) => App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var activity = new Activity { Code = $"DA{AdminTestSupport.Unique()}", Kind = kind, StartOn = start, UnitId = unit.UnitId, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return activity.Id;
    });

    [Fact]
    public async Task County_and_city_figures_their_records_and_the_activity_sentence_agree()
    {
        var tiexi = await DashboardSeed.DemoUnitAsync(App, "220302");
        var tiedong = await DashboardSeed.DemoUnitAsync(App, "220303");
        var company = await tiexi.CompanyAsync(provinceCode: "370000");
        var project = await tiexi.ProjectAsync(company, 1000m);
        var (tiexiBefore, cityBefore) = (await FiguresAs("tiexi", Year), await FiguresAs("city", Year));

        // 铁西: two in months 1–6 (one converted; one big with an overdue clock), one in August, one last year. 铁东: one big, overdue.
        var converted = await LeadAsync(tiexi, company, new DateOnly(Year, 2, 1), 800m, projectId: project);
        var bigOverdue = await LeadAsync(tiexi, company, new DateOnly(Year, 6, 30), 50_000m, overdue: true);
        await LeadAsync(tiexi, company, new DateOnly(Year, 7, 1), 100m);
        var lastYear = await LeadAsync(tiexi, company, new DateOnly(Year - 1, 3, 1), 100m);
        var foreign = await LeadAsync(tiedong, company, new DateOnly(Year, 4, 1), 60_000m, overdue: true);
        await ActivityAsync(tiexi, ActivityKind.Outbound, new DateOnly(Year, 3, 1));
        await ActivityAsync(tiexi, ActivityKind.Outbound, new DateOnly(Year, 6, 30));
        await ActivityAsync(tiexi, ActivityKind.Inbound, new DateOnly(Year, 5, 1));
        await ActivityAsync(tiexi, ActivityKind.Outbound, new DateOnly(Year, 7, 1));
        await ActivityAsync(tiexi, ActivityKind.Inbound, new DateOnly(Year - 1, 1, 31));
        await ActivityAsync(tiedong, ActivityKind.Outbound, new DateOnly(Year, 1, 10));

        // Read right after the writes, with the funds figures cached before them: nothing waits for a data version.
        var t = await FiguresAs("tiexi", Year);
        Assert.Equal((2, 1, 1, 50.00m), (t.NewLeads, t.NewLeadsLastYear, t.Converted, t.ConversionRate));
        Assert.Equal((2, 1, 0, 1), (t.Outbound, t.Inbound, t.OutboundLastYear, t.InboundLastYear));
        Assert.Equal((tiexiBefore.OverdueClocks + 1, tiexiBefore.LeadsWithOverdueClocks + 1, tiexiBefore.BigLeads + 1), (t.OverdueClocks, t.LeadsWithOverdueClocks, t.BigLeads));
        var c = await FiguresAs("city", Year);
        Assert.Equal((3, 1, 1, 33.33m), (c.NewLeads, c.NewLeadsLastYear, c.Converted, c.ConversionRate));
        Assert.Equal((3, 1), (c.Outbound, c.Inbound));
        Assert.Equal((cityBefore.OverdueClocks + 2, cityBefore.LeadsWithOverdueClocks + 2, cityBefore.BigLeads + 2), (c.OverdueClocks, c.LeadsWithOverdueClocks, c.BigLeads));
        // The city looking at one county sees the county's figures.
        Assert.Equal((2, 1, 50.00m), await FiguresAs("city", Year, tiexi.UnitId) is var one ? (one.NewLeads, one.Converted, one.ConversionRate) : default);

        // The leads feature's figures, the same ones.
        foreach (var (user, figures) in new[] { ("tiexi", t), ("city", c) })
        {
            var leads = await LeadFiguresAs(user, null);
            Assert.Equal((leads.OverdueClocks, leads.LeadsWithOverdueClocks, leads.BigLeads), (figures.OverdueClocks, figures.LeadsWithOverdueClocks, figures.BigLeads));
        }

        // Drill-down: exactly the records behind each figure.
        Assert.Equal([bigOverdue, converted], (await LeadsAs("tiexi", LeadDrillKind.New)).Rows.Select(r => r.Id));
        Assert.Equal([lastYear], (await LeadsAs("tiexi", LeadDrillKind.New, Year - 1)).Rows.Select(r => r.Id));
        Assert.Equal([bigOverdue, foreign, converted], (await LeadsAs("city", LeadDrillKind.New)).Rows.Select(r => r.Id));
        Assert.Equal([converted], (await LeadsAs("tiexi", LeadDrillKind.Converted)).Rows.Select(r => r.Id));
        foreach (var (user, figures) in new[] { ("tiexi", t), ("city", c) })
        {
            var overdue = await LeadsAs(user, LeadDrillKind.Overdue);
            var big = await LeadsAs(user, LeadDrillKind.Big);
            Assert.Equal((figures.LeadsWithOverdueClocks, figures.BigLeads), (overdue.Count, big.Count));
            Assert.Equal(figures.OverdueClocks, overdue.Rows.Sum(r => r.OverdueClocks));
            Assert.Contains(overdue.Rows, r => r.Id == bigOverdue);
            Assert.Contains(big.Rows, r => r.Id == bigOverdue);
            Assert.Equal(user == "city", overdue.Rows.Any(r => r.Id == foreign));
            Assert.Equal(user == "city", big.Rows.Any(r => r.Id == foreign));
        }
        var row = (await LeadsAs("tiexi", LeadDrillKind.Converted)).Rows.Single();
        Assert.Equal(("铁西区", project, 800m, LeadStatus.Converted), (row.UnitName, row.ProjectId, row.EstimatedInvestmentWan, row.Status));

        // The activity sentence's own counts for the same months and scope.
        foreach (var (user, figures) in new[] { ("tiexi", t), ("city", c) })
        {
            var report = await App.AsUserAsync(user, sp => sp.GetRequiredService<ActivityReport>().ComputeAsync(Year, 1, 6, null, null, records: false));
            Assert.Equal((report.Report!.Figures.Outbound, report.Report.Figures.Inbound), (figures.Outbound, figures.Inbound));
        }

        // Over HTTP: the API carries the figures; a foreign unit is 404; the page renders them with their links.
        var client = await App.SignInAsync("tiexi");
        client.DefaultRequestHeaders.Add("X-Requested-With", "InvestTrack");
        var api = JsonDocument.Parse(await client.GetStringAsync($"/api/dashboard?year={Year}&month=6")).RootElement.GetProperty("outreach");
        Assert.Equal((2, 50.00m, 2), (api.GetProperty("newLeads").GetInt32(), api.GetProperty("conversionRate").GetDecimal(), api.GetProperty("outbound").GetInt32()));
        var drill = JsonDocument.Parse(await client.GetStringAsync($"/api/dashboard/leads?kind=New&year={Year}&month=6")).RootElement;
        Assert.Equal([bigOverdue, converted], drill.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"/api/dashboard/leads?kind=New&year={Year}&month=6&unitId={tiedong.UnitId}")).StatusCode);
        var html = await client.GetStringAsync($"/dashboard?year={Year}&month=6");
        Assert.Contains("新登记线索", html);
        Assert.Contains("50.00%", html);
        Assert.Contains("走出去2次，请进来1次", html);
        Assert.Contains($"/dashboard/leads?kind=New&amp;year={Year}&amp;month=6&amp;unit={tiexi.UnitId}", html);
        Assert.Contains($"/reports/activities?year={Year}&amp;from=1&amp;to=6&amp;unit={tiexi.UnitId}", html);
        var page = await client.GetStringAsync($"/dashboard/leads?kind=New&year={Year}&month=6");
        Assert.Contains("期内新登记线索", page);
        // The table's rows come from the server once the circuit runs (checked above through the same service); the count is prerendered.
        Assert.Contains("共2条线索", page);
    }

    [Fact]
    public async Task No_leads_in_the_period_gives_no_rate_and_says_so()
    {
        var f = await FiguresAs("tiexi", 2084);
        Assert.Equal((0, 0, (decimal?)null), (f.NewLeads, f.Converted, f.ConversionRate));
        Assert.Equal([0.13m, 33.33m, 66.67m, 100.00m], new[] { (1, 800), (1, 3), (2, 3), (5, 5) }.Select(x => DashboardOutreach.Rate(x.Item1, x.Item2)!.Value));
        foreach (var (culture, text) in new[] { ("zh-CN", "期内没有登记线索，无转化率"), ("en", "No leads registered in the period: no conversion rate") })
        {
            // The app takes the language from its culture cookie only.
            var cookies = new System.Net.CookieContainer();
            var client = App.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
            Assert.Equal(System.Net.HttpStatusCode.Redirect, (await TestApp.PostLoginAsync(client, "tiexi", TestApp.Password)).StatusCode);
            cookies.Add(client.BaseAddress!, new System.Net.Cookie(".AspNetCore.Culture", Uri.EscapeDataString($"c={culture}|uic={culture}")));
            var html = await client.GetStringAsync("/dashboard?year=2084&month=6");
            Assert.Contains(text, html);
            Assert.Contains("data-testid=\"outreach-conversion-none\"", html);
            Assert.DoesNotContain("outreach-conversion-value", html);
        }
    }
}

public sealed class PostgresDashboardOutreachTests(PostgresFixture fixture) : DashboardOutreachTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteDashboardOutreachTests(SqliteFixture fixture) : DashboardOutreachTests(fixture), IClassFixture<SqliteFixture>;

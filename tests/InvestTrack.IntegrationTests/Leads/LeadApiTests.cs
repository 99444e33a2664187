using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Leads;
using InvestTrack.Features.Network;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Funds;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Leads;

/// <summary>
/// Leads over HTTP on both databases: the protection across two counties (the refusal names the holder unit and
/// nothing else), the city's arbitration, conversion (twice refused), foreign ids, bad input, the source yield.
/// </summary>
public abstract partial class LeadApiTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<HttpClient> ClientAsync(string userName)
    {
        var client = await App.SignInAsync(userName);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return client;
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private Task<int> UnitAsync(string name) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Name == name).Select(u => u.Id).SingleAsync());

    private Task<int> CountAsync<T>() where T : class => App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Set<T>().IgnoreQueryFilters().CountAsync());

    private static string NewCreditCode()
    {
        var digits = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);
        var first17 = "9122030" + digits;
        return first17 + CreditCode.CheckCharacterFor(first17);
    }

    private async Task<LeadForm> FormAsync(string unit, string investor, string? code, string section = "C") => new()
    {
        UnitId = await UnitAsync(unit), Name = $"{investor}新能源项目", SourceKind = LeadSourceKind.ViaInvestor, Referrer = "王会长",
        InvestorName = investor, InvestorCreditCode = code, InvestorOrigin = "广东省深圳市", IndustrySectionCode = section,
        EstimatedInvestmentWan = 60_000.5m, Description = "机密：拟在东北布局电池基地",
    };

    [Fact]
    public async Task A_second_county_is_refused_with_the_holder_unit_only_and_the_city_arbitrates()
    {
        var (tiexi, lishu, city) = (await ClientAsync("tiexi"), await ClientAsync("lishu"), await ClientAsync("city"));
        var u = AdminTestSupport.Unique();
        var code = NewCreditCode();
        var created = await tiexi.PostAsJsonAsync("/api/leads", await FormAsync("铁西区", $"华鼎{u}股份有限公司", code));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var lead = (await created.Content.ReadFromJsonAsync<LeadDetail>(Json))!;
        Assert.Equal((LeadStatus.Registered, 60_000.5m, true, true), (lead.Status, lead.EstimatedInvestmentWan, lead.Big, lead.Protected));
        Assert.Equal([LeadClockKind.Assess, LeadClockKind.AnswerReferrer, LeadClockKind.Progress], lead.Clocks.Select(c => c.Kind).Order());
        Assert.Equal(code, lead.InvestorCreditCode);
        // The investor went into the company directory.
        Assert.Equal(code, await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Companies.Where(c => c.Id == lead.CompanyId).Select(c => c.CreditCode).SingleAsync()));

        var (leads, conflicts, companies) = (await CountAsync<Lead>(), await CountAsync<LeadConflict>(), await CountAsync<Company>());
        // Same credit code, another name; then the same name written otherwise, without a code.
        foreach (var attempt in new[] { await FormAsync("梨树县", $"另一家{u}公司", code), await FormAsync("梨树县", $"华鼎{u}（集团）有限公司", null) })
        {
            var refused = await lishu.PostAsJsonAsync("/api/leads", attempt);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var text = await refused.Content.ReadAsStringAsync();
            var problem = await BodyAsync(refused);
            Assert.Equal("铁西区", problem.GetProperty("holderUnit").GetString());
            Assert.Contains("“铁西区”报备", problem.GetProperty("detail").GetString());
            // Nothing else of the other unit's lead: not its name, description, owner, amount or id.
            foreach (var secret in new[] { lead.Name, "机密", lead.OwnerName!, "60000", $"/leads/{lead.Id}" }) Assert.DoesNotContain(secret, text);
        }
        Assert.Equal((leads, conflicts + 2, companies), (await CountAsync<Lead>(), await CountAsync<LeadConflict>(), await CountAsync<Company>()));

        // The same unit again: a duplicate. Another industry section: allowed.
        var duplicate = await tiexi.PostAsJsonAsync("/api/leads", await FormAsync("铁西区", $"华鼎{u}股份有限公司", null));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("本单位已报备", (await BodyAsync(duplicate)).GetProperty("detail").GetString());
        var otherIndustry = await lishu.PostAsJsonAsync("/api/leads", await FormAsync("梨树县", $"华鼎{u}股份有限公司", code, "I"));
        Assert.Equal(HttpStatusCode.Created, otherIndustry.StatusCode);

        // Another unit's lead answers as a missing one, for reads and writes.
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.GetAsync($"/api/leads/{lead.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.PostAsJsonAsync($"/api/leads/{lead.Id}/status", new LeadStatusCommand { ToStatus = LeadStatus.Assessing, Version = lead.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new LeadConvertCommand { Version = lead.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lishu.GetAsync("/api/leads/conflicts")).StatusCode);

        // The city sees the conflicts and shares the first: 梨树县 may now register the investor too.
        var open = (await city.GetFromJsonAsync<List<ConflictRow>>("/api/leads/conflicts?open=true", Json))!.Where(c => c.HolderLeadId == lead.Id).ToList();
        Assert.Equal(2, open.Count);
        Assert.All(open, c => Assert.Equal(("铁西区", "梨树县"), (c.HolderUnit, c.RequestingUnit)));
        var share = await city.PostAsJsonAsync($"/api/leads/conflicts/{open[0].Id}", new ArbitrationCommand { Resolution = ConflictResolution.Shared, Version = open[0].Version });
        Assert.Equal(HttpStatusCode.OK, share.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await lishu.PostAsJsonAsync("/api/leads", await FormAsync("梨树县", $"华鼎{u}股份有限公司", code))).StatusCode);
        var again = await city.PostAsJsonAsync($"/api/leads/conflicts/{open[0].Id}", new ArbitrationCommand { Resolution = ConflictResolution.Released, Version = open[0].Version + 1 });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        // Assign: the lead moves to 梨树县, with its clocks; 铁西区 no longer sees it.
        var assign = await city.PostAsJsonAsync($"/api/leads/conflicts/{open[1].Id}", new ArbitrationCommand
        {
            Resolution = ConflictResolution.Assigned, AssignToUnitId = await UnitAsync("梨树县"), Version = open[1].Version,
        });
        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        var moved = (await lishu.GetFromJsonAsync<LeadDetail>($"/api/leads/{lead.Id}", Json))!;
        Assert.Equal(("梨树县", (string?)null), (moved.UnitName, moved.OwnerName));
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync($"/api/leads/{lead.Id}")).StatusCode);
        Assert.Equal(3, await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().LeadClocks.CountAsync(c => c.LeadId == lead.Id && c.UnitId == moved.UnitId)));
    }

    [Fact]
    public async Task Two_units_registering_one_investor_at_the_same_instant_get_one_lead_and_one_refusal()
    {
        var (tiexi, lishu) = (await ClientAsync("tiexi"), await ClientAsync("lishu"));
        for (var round = 0; round < 6; round++)
        {
            // By name in even rounds, by credit code (different spellings of the name) in odd ones.
            var (investor, code) = ($"同刻{AdminTestSupport.Unique()}有限公司", round % 2 == 1 ? NewCreditCode() : null);
            var (a, b) = (await FormAsync("铁西区", investor, code), await FormAsync("梨树县", code is null ? investor : investor + "（分公司）", code));
            var answers = await Task.WhenAll(tiexi.PostAsJsonAsync("/api/leads", a), lishu.PostAsJsonAsync("/api/leads", b));
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(r => r.StatusCode).Order());
            var leads = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Leads.IgnoreQueryFilters()
                .CountAsync(l => l.InvestorKey == CompanyNames.Key(investor) || (code != null && l.InvestorCreditCode == code)));
            Assert.Equal(1, leads);
        }
    }

    [Fact]
    public async Task Release_ends_the_protection()
    {
        var (tiexi, lishu, city) = (await ClientAsync("tiexi"), await ClientAsync("lishu"), await ClientAsync("city"));
        var investor = $"松江{AdminTestSupport.Unique()}有限公司";
        var held = (await (await tiexi.PostAsJsonAsync("/api/leads", await FormAsync("铁西区", investor, null))).Content.ReadFromJsonAsync<LeadDetail>(Json))!;
        Assert.Equal(HttpStatusCode.Conflict, (await lishu.PostAsJsonAsync("/api/leads", await FormAsync("梨树县", investor, null))).StatusCode);
        var conflict = (await city.GetFromJsonAsync<List<ConflictRow>>("/api/leads/conflicts", Json))!.Single(c => c.HolderLeadId == held.Id);
        Assert.Equal(HttpStatusCode.OK, (await city.PostAsJsonAsync($"/api/leads/conflicts/{conflict.Id}",
            new ArbitrationCommand { Resolution = ConflictResolution.Released, Version = conflict.Version })).StatusCode);
        Assert.False((await tiexi.GetFromJsonAsync<LeadDetail>($"/api/leads/{held.Id}", Json))!.Protected);
        Assert.Equal(HttpStatusCode.Created, (await lishu.PostAsJsonAsync("/api/leads", await FormAsync("梨树县", investor, null))).StatusCode);
    }

    [Fact]
    public async Task A_lead_converts_once_into_a_project_that_links_back()
    {
        var tiexi = await ClientAsync("tiexi");
        var lead = (await (await tiexi.PostAsJsonAsync("/api/leads", await FormAsync("铁西区", $"长白{AdminTestSupport.Unique()}有限公司", null))).Content.ReadFromJsonAsync<LeadDetail>(Json))!;
        var assessing = await tiexi.PostAsJsonAsync($"/api/leads/{lead.Id}/status", new LeadStatusCommand { ToStatus = LeadStatus.Assessing, Version = lead.Version });
        Assert.Equal(HttpStatusCode.OK, assessing.StatusCode);
        var after = (await assessing.Content.ReadFromJsonAsync<LeadDetail>(Json))!;
        Assert.Equal(ClockState.Met, after.Clocks.Single(c => c.Kind == LeadClockKind.Assess).State);
        var progress = await tiexi.PostAsJsonAsync($"/api/leads/{lead.Id}/progress", new LeadProgressForm { OccurredOn = lead.RegisteredOn, Note = "赴深圳拜访", ReferrerAnswered = true });
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        after = (await progress.Content.ReadFromJsonAsync<LeadDetail>(Json))!;
        Assert.Equal(2, after.Clocks.Count(c => c.Kind == LeadClockKind.Progress));
        Assert.Equal("赴深圳拜访", Assert.Single(after.Progress).Note);

        var converted = await tiexi.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new LeadConvertCommand { Version = after.Version });
        Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
        var done = (await converted.Content.ReadFromJsonAsync<LeadDetail>(Json))!;
        Assert.Equal(LeadStatus.Converted, done.Status);
        var project = await App.ProjectAsync(done.ProjectId!.Value);
        Assert.Equal((lead.Name, lead.CompanyId, lead.UnitId, "C", 6_000_050L, "以商招商：王会长", (int?)lead.Id),
            (project.Name, project.CompanyId, project.UnitId, project.IndustrySectionCode, project.PlannedInvestment, project.LeadSource, project.LeadId));
        Assert.Equal(project.Code, done.ProjectCode);
        Assert.All(done.Clocks, c => Assert.NotEqual(ClockState.Running, c.State));

        var projects = await CountAsync<Features.Projects.Project>();
        var twice = await tiexi.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new LeadConvertCommand { Version = done.Version });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains($"已转为项目（项目编号 {project.Code}）", (await BodyAsync(twice)).GetProperty("detail").GetString());
        Assert.Equal(projects, await CountAsync<Features.Projects.Project>());
        // The project's page names its lead and source.
        var page = await (await App.SignInAsync("tiexi")).GetStringAsync($"/projects/{project.Id}");
        Assert.Contains($"/leads/{lead.Id}", page);
    }

    [Fact]
    public async Task Bad_input_names_the_fields_and_writes_nothing()
    {
        var tiexi = await ClientAsync("tiexi");
        var form = await FormAsync("铁西区", $"坏数据{AdminTestSupport.Unique()}公司", "91220300MA00000001");
        form.EstimatedInvestmentWan = -1;
        form.IndustrySectionCode = "Z";
        form.Name = " ";
        form.SourceKind = null;
        var (leads, companies) = (await CountAsync<Lead>(), await CountAsync<Company>());
        var response = await tiexi.PostAsJsonAsync("/api/leads", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await BodyAsync(response)).GetProperty("errors");
        string Error(string field) => errors.EnumerateObject().Single(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase)).Value[0].GetString()!;
        Assert.Equal("预计投资（万元）不能为负数。", Error(nameof(LeadForm.EstimatedInvestmentWan)));
        Assert.Equal("请填写线索名称。", Error(nameof(LeadForm.Name)));
        Assert.Equal("请填写线索来源。", Error(nameof(LeadForm.SourceKind)));
        Assert.Contains("行业门类“Z”不存在", Error(nameof(LeadForm.IndustrySectionCode)));
        Assert.Equal((leads, companies), (await CountAsync<Lead>(), await CountAsync<Company>()));

        var lead = (await (await tiexi.PostAsJsonAsync("/api/leads", await FormAsync("铁西区", $"好数据{AdminTestSupport.Unique()}公司", null))).Content.ReadFromJsonAsync<LeadDetail>(Json))!;
        var abandon = await tiexi.PostAsJsonAsync($"/api/leads/{lead.Id}/status", new LeadStatusCommand { ToStatus = LeadStatus.Abandoned, Version = lead.Version });
        Assert.Equal("请填写原因。", (await BodyAsync(abandon)).GetProperty("errors").GetProperty("Reason")[0].GetString());
        var jump = await tiexi.PostAsJsonAsync($"/api/leads/{lead.Id}/status", new LeadStatusCommand { ToStatus = LeadStatus.Pursuing, Version = lead.Version });
        Assert.Contains("不能从“新登记”改为“跟进中”", (await BodyAsync(jump)).GetProperty("detail").GetString());
        var stale = await tiexi.PostAsJsonAsync($"/api/leads/{lead.Id}/status", new LeadStatusCommand { ToStatus = LeadStatus.Assessing, Version = lead.Version + 5 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var noHeader = await App.SignInAsync("tiexi");
        Assert.Equal(HttpStatusCode.BadRequest, (await noHeader.PostAsJsonAsync("/api/leads", await FormAsync("铁西区", $"无头{AdminTestSupport.Unique()}公司", null))).StatusCode);
        Assert.Equal(LeadStatus.Registered, (await tiexi.GetFromJsonAsync<LeadDetail>($"/api/leads/{lead.Id}", Json))!.Status);
    }

    [Fact]
    public async Task The_pages_render_with_the_demo_leads()
    {
        var city = await App.SignInAsync("city");
        var list = await city.GetStringAsync("/leads?overdue=true");
        Assert.Contains("玉米深加工扩能项目", list);
        Assert.Contains("lead-overdue", list);
        var demo = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Leads.Where(l => l.Name == "新能源电池材料生产基地").Select(l => l.Id).SingleAsync());
        var detail = await city.GetStringAsync($"/leads/{demo}");
        Assert.Contains("深圳吉林商会 周会长", detail);
        Assert.Contains("lead-clocks", detail);
        Assert.Contains("国庆节", await city.GetStringAsync("/leads/holidays?year=2026"));
        Assert.Contains("lead-save", await city.GetStringAsync("/leads/new"));
        Assert.Contains("yield-table", await city.GetStringAsync("/leads/yield"));
        Assert.Contains("clock-rules", await city.GetStringAsync("/leads/clock-rules"));
        Assert.Contains("撞车协调", await city.GetStringAsync("/leads/conflicts"));
        var tiexi = await App.SignInAsync("tiexi");
        Assert.Contains("新能源电池材料生产基地", await tiexi.GetStringAsync("/leads/mine"));
        Assert.DoesNotContain("风电装备制造项目", await tiexi.GetStringAsync("/leads"));
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync($"/leads/{await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Leads.Where(l => l.Name == "风电装备制造项目").Select(l => l.Id).SingleAsync())}")).StatusCode);
        // A demo project converted from a lead names it on its page.
        var linked = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.Where(p => p.LeadId != null).Select(p => p.Id).FirstAsync());
        Assert.Contains("project-lead", await city.GetStringAsync($"/projects/{linked}"));
    }

    [Fact]
    public async Task Source_yield_on_a_hand_built_set()
    {
        const string zone = "梨树经济开发区";
        var client = await ClientAsync("lishuzone");
        var city = await ClientAsync("city");
        var zoneId = await UnitAsync(zone);
        async Task<LeadDetail> RegisterAsync(LeadSourceKind source, string? referrer, int? workstation)
        {
            var form = await FormAsync(zone, $"收益{AdminTestSupport.Unique()}公司", null);
            (form.SourceKind, form.Referrer, form.WorkstationId) = (source, referrer, workstation);
            var response = await client.PostAsJsonAsync("/api/leads", form);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<LeadDetail>(Json))!;
        }
        async Task<int> ConvertAsync(LeadDetail lead) =>
            (await (await client.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new LeadConvertCommand { Version = lead.Version })).Content.ReadFromJsonAsync<LeadDetail>(Json))!.ProjectId!.Value;

        var a = await RegisterAsync(LeadSourceKind.Squad, null, null);
        // A workstation of the zone: Lead.WorkstationId is a real reference, given only with the source 人才工作站.
        var station = await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var w = new InvestTrack.Features.Network.TalentWorkstation { UnitId = zoneId, Name = $"收益工作站{AdminTestSupport.Unique()}", Place = "北京市", CreatedAt = DateTimeOffset.UtcNow };
            db.TalentWorkstations.Add(w);
            await db.SaveChangesAsync();
            return w.Id;
        });
        var b = await RegisterAsync(LeadSourceKind.Workstation, null, station);
        var c = await RegisterAsync(LeadSourceKind.Fair, "广交会", null);
        var (pa, pc) = (await ConvertAsync(a), await ConvertAsync(c));
        var d = await RegisterAsync(LeadSourceKind.Squad, null, null);
        var pd = await ConvertAsync(d);
        // A signed 60 days after its registration, D 91 days after; A has audited funds in two years, and a returned record.
        await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.Leads.Where(l => l.Id == a.Id || l.Id == d.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.RegisteredOn, new DateOnly(2026, 1, 1)));
            await db.Projects.Where(p => p.Id == pa).ExecuteUpdateAsync(s => s.SetProperty(p => p.SignedOn, new DateOnly(2026, 3, 2)).SetProperty(p => p.ContractedInvestment, 123_456L));
            await db.Projects.Where(p => p.Id == pd).ExecuteUpdateAsync(s => s.SetProperty(p => p.SignedOn, new DateOnly(2026, 4, 2)).SetProperty(p => p.ContractedInvestment, 1L));
            return 0;
        });
        await App.InsertFundsAsync(pa, zoneId, 2025, 12, 100m, FundsAuditStatus.Audited, OriginClass.OtherProvince);
        await App.InsertFundsAsync(pa, zoneId, 2026, 3, 150.25m, FundsAuditStatus.Audited, OriginClass.InProvince);
        await App.InsertFundsAsync(pa, zoneId, 2026, 4, 999m, FundsAuditStatus.Returned, OriginClass.InProvince);

        var rows = (await city.GetFromJsonAsync<YieldPage>($"/api/leads/yield?unitId={zoneId}", Json))!.Rows;
        Assert.Equal([LeadSourceKind.Squad, LeadSourceKind.Fair, LeadSourceKind.Workstation], rows.Select(r => r.Source));
        Assert.Equal(new YieldRow(LeadSourceKind.Squad, null, null, 2, 2, 2, 123_457, 25_025, 75.5), rows[0]);
        Assert.Equal(new YieldRow(LeadSourceKind.Fair, null, null, 1, 1, 0, 0, 0, null), rows[1]);
        Assert.Equal(new YieldRow(LeadSourceKind.Workstation, null, null, 1, 0, 0, 0, 0, null), rows[2] with { WorkstationName = null });
        var referrers = (await city.GetFromJsonAsync<YieldPage>($"/api/leads/yield?by=Referrer&unitId={zoneId}", Json))!;
        Assert.Equal(new YieldRow(LeadSourceKind.Fair, "广交会", null, 1, 1, 0, 0, 0, null), Assert.Single(referrers.Rows));
        Assert.Equal(1, referrers.Total);
        var stations = (await city.GetFromJsonAsync<YieldPage>($"/api/leads/yield?by=Workstation&unitId={zoneId}", Json))!.Rows;
        Assert.Equal(new YieldRow(null, null, station, 1, 0, 0, 0, 0, null), Assert.Single(stations) with { WorkstationName = null });

        // The referrer ranking is paged in SQL: the total, the order (projects, then leads, then kind and name), page 2.
        await RegisterAsync(LeadSourceKind.Other, "乙协会", null);
        await RegisterAsync(LeadSourceKind.Chamber, "甲商会", null);
        await RegisterAsync(LeadSourceKind.Chamber, "甲商会", null);
        await RegisterAsync(LeadSourceKind.Agency, "乙协会", null);
        var first = (await city.GetFromJsonAsync<YieldPage>($"/api/leads/yield?by=Referrer&unitId={zoneId}&pageSize=2", Json))!;
        Assert.Equal((4, 1, 2), (first.Total, first.Page, first.PageSize));
        Assert.Equal([("广交会", 1), ("甲商会", 2)], first.Rows.Select(r => (r.Referrer!, r.Leads)));
        var second = (await city.GetFromJsonAsync<YieldPage>($"/api/leads/yield?by=Referrer&unitId={zoneId}&pageSize=2&page=2", Json))!;
        Assert.Equal(4, second.Total);
        Assert.Equal([new YieldRow(LeadSourceKind.Agency, "乙协会", null, 1, 0, 0, 0, 0, null), new YieldRow(LeadSourceKind.Other, "乙协会", null, 1, 0, 0, 0, 0, null)],
            second.Rows);

        // A workstation row names the workstation (joined by its id).
        var named = await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var w = new TalentWorkstation { UnitId = zoneId, Name = $"梨树驻京人才工作站{AdminTestSupport.Unique()}", Place = "北京市", CreatedAt = DateTimeOffset.UtcNow };
            db.TalentWorkstations.Add(w);
            await db.SaveChangesAsync();
            return w;
        });
        var stationLead = await RegisterAsync(LeadSourceKind.Workstation, null, named.Id);
        var signedStation = await ConvertAsync(stationLead);
        await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.Leads.Where(l => l.Id == stationLead.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.RegisteredOn, new DateOnly(2026, 1, 1)));
            return await db.Projects.Where(p => p.Id == signedStation).ExecuteUpdateAsync(s => s.SetProperty(p => p.SignedOn, new DateOnly(2026, 1, 11)));
        });
        var ranked = (await city.GetFromJsonAsync<YieldPage>($"/api/leads/yield?by=Workstation&unitId={zoneId}", Json))!.Rows;
        Assert.Equal(new YieldRow(null, null, named.Id, 1, 1, 1, 0, 0, 10, named.Name), ranked[0]);
        Assert.Contains(named.Name, await city.GetStringAsync("/api/leads/yield/export?by=Workstation&format=csv"));
        _ = pc;

        var csv = await city.GetStringAsync("/api/leads/yield/export?format=csv");
        Assert.Contains("线索到签约中位天数", csv);
    }
}

[Collection("postgres")]
public sealed class PostgresLeadApiTests(PostgresFixture fixture) : LeadApiTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteLeadApiTests(SqliteFixture fixture) : LeadApiTests(fixture), IClassFixture<SqliteFixture>;

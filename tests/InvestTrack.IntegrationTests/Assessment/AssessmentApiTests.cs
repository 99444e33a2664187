using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Assessment;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Supervision;
using InvestTrack.Features.Targets;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Assessment;

/// <summary>
/// 考核 over HTTP on both databases: schemes checked, versioned and published; rankings scored by both methods from the
/// records against hand-computed figures; a published ranking reproduced exactly after the records change; roles.
/// Each test uses a year of its own.
/// </summary>
public abstract class AssessmentApiTests(AppFixture fixture)
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

    private static async Task<List<string>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await BodyAsync(response);
        return [.. body.GetProperty("errors").EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Select(v => v.GetString()!)];
    }

    private static async Task<SchemeView> SchemeAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SchemeView>(Json))!;
    }

    /// <summary>Creates and publishes the year's scheme as city staff.</summary>
    private async Task<SchemeView> PublishedSchemeAsync(HttpClient city, int year, SchemeConfig config)
    {
        var draft = await SchemeAsync(await city.PostAsJsonAsync("/api/assessment/schemes", new SchemeCreateForm(year, config), Json));
        return await SchemeAsync(await city.PostAsJsonAsync($"/api/assessment/schemes/{draft.Id}/publish", new PublishForm(draft.Version), Json));
    }

    private static RankingRow Row(RankingView view, (int Id, string Code, string Name) unit) => view.Rows.Single(r => r.UnitId == unit.Id);

    [Fact]
    public async Task Both_methods_score_the_records_as_computed_by_hand_with_deductions_one_unit_at_zero_and_a_unit_scored_on_one_indicator()
    {
        const int year = 2015;
        var city = await ClientAsync("city");
        var seed = await AssessmentSeed.NewAsync(App, 4);
        var (a, b, c, d) = (seed.Units[0], seed.Units[1], seed.Units[2], seed.Units[3]);
        // Funds (功效系数法): targets 100, 200, 100 万元; actuals 80, 100, 0 → x = 0.8, 0.5, 0; h = 0.8, s = 0.
        await seed.TargetAsync(a.Id, year, TargetIndicator.Funds, 10_000);
        await seed.TargetAsync(b.Id, year, TargetIndicator.Funds, 20_000);
        await seed.TargetAsync(c.Id, year, TargetIndicator.Funds, 10_000);
        await seed.FundsAsync(a.Id, year, 2, 50m);
        await seed.FundsAsync(a.Id, year, 6, 30m);
        await seed.FundsAsync(a.Id, year, 7, 999m); // after month 6: not counted
        await seed.FundsAsync(b.Id, year, 5, 100m);
        // Signings (ratio, cap 1.2): targets 2, 4, 5, 1; actuals 3, 2, 0, 1 → x = 1.5 (capped 1.2), 0.5, 0, 1.
        foreach (var (unit, target, signed) in new[] { (a, 2, 3), (b, 4, 2), (c, 5, 0), (d, 1, 1) })
        {
            await seed.TargetAsync(unit.Id, year, TargetIndicator.Signings, target);
            for (var i = 0; i < signed; i++) await seed.ProjectAsync(unit.Id, new DateOnly(year, 3, 10 + i));
        }
        await seed.ProjectAsync(c.Id, new DateOnly(year, 7, 1)); // signed after June: not counted
        await PublishedSchemeAsync(city, year, new SchemeConfig(
            [new(AssessmentIndicators.Funds, 60), new(AssessmentIndicators.Signings, 40, ScoringMethod.Ratio)],
            [new("dispatch-late", "周调度迟报", 0.5m, false), new("award", "表扬", 1m, true)]));

        var late = await city.PutAsJsonAsync("/api/assessment/adjustments", new AdjustmentEntryForm(year, 6, b.Id, "dispatch-late", 2, "第23、24周迟报", 0), Json);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await city.PutAsJsonAsync("/api/assessment/adjustments", new AdjustmentEntryForm(year, 6, c.Id, "award", 1, "市政府通报表扬", 0), Json)).StatusCode);
        var noReason = await city.PutAsJsonAsync("/api/assessment/adjustments", new AdjustmentEntryForm(year, 6, a.Id, "dispatch-late", 1, " ", 0), Json);
        Assert.Equal(["请填写加减分理由。"], await ErrorsAsync(noReason));
        var unknown = await city.PutAsJsonAsync("/api/assessment/adjustments", new AdjustmentEntryForm(year, 6, a.Id, "nothing", 1, "x", 0), Json);
        Assert.Equal(["加减分项“nothing”不在本年度已发布的考核方案中。"], await ErrorsAsync(unknown));

        var draft = (await city.GetFromJsonAsync<RankingView>($"/api/assessment/rankings/{year}/6/draft", Json))!;
        Assert.Empty(draft.Problems);
        Assert.False(draft.Published);
        var funds = draft.Indicators.Single(i => i.Code == AssessmentIndicators.Funds);
        Assert.Equal(("到位资金", 0.8m, 0m), (funds.Name, funds.Ceiling!.Value, funds.Floor!.Value));

        var ra = Row(draft, a);
        Assert.Equal((80m, 100m, 80m), (ra.Cells[0].Actual, ra.Cells[0].Target!.Value, ra.Cells[0].CompletionPercent!.Value));
        Assert.Equal((100m, 120m), (ra.Cells[0].Score!.Value, ra.Cells[1].Score!.Value));
        Assert.Equal((108m, 1), (ra.RoundedTotal!.Value, ra.Rank!.Value));
        var rb = Row(draft, b);
        Assert.Equal((85m, 50m, 1m), (rb.Cells[0].Score!.Value, rb.Cells[1].Score!.Value, rb.Deduction));
        Assert.Equal((70m, 3), (rb.RoundedTotal!.Value, rb.Rank!.Value)); // 51 + 20 − 2 × 0.5
        Assert.Equal("第23、24周迟报", Assert.Single(rb.Adjustments).Reason);
        var rc = Row(draft, c);
        Assert.Equal((0m, 60m, 0m), (rc.Cells[0].Actual, rc.Cells[0].Score!.Value, rc.Cells[1].Score!.Value));
        Assert.Equal((37m, 4, 1m), (rc.RoundedTotal!.Value, rc.Rank!.Value, rc.Bonus)); // 36 + 1
        // D has no funds target: scored on signings alone, its weight scaled up to 100.
        var rd = Row(draft, d);
        Assert.Equal(((decimal?)null, (decimal?)null, 100m, 100m), (rd.Cells[0].Target, rd.Cells[0].Score, rd.Cells[1].Score!.Value, rd.Cells[1].WeightUsed!.Value));
        Assert.Equal((100m, 2), (rd.RoundedTotal!.Value, rd.Rank!.Value));
        // Units without any target are listed after the ranked ones, with no rank.
        var ranked = draft.Rows.TakeWhile(r => r.Rank is not null).Select(r => r.UnitId).ToList();
        Assert.Equal([a.Id, d.Id, b.Id, c.Id], ranked);
        Assert.All(draft.Rows.Skip(4), r => Assert.Null(r.Rank));

        // Published: the same scores; the export holds them.
        var publish = await city.PostAsync($"/api/assessment/rankings/{year}/6/publish", null);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var xlsx = await city.GetAsync($"/api/assessment/rankings/{year}/6/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var sheet = XlsxProbe.Read(await xlsx.Content.ReadAsByteArrayAsync())[0];
        Assert.Equal(["排名", "单位", "到位资金完成", "到位资金目标", "到位资金完成率", "到位资金得分"], sheet.Headers.Take(6));
        var first = sheet.Rows[1];
        Assert.Equal((1m, a.Name, 108m), (first[0]!.Number, first[1]!.Value, first[^1]!.Number));
        Assert.Equal(0.8m, first[4]!.Number); // 80 % as a percent cell
    }

    [Fact]
    public async Task All_units_equal_score_100_and_share_rank_1_and_a_target_of_zero_is_refused_with_its_unit_named()
    {
        const int year = 2016;
        var city = await ClientAsync("city");
        var seed = await AssessmentSeed.NewAsync(App, 3);
        foreach (var unit in seed.Units)
        {
            await seed.TargetAsync(unit.Id, year, TargetIndicator.Funds, 10_000);
            await seed.FundsAsync(unit.Id, year, 1, 40m);
            await seed.TargetAsync(unit.Id, year, TargetIndicator.Signings, 2);
        }
        // Activities: a target of 4 for every unit set in the scheme; 2 outbound and 1 inbound activity each in Q1.
        foreach (var unit in seed.Units)
        {
            await seed.ActivityAsync(unit.Id, new DateOnly(year, 1, 5));
            await seed.ActivityAsync(unit.Id, new DateOnly(year, 2, 5));
            await seed.ActivityAsync(unit.Id, new DateOnly(year, 3, 5), Features.Activities.ActivityKind.Inbound);
            await seed.ActivityAsync(unit.Id, new DateOnly(year, 4, 5)); // after March
        }
        await PublishedSchemeAsync(city, year, new SchemeConfig(
            [new(AssessmentIndicators.Funds, 50), new(AssessmentIndicators.Signings, 30), new(AssessmentIndicators.Activities, 20, ScoringMethod.Ratio, Target: 4)], []));

        var draft = (await city.GetFromJsonAsync<RankingView>($"/api/assessment/rankings/{year}/3/draft", Json))!;
        Assert.Empty(draft.Problems);
        foreach (var unit in seed.Units)
        {
            var row = Row(draft, unit);
            // Funds x = 0.4 for all (h = s): 100; signings 0 for all: 100; activities 3 ÷ 4 = 0.75: 75.
            Assert.Equal([100m, 100m, 75m], row.Cells.Select(x => x.Score!.Value));
            Assert.Equal((3m, 4m), (row.Cells[2].Actual, row.Cells[2].Target!.Value));
            Assert.Equal((95m, 1), (row.RoundedTotal!.Value, row.Rank!.Value));
        }
        Assert.Equal(seed.Units.Select(u => u.Id), draft.Rows.Take(3).Select(r => r.UnitId)); // equal totals listed by unit code

        // A unit's annual target of 0: the draft names the problem, publishing is refused and writes nothing.
        await seed.TargetAsync(seed[1], year, TargetIndicator.Signings, 0);
        draft = (await city.GetFromJsonAsync<RankingView>($"/api/assessment/rankings/{year}/3/draft", Json))!;
        var problem = $"单位“{seed.Units[1].Name}”的指标“签约项目”目标为0，目标须大于0。";
        Assert.Equal([problem], draft.Problems);
        Assert.All(draft.Rows, r => Assert.Null(r.Rank));
        var refused = await city.PostAsync($"/api/assessment/rankings/{year}/3/publish", null);
        Assert.Equal([problem], await ErrorsAsync(refused));
        Assert.False(await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().PublishedRankings.AnyAsync(r => r.Year == year)));
    }

    [Fact]
    public async Task A_published_ranking_is_reproduced_exactly_after_the_records_change_and_is_published_once()
    {
        const int year = 2017;
        var city = await ClientAsync("city");
        var seed = await AssessmentSeed.NewAsync(App, 3);
        decimal[] funds = [30m, 70m, 45.5m];
        for (var i = 0; i < 3; i++)
        {
            await seed.TargetAsync(seed[i], year, TargetIndicator.Funds, 30_000);
            await seed.FundsAsync(seed[i], year, 2, funds[i]);
            await seed.TargetAsync(seed[i], year, TargetIndicator.Signings, 3);
            await seed.ProjectAsync(seed[i], new DateOnly(year, 1, 20));
        }
        await PublishedSchemeAsync(city, year, new SchemeConfig(
            [new(AssessmentIndicators.Funds, 70, Ceiling: 1m, Floor: 0m), new(AssessmentIndicators.Signings, 30, ScoringMethod.Ratio, Cap: 1.5m)],
            [new("figures-false", "数据不实", 5m, false)]));
        await city.PutAsJsonAsync("/api/assessment/adjustments", new AdjustmentEntryForm(year, 3, seed[2], "figures-false", 1, "2月到位资金不实", 0), Json);

        var publish = await city.PostAsync($"/api/assessment/rankings/{year}/3/publish", null);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var published = await publish.Content.ReadAsStringAsync();
        var view = JsonSerializer.Deserialize<RankingView>(published, Json)!;
        Assert.True(view.Published);
        Assert.Equal(["1", "2", "3"], new[] { seed.Units[1], seed.Units[0], seed.Units[2] }.Select(u => Row(view, u).Rank!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // 70 × (60 + 40 × 0.7/3… ) by hand for B: x = 70 ÷ 300; d = 60 + 40 × x; signings 1 ÷ 3 × 100.
        var xb = 70m / 300m;
        Assert.Equal(AssessmentScoring.RoundHalfUp((70m * (60m + 40m * xb) + 30m * (100m * (1m / 3m))) / 100m), Row(view, seed.Units[1]).RoundedTotal);

        // The records change: audited funds added, a project signed in the period, a target raised, a unit renamed.
        await seed.FundsAsync(seed[0], year, 3, 500m);
        var project = await seed.ProjectAsync(seed[0]);
        await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var p = await db.Projects.SingleAsync(x => x.Id == project);
            (p.Stage, p.SigningKind, p.SignedOn, p.ContractedInvestment) = (ProjectStage.Signed, SigningKind.Contract, new DateOnly(year, 3, 1), 100_000);
            var unit = await db.Units.SingleAsync(u => u.Id == seed[1]);
            unit.Name += "（新）";
            return await db.SaveChangesAsync();
        });
        await seed.TargetAsync(seed[2], year, TargetIndicator.Funds, 60_000);

        var again = await city.GetStringAsync($"/api/assessment/rankings/{year}/3");
        Assert.Equal(published, again);
        var rescored = await city.GetStringAsync($"/api/assessment/rankings/{year}/3/rescore");
        Assert.Equal(published, rescored);
        var tiexi = await ClientAsync("tiexi");
        Assert.Equal(published, await tiexi.GetStringAsync($"/api/assessment/rankings/{year}/3"));
        // The draft computed now differs: the change is real.
        var now = (await city.GetFromJsonAsync<RankingView>($"/api/assessment/rankings/{year}/3/draft", Json))!;
        Assert.Equal(1, Row(now, seed.Units[0]).Rank);
        Assert.Equal(530m, Row(now, seed.Units[0]).Cells[0].Actual);

        // Once per month; the entries of a published month are closed.
        var twice = await city.PostAsync($"/api/assessment/rankings/{year}/3/publish", null);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.StartsWith($"{year}年3月的排名已由city于", (await BodyAsync(twice)).GetProperty("detail").GetString());
        var closed = await city.PutAsJsonAsync("/api/assessment/adjustments", new AdjustmentEntryForm(year, 3, seed[0], "figures-false", 1, "x", 0), Json);
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);

        // The snapshot holds the scheme version and its configuration, and the publication is audited.
        var stored = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().PublishedRankings.AsNoTracking().SingleAsync(r => r.Year == year && r.Month == 3));
        var snapshot = JsonSerializer.Deserialize<RankingSnapshot>(stored.Snapshot, new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } })!;
        Assert.Equal((1, 1.5m), (snapshot.SchemeNumber, snapshot.Scheme.Indicators[1].Cap!.Value));
        Assert.Equal([30m, 70m, 45.5m], seed.Units.Select(u => snapshot.Units.Single(s => s.UnitId == u.Id).Figures[0].Actual));
        Assert.True(await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .AnyAsync(e => e.ObjectType == nameof(PublishedRanking) && e.Action == "Create" && e.UserName == "city")));
        // A month not yet ended cannot be published.
        var future = await city.PostAsync($"/api/assessment/rankings/{DateTime.UtcNow.Year + 1}/1/publish", null);
        Assert.Contains("尚未结束", (await ErrorsAsync(future)).Single());
    }

    [Fact]
    public async Task Schemes_are_checked_and_a_published_version_is_frozen_and_edited_into_a_new_version()
    {
        const int year = 2018;
        var city = await ClientAsync("city");
        async Task<List<string>> Refused(SchemeConfig config) =>
            await ErrorsAsync(await city.PostAsJsonAsync("/api/assessment/schemes", new SchemeCreateForm(year, config), Json));

        Assert.Equal(["权重合计须为100，当前为90"],
            await Refused(new([new(AssessmentIndicators.Funds, 60), new(AssessmentIndicators.Signings, 30)], [])));
        Assert.Equal(["指标「招商活动」的目标为0，目标须大于0。"],
            await Refused(new([new(AssessmentIndicators.Funds, 60), new(AssessmentIndicators.Activities, 40, Target: 0)], [])));
        Assert.Equal(["指标「招商活动」没有年度目标，须在方案中填写统一目标。"],
            await Refused(new([new(AssessmentIndicators.Funds, 60), new(AssessmentIndicators.Activities, 40)], [])));
        Assert.StartsWith("指标「visits」不存在。", (await Refused(new([new("visits", 100)], []))).Single());
        Assert.Equal(["指标「到位资金」的目标取自各单位的年度目标，方案中不填写统一目标。"], await Refused(new([new(AssessmentIndicators.Funds, 100, Target: 5)], [])));
        Assert.Equal(["指标“到位资金”的上限不能低于下限。"], await Refused(new([new(AssessmentIndicators.Funds, 100, Ceiling: 0.5m, Floor: 1m)], [])));
        Assert.Equal(["加减分项“周调度迟报”的分值不能为负数。"], await Refused(new([new(AssessmentIndicators.Funds, 100)], [new("late", "周调度迟报", -1m, false)])));
        Assert.Empty(await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().SchemeVersions.Where(s => s.Year == year).ToListAsync()));

        // A draft may name every indicator (dispatch punctuality and orders on time have their sources).
        var draft = await SchemeAsync(await city.PostAsJsonAsync("/api/assessment/schemes", new SchemeCreateForm(year, new(
            [new(AssessmentIndicators.Funds, 50), new(AssessmentIndicators.DispatchPunctuality, 30, Target: 100), new(AssessmentIndicators.OrdersOnTime, 20, Target: 100)], [])), Json));
        Assert.Equal((1, SchemeState.Draft), (draft.Number, draft.State));
        var second = await city.PostAsJsonAsync("/api/assessment/schemes", new SchemeCreateForm(year, null), Json);
        Assert.Equal([$"{year}年已有草稿第1版，请修改该草稿。"], await ErrorsAsync(second));

        var edited = await SchemeAsync(await city.PutAsJsonAsync($"/api/assessment/schemes/{draft.Id}",
            new SchemeEditForm(new([new(AssessmentIndicators.Funds, 50), new(AssessmentIndicators.Production, 50, ScoringMethod.Ratio)], []), draft.Version), Json));
        Assert.Equal((draft.Id, 1), (edited.Id, edited.Number));
        var stale = await city.PutAsJsonAsync($"/api/assessment/schemes/{draft.Id}", new SchemeEditForm(edited.Configuration, draft.Version), Json);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var published = await SchemeAsync(await city.PostAsJsonAsync($"/api/assessment/schemes/{draft.Id}/publish", new PublishForm(edited.Version), Json));
        Assert.Equal((SchemeState.Published, "city"), (published.State, published.PublishedBy));

        // An edit of the published version makes version 2, a draft; version 1 stays as it was published.
        var next = await SchemeAsync(await city.PutAsJsonAsync($"/api/assessment/schemes/{published.Id}",
            new SchemeEditForm(new([new(AssessmentIndicators.Funds, 100)], []), published.Version), Json));
        Assert.Equal((2, SchemeState.Draft, year), (next.Number, next.State, next.Year));
        Assert.NotEqual(published.Id, next.Id);
        var first = (await city.GetFromJsonAsync<SchemeView>($"/api/assessment/schemes/{published.Id}", Json))!;
        Assert.Equal([AssessmentIndicators.Funds, AssessmentIndicators.Production], first.Configuration.Indicators.Select(i => i.Code));
        Assert.Equal(SchemeState.Published, first.State);
        var republish = await city.PostAsJsonAsync($"/api/assessment/schemes/{published.Id}/publish", new PublishForm(published.Version), Json);
        Assert.Contains("已发布", (await ErrorsAsync(republish)).Single());
        var list = (await city.GetFromJsonAsync<List<SchemeView>>($"/api/assessment/schemes?year={year}", Json))!;
        Assert.Equal([2, 1], list.Select(s => s.Number));
        Assert.True(await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .AnyAsync(e => e.ObjectType == nameof(SchemeVersion) && e.ObjectId == published.Id.ToString() && e.Action == "Update" && e.UserName == "city")));
    }

    [Fact]
    public async Task Everyone_who_reads_records_sees_the_published_ranking_only_city_staff_write_and_only_citywide_users_see_drafts()
    {
        const int year = 2019;
        var city = await ClientAsync("city");
        var seed = await AssessmentSeed.NewAsync(App, 2);
        foreach (var unit in seed.Units) await seed.TargetAsync(unit.Id, year, TargetIndicator.Funds, 10_000);
        await seed.FundsAsync(seed[0], year, 1, 10m);
        var scheme = await PublishedSchemeAsync(city, year, new([new(AssessmentIndicators.Funds, 100)], []));

        var tiexi = await ClientAsync("tiexi");
        Assert.Equal(HttpStatusCode.OK, (await tiexi.GetAsync($"/api/assessment/schemes/{scheme.Id}")).StatusCode);
        var draft = await tiexi.GetAsync($"/api/assessment/rankings/{year}/1/draft");
        Assert.Equal(HttpStatusCode.Forbidden, draft.StatusCode);
        Assert.Equal("排名草稿仅市级用户可见；排名发布后各单位均可查看。", (await BodyAsync(draft)).GetProperty("detail").GetString());
        var notYet = await tiexi.GetAsync($"/api/assessment/rankings/{year}/1");
        Assert.Equal(HttpStatusCode.NotFound, notYet.StatusCode);
        Assert.Equal($"{year}年1月的排名尚未发布。", (await BodyAsync(notYet)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await tiexi.PostAsync($"/api/assessment/rankings/{year}/1/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tiexi.PostAsJsonAsync("/api/assessment/schemes", new SchemeCreateForm(2020, null), Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tiexi.PutAsJsonAsync("/api/assessment/adjustments", new AdjustmentEntryForm(year, 1, seed[0], "figures-false", 1, "x", 0), Json)).StatusCode);

        var leader = await ClientAsync("leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/assessment/rankings/{year}/1/draft")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync($"/api/assessment/rankings/{year}/1/publish", null)).StatusCode);
        foreach (var outsider in new[] { "admin", "auditor" })
        {
            var client = await ClientAsync(outsider);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/assessment/schemes?year={year}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/assessment/rankings/{year}/1")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await city.GetAsync($"/api/assessment/rankings/{year}/13/draft")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync("/api/assessment/rankings/2099/1/draft")).StatusCode);

        // Published, the whole ranking is public within the city: a county sees every unit, the export too.
        Assert.Equal(HttpStatusCode.OK, (await city.PostAsync($"/api/assessment/rankings/{year}/1/publish", null)).StatusCode);
        var seen = (await tiexi.GetFromJsonAsync<RankingView>($"/api/assessment/rankings/{year}/1", Json))!;
        Assert.Equal([seed[0], seed[1]], seen.Rows.Where(r => r.Rank is not null).Select(r => r.UnitId));
        Assert.Contains(seen.Rows, r => r.UnitName == "铁东区");
        var xlsx = await tiexi.GetAsync($"/api/assessment/rankings/{year}/1/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Contains(XlsxProbe.Read(await xlsx.Content.ReadAsByteArrayAsync())[0].Rows, r => r[1]?.Value == seed.Units[1].Name);

        // The pages: rankings and schemes for everyone who reads records.
        Assert.Contains("考核排名", await tiexi.GetStringAsync("/assessment/rankings"));
        Assert.Contains("考核方案", await tiexi.GetStringAsync("/assessment/schemes"));
        Assert.Contains("考核排名", await city.GetStringAsync("/assessment/rankings"));

        // For the bulletin: the published ranking, and a draft for a month with none published.
        var forBulletin = await App.AsSystemAsync(sp => sp.GetRequiredService<RankingService>().PublishedOrDraftAsync(year, 1));
        Assert.True(forBulletin!.Published);
        var feb = await App.AsSystemAsync(sp => sp.GetRequiredService<RankingService>().PublishedOrDraftAsync(year, 2));
        Assert.False(feb!.Published);
        Assert.Null(await App.AsSystemAsync(sp => sp.GetRequiredService<RankingService>().PublishedOrDraftAsync(2099, 1)));
    }
}

[Collection("postgres")]
public sealed class PostgresAssessmentApiTests(PostgresFixture fixture) : AssessmentApiTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteAssessmentApiTests(SqliteFixture fixture) : AssessmentApiTests(fixture), IClassFixture<SqliteFixture>;

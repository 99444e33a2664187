using System.Net;
using System.Net.Http.Json;
using InvestTrack.Data;
using InvestTrack.Features.Supervision;
using InvestTrack.Features.Warnings;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Warnings.WarningTestSupport;

namespace InvestTrack.IntegrationTests.Warnings;

/// <summary>
/// Stored warning runs over a sequence of 旬 (red → yellow → green, a rerun identical), scoping of the list, the API and the
/// export, 签收 and 办结 (audited, versioned), and bad input. Each test uses 旬 of its own: the runs are over the whole city.
/// </summary>
public abstract class WarningRunTests(WarningFixture fixture)
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task A_red_project_turns_yellow_then_green_over_three_runs_and_a_rerun_changes_nothing()
    {
        // Signed 1 May, started 15 November; progress on 1 and 20 November.
        var id = await App.InsertProjectAsync(ProjectTestSupport.Tiexi, new DateOnly(2026, 5, 1), new DateOnly(2026, 11, 15), new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20));
        var city = await App.ClientAsync("city");
        var tiexi = await App.ClientAsync("tiexi");

        var first = await RunAsync(city, "2026-11-1");
        Assert.Equal(("2026-11-1", "2026年11月上旬"), (first.Xun, first.Label));
        Assert.True(first.Red >= 1);
        var red = (await WarningAsync(tiexi, "2026-11-1", id))!;
        Assert.Equal((WarningColour.Red, WarningColour.Red, (WarningColour?)null), (red.Raw, red.Shown, red.PreviousShown));
        var signed = Assert.Single(red.Rules, r => r.RuleId == SignedNotStartedRule.RuleId);
        // Not started by 10 November (the start on the 15th had not happened): 193 days after signing, red (> 180).
        Assert.Equal((WarningColour.Red, new DateOnly(2026, 5, 1), 193), (signed.Colour, signed.Date, signed.Days));
        Assert.Equal("签约未开工", signed.RuleName);
        Assert.Equal("2026-05-01 签约，已 193 天未开工", signed.Sentence);
        var progress = Assert.Single(red.Rules, r => r.RuleId == NoProgressRule.RuleId);
        Assert.Equal((WarningColour.Green, new DateOnly(2026, 11, 1), 9), (progress.Colour, progress.Date, progress.Days)); // the 20th's entry did not exist yet

        await RunAsync(city, "2026-11-2");
        var yellow = (await WarningAsync(tiexi, "2026-11-2", id))!;
        // Started by the 20th: no rule is red or yellow any more, but it was red last 旬, so it is shown yellow.
        Assert.Equal((WarningColour.Green, WarningColour.Yellow, WarningColour.Red), (yellow.Raw, yellow.Shown, yellow.PreviousShown));
        Assert.Equal([(NoProgressRule.RuleId, WarningColour.Green, 0)], yellow.Rules.Select(r => (r.RuleId, r.Colour, r.Days ?? -1)));

        var before = await StoredAsync("2026-11-2", id);
        var rerun = await RunAsync(city, "2026-11-2");
        Assert.Equal(before, await StoredAsync("2026-11-2", id));
        Assert.Equal(1, await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().WarningRuns.CountAsync(r => r.Xun == "2026-11-2")));
        var run = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().WarningRuns.AsNoTracking().SingleAsync(r => r.Xun == "2026-11-2"));
        Assert.Equal((rerun.Red, rerun.Yellow, rerun.Green, "city"), (run.Red, run.Yellow, run.Green, run.StartedBy));
        Assert.Contains("\"redAfterDays\":180", run.OptionsJson);

        await RunAsync(city, "2026-11-3");
        var green = (await WarningAsync(tiexi, "2026-11-3", id))!;
        Assert.Equal((WarningColour.Green, WarningColour.Green, (WarningColour?)null), (green.Raw, green.Shown, green.PreviousShown));

        // The colour history, one shown colour per 旬, and the strip on the project's page.
        var history = (await tiexi.GetFromJsonAsync<List<XunColour>>($"/api/warnings/history/Project/{id}", Json))!;
        Assert.Equal([WarningColour.Red, WarningColour.Yellow, WarningColour.Green],
            history.Where(h => h.Xun.StartsWith("2026-11-", StringComparison.Ordinal)).Select(h => h.Shown));
        var page = await tiexi.GetStringAsync($"/projects/{id}");
        Assert.Contains("data-testid=\"warning-strip\"", page);
        Assert.Contains("title=\"2026年11月上旬：红色\"", page);
        Assert.Contains("title=\"2026年11月中旬：黄色\"", page);
        Assert.Contains("title=\"2026年11月下旬：绿色\"", page);

        // The red item in the list of its 旬, named with its rule and facts; the green 旬 lists it not.
        var list = (await tiexi.GetFromJsonAsync<WarningPage>("/api/warnings?xun=2026-11-1&rule=signed-not-started&pageSize=200", Json))!;
        Assert.Contains(list.Rows, r => r.SubjectId == id && r.Shown == WarningColour.Red);
        Assert.DoesNotContain((await tiexi.GetFromJsonAsync<WarningPage>("/api/warnings?xun=2026-11-3&pageSize=200", Json))!.Rows, r => r.SubjectId == id);
        Assert.Contains("2026-05-01 签约，已 193 天未开工", await tiexi.GetStringAsync("/warnings?xun=2026-11-1&rule=signed-not-started"));
    }

    [Fact]
    public async Task A_county_sees_only_its_own_warnings_in_the_list_the_api_and_the_export()
    {
        var ours = await App.InsertProjectAsync(ProjectTestSupport.Tiexi, new DateOnly(2026, 1, 5), null);
        var theirs = await App.InsertProjectAsync(ProjectTestSupport.Lishu, new DateOnly(2026, 1, 6), null);
        var city = await App.ClientAsync("city");
        await RunAsync(city, "2026-10-1");
        var tiexi = await App.ClientAsync("tiexi");
        var lishu = await App.ClientAsync("lishu");

        var tiexiUnit = await App.UnitIdAsync(ProjectTestSupport.Tiexi);
        var list = (await tiexi.GetFromJsonAsync<WarningPage>("/api/warnings?xun=2026-10-1&pageSize=200", Json))!;
        Assert.Contains(list.Rows, r => r.SubjectId == ours && r.Kind == WarningKind.Project);
        Assert.All(list.Rows, r => Assert.Equal(tiexiUnit, r.UnitId));
        // Filtering by another unit does not widen the scope.
        var lishuUnit = await App.UnitIdAsync(ProjectTestSupport.Lishu);
        Assert.Equal(0, (await tiexi.GetFromJsonAsync<WarningPage>($"/api/warnings?xun=2026-10-1&unitId={lishuUnit}", Json))!.Total);
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync($"/api/warnings/2026-10-1/Project/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.GetAsync($"/api/warnings/2026-10-1/Project/{ours}")).StatusCode);
        Assert.NotNull(await WarningAsync(lishu, "2026-10-1", theirs));
        Assert.NotNull(await WarningAsync(city, "2026-10-1", ours));

        var export = await tiexi.GetAsync("/api/warnings/export?xun=2026-10-1");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var sheet = Assert.Single(XlsxProbe.Read(await export.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["旬", "颜色", "类型", "责任单位", "编号", "对象", "预警规则与事实", "上旬颜色", "办理状态", "说明"], sheet.Headers);
        var units = sheet.Column("责任单位").Select(c => c?.Value).ToList();
        Assert.NotEmpty(units);
        Assert.All(units, u => Assert.Equal("铁西区", u));
        var ourCode = (await App.ProjectAsync(ours)).Code;
        var theirCode = (await App.ProjectAsync(theirs)).Code;
        Assert.Contains(ourCode, sheet.Column("编号").Select(c => c?.Value));
        Assert.DoesNotContain(theirCode, sheet.Column("编号").Select(c => c?.Value));

        var html = await tiexi.GetStringAsync("/warnings?xun=2026-10-1");
        Assert.Contains((await App.ProjectAsync(ours)).Name, html);
        Assert.DoesNotContain((await App.ProjectAsync(theirs)).Name, html);
    }

    [Fact]
    public async Task The_unit_acknowledges_and_resolves_with_a_note_audited_and_versioned_and_a_rerun_keeps_it()
    {
        var id = await App.InsertProjectAsync(ProjectTestSupport.Tiexi, new DateOnly(2026, 2, 2), null);
        var city = await App.ClientAsync("city");
        await RunAsync(city, "2026-10-2");
        var tiexi = await App.ClientAsync("tiexi");
        var url = $"/api/warnings/2026-10-2/Project/{id}";

        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ClientAsync("lishu")).PostAsJsonAsync($"{url}/acknowledge", new HandlingForm("看过了", 0))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ClientAsync("leader")).PostAsJsonAsync($"{url}/acknowledge", new HandlingForm(null, 0))).StatusCode);

        var acknowledged = await tiexi.PostAsJsonAsync($"{url}/acknowledge", new HandlingForm("已安排督促开工", 0));
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var row = (await acknowledged.Content.ReadFromJsonAsync<WarningRow>(Json))!;
        Assert.Equal((HandlingState.Acknowledged, "tiexi", "已安排督促开工", 1), (row.State, row.AcknowledgedBy, row.AcknowledgeNote, row.Version));
        var twice = await tiexi.PostAsJsonAsync($"{url}/acknowledge", new HandlingForm(null, 1));
        Assert.Equal("该预警已签收。", (await BodyAsync(twice)).GetProperty("detail").GetString());

        var noNote = await tiexi.PostAsJsonAsync($"{url}/resolve", new HandlingForm("  ", 1));
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Equal("请填写办结说明。", (await BodyAsync(noNote)).GetProperty("errors").GetProperty("Note")[0].GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await tiexi.PostAsJsonAsync($"{url}/resolve", new HandlingForm("已开工", 0))).StatusCode);
        var resolved = await tiexi.PostAsJsonAsync($"{url}/resolve", new HandlingForm("项目已于10月25日开工", 1));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        row = (await resolved.Content.ReadFromJsonAsync<WarningRow>(Json))!;
        Assert.Equal((HandlingState.Resolved, "项目已于10月25日开工", 2), (row.State, row.ResolveNote, row.Version));

        var handlingId = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().WarningHandlings.Where(h => h.Xun == "2026-10-2" && h.SubjectId == id).Select(h => h.Id).SingleAsync());
        var audit = await App.AuditOfAsync(nameof(WarningHandling), handlingId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([("Create", "tiexi"), ("Update", "tiexi")], audit.Select(e => (e.Action, e.UserName)));
        Assert.Contains("项目已于10月25日开工", audit[1].NewValues);

        await RunAsync(city, "2026-10-2");
        var after = (await WarningAsync(tiexi, "2026-10-2", id))!;
        Assert.Equal((HandlingState.Resolved, WarningColour.Red), (after.State, after.Shown));
        Assert.Equal(0, (await tiexi.GetFromJsonAsync<WarningPage>("/api/warnings?xun=2026-10-2&state=Open&pageSize=200", Json))!.Rows.Count(r => r.SubjectId == id));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_message()
    {
        var city = await App.ClientAsync("city");
        var bad = await city.GetAsync("/api/warnings?xun=2026-13-1");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("“2026-13-1”不是旬，应为 2026-03-1（上旬）、2026-03-2（中旬）或 2026-03-3（下旬）。", (await BodyAsync(bad)).GetProperty("detail").GetString());
        var future = Xun.Containing(DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime)).Next;
        var refused = await city.PostAsJsonAsync("/api/warnings/run", new RunRequest(future.ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal($"{future.Label}尚未结束，不能运行预警。", (await BodyAsync(refused)).GetProperty("detail").GetString());
        Assert.Equal(0, await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().WarningRuns.CountAsync(r => r.Xun == future.ToString())));
        Assert.Equal(HttpStatusCode.BadRequest, (await city.PostAsJsonAsync("/api/warnings/run", new RunRequest("上旬"))).StatusCode);

        // Only city staff run and configure; a unit may not.
        var tiexi = await App.ClientAsync("tiexi");
        Assert.Equal(HttpStatusCode.Forbidden, (await tiexi.PostAsJsonAsync("/api/warnings/run", new RunRequest("2026-09-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync("/api/warnings/2026-09-1/Project/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync("/api/warnings/nonsense/Project/1")).StatusCode);

        // Settings: validated field by field, stale versions refused.
        var settings = await city.GetFromJsonAsync<WarningApi.WarningSettingsView>("/api/warnings/settings", Json);
        var wrong = settings! with { Options = settings.Options with { NoProgress = new NoProgressOptions(true, 60, 45) } };
        var invalid = await city.PutAsJsonAsync("/api/warnings/settings", wrong);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("红色的天数不能少于黄色的天数。", (await BodyAsync(invalid)).GetProperty("errors").GetProperty("NoProgress.RedAfterDays")[0].GetString());
        var negative = settings with { Options = settings.Options with { PlanStepLate = new PlanStepLateOptions(true, -1) } };
        Assert.Equal("“节点到期前几天起为黄色”须为0至365之间的数。",
            (await BodyAsync(await city.PutAsJsonAsync("/api/warnings/settings", negative))).GetProperty("errors").GetProperty("PlanStepLate.YellowDaysAhead")[0].GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await tiexi.PutAsJsonAsync("/api/warnings/settings", settings)).StatusCode);
    }

    [Fact]
    public async Task Switched_off_rules_and_edited_thresholds_are_used_and_stored_with_the_run()
    {
        // 100 days after signing by 30 September: green by default, yellow from 90 days.
        var id = await App.InsertProjectAsync(ProjectTestSupport.Tiexi, new DateOnly(2026, 6, 22), null, new DateOnly(2026, 9, 29));
        var city = await App.ClientAsync("city");
        var settings = (await city.GetFromJsonAsync<WarningApi.WarningSettingsView>("/api/warnings/settings", Json))!;
        var changed = settings with
        {
            Options = settings.Options with { SignedNotStarted = new SignedNotStartedOptions(true, 90, 120), NoProgress = settings.Options.NoProgress with { Enabled = false } },
        };
        var saved = await city.PutAsJsonAsync("/api/warnings/settings", changed);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await city.PutAsJsonAsync("/api/warnings/settings", changed)).StatusCode);
        try
        {
            await RunAsync(city, "2026-09-3");
            var row = (await WarningAsync(city, "2026-09-3", id))!;
            Assert.Equal(WarningColour.Yellow, row.Shown);
            Assert.Equal([(SignedNotStartedRule.RuleId, WarningColour.Yellow, 100)], row.Rules.Select(r => (r.RuleId, r.Colour, r.Days ?? 0)));
            var run = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().WarningRuns.AsNoTracking().SingleAsync(r => r.Xun == "2026-09-3"));
            Assert.Contains("\"yellowFromDays\":90", run.OptionsJson);
        }
        finally
        {
            var current = (await city.GetFromJsonAsync<WarningApi.WarningSettingsView>("/api/warnings/settings", Json))!;
            Assert.Equal(HttpStatusCode.OK, (await city.PutAsJsonAsync("/api/warnings/settings", current with { Options = WarningOptions.Default })).StatusCode);
        }
    }

    [Fact]
    public async Task An_open_plan_step_past_due_is_red_and_named_with_its_step()
    {
        var id = await App.InsertProjectAsync(ProjectTestSupport.Tiexi, new DateOnly(2026, 9, 1), null, new DateOnly(2026, 10, 30));
        await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var unitId = await db.Projects.Where(p => p.Id == id).Select(p => p.UnitId).SingleAsync();
            db.PlanSteps.AddRange(
                new Features.NodePlans.PlanStep { ProjectId = id, UnitId = unitId, Number = 1, Name = "签约", Closes = Features.NodePlans.StepCloses.Signing, DueOn = new DateOnly(2026, 9, 1) },
                new Features.NodePlans.PlanStep { ProjectId = id, UnitId = unitId, Number = 2, Name = "用地", DurationDays = 34, Follows = "1", Closes = Features.NodePlans.StepCloses.Milestone, DueOn = new DateOnly(2026, 10, 5) });
            return await db.SaveChangesAsync();
        });
        await RunAsync(await App.ClientAsync("city"), "2026-10-3");
        var row = (await WarningAsync(await App.ClientAsync("tiexi"), "2026-10-3", id))!;
        Assert.Equal(WarningColour.Red, row.Shown);
        var step = Assert.Single(row.Rules, r => r.RuleId == PlanStepLateRule.RuleId);
        // 签约 is closed by the signing date; 用地 has no milestone date: open, 26 days late at the end of October.
        Assert.Equal(("用地", new DateOnly(2026, 10, 5), 26), (step.Item, step.Date, step.Days));
        Assert.Equal("节点「用地」计划 2026-10-05 完成，已逾期 26 天", step.Sentence);
        Assert.Equal("节点滞后", step.RuleName);
    }

    [Fact]
    public async Task A_unit_behind_pace_is_warned_with_the_statistics_modules_actual()
    {
        var unitId = await App.UnitIdAsync(ProjectTestSupport.Tiexi);
        // A target of 1 000 000 万元 for 2026: far behind a pace of 7 ÷ 12 at the end of July.
        await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var target = await db.AnnualTargets.SingleOrDefaultAsync(t => t.Year == 2026 && t.UnitId == unitId && t.Indicator == Features.Targets.TargetIndicator.Funds);
            if (target is null) db.AnnualTargets.Add(target = new Features.Targets.AnnualTarget { Year = 2026, UnitId = unitId, Indicator = Features.Targets.TargetIndicator.Funds });
            target.Value = 100_000_000;
            return await db.SaveChangesAsync();
        });
        var actual = await App.AsSystemAsync(async sp => (await Features.Targets.TargetActuals.ByUnitAsync(sp.GetRequiredService<AppDbContext>(), 2026, 7))
            .GetValueOrDefault(unitId)?.GetValueOrDefault(Features.Targets.TargetIndicator.Funds) ?? 0);
        var city = await App.ClientAsync("city");
        await RunAsync(city, "2026-07-3");

        var tiexi = await App.ClientAsync("tiexi");
        var row = (await tiexi.GetFromJsonAsync<WarningRow>($"/api/warnings/2026-07-3/Unit/{unitId}", Json))!;
        Assert.Equal(("铁西区", WarningColour.Red), (row.SubjectName, row.Shown));
        var pace = Assert.Single(row.Rules);
        // The actual is TargetActuals' (audited funds of every source, months 1 to M): the figure /targets shows.
        Assert.Equal((BehindPaceRule.RuleId, 7, 1_000_000m, Kernel.Money.ToWan(actual), 0.5833333333m), (pace.RuleId, pace.Months, pace.Target, pace.Actual, pace.Pace));
        Assert.EndsWith("序时进度 58.33%（1–7 月）", pace.Sentence);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ClientAsync("lishu")).GetAsync($"/api/warnings/2026-07-3/Unit/{unitId}")).StatusCode);
    }

    /// <summary>The stored rows of one subject and 旬, without their generated ids.</summary>
    private Task<string> StoredAsync(string xun, int id) => App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var items = await db.WarningItems.AsNoTracking().Where(i => i.Xun == xun && i.Kind == WarningKind.Project && i.SubjectId == id)
            .Select(i => new { i.Xun, i.Kind, i.SubjectId, i.UnitId, i.Raw, i.Shown, i.PreviousShown }).ToListAsync();
        var results = await db.WarningRuleResults.AsNoTracking().Where(r => r.Xun == xun && r.Kind == WarningKind.Project && r.SubjectId == id).OrderBy(r => r.RuleId)
            .Select(r => new { r.RuleId, r.Colour, r.Item, r.Date, r.Days, r.WorkingDaysLeft, r.Months, r.Actual, r.Target, r.Completion, r.Pace }).ToListAsync();
        return System.Text.Json.JsonSerializer.Serialize(new { items, results });
    });
}

[Collection("postgres")]
public sealed class PostgresWarningRunTests(PostgresWarningFixture fixture) : WarningRunTests(fixture), IClassFixture<PostgresWarningFixture>;

public sealed class SqliteWarningRunTests(SqliteWarningFixture fixture) : WarningRunTests(fixture), IClassFixture<SqliteWarningFixture>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.NodePlans;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.NodePlans;

/// <summary>Node plans over HTTP: made at signing, adjusted and approved (audited), closed from the project's dates, scoped.</summary>
public abstract class PlanApiTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private static readonly DateOnly SignedOn = new(2026, 3, 2);

    private async Task<HttpClient> ClientAsync(string userName)
    {
        var client = await App.SignInAsync(userName);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return client;
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static string FieldError(JsonElement problem, string field) =>
        problem.GetProperty("errors").EnumerateObject().Single(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase)).Value[0].GetString()!;

    private async Task<PlanView> PlanAsync(HttpClient client, int id) => (await client.GetFromJsonAsync<PlanView>($"/api/projects/{id}/plan", Json))!;

    private async Task<Project> SignedProjectAsync(HttpClient tiexi)
    {
        var project = await App.CreateProjectAsync();
        var signed = await tiexi.PostAsJsonAsync($"/api/projects/{project.Id}/stage",
            new StageCommand { ToStage = ProjectStage.Signed, SigningKind = SigningKind.Contract, SignedOn = SignedOn, Version = project.Version });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        return await App.ProjectAsync(project.Id);
    }

    [Fact]
    public async Task Signing_makes_the_plan_the_unit_adjusts_the_city_approves_and_steps_close_from_the_project()
    {
        var tiexi = await ClientAsync("tiexi");
        var project = await SignedProjectAsync(tiexi);

        var plan = await PlanAsync(tiexi, project.Id);
        Assert.Equal(["签约", "立项", "用地", "规划", "施工许可", "开工", "竣工", "投产"], plan.Steps.Select(s => s.Name));
        Assert.Equal(
            [SignedOn, new(2026, 4, 1), new(2026, 6, 30), new(2026, 5, 31), new(2026, 7, 30), new(2026, 8, 29), new(2027, 8, 29), new(2027, 10, 28)],
            plan.Steps.Select(s => s.DueOn));
        Assert.Equal([3, 4], plan.Steps.Single(s => s.Name == "施工许可").Follows);
        var signing = plan.Steps[0];
        Assert.Equal((SignedOn, StepState.Closed), (signing.ClosedOn, signing.State));
        Assert.Equal(StepState.Late, plan.Steps.Single(s => s.Name == "立项").State); // due 1 April, open

        // Never twice.
        var again = await tiexi.PostAsync($"/api/projects/{project.Id}/plan", null);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("该项目已有节点计划。", (await BodyAsync(again)).GetProperty("detail").GetString());
        Assert.Equal(8, await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().PlanSteps.CountAsync(s => s.ProjectId == project.Id)));

        // Bad input: a date before signing, no reason.
        var land = plan.Steps.Single(s => s.Name == "用地");
        var url = $"/api/projects/{project.Id}/plan/steps/{land.Id}/adjustments";
        var early = await tiexi.PostAsJsonAsync(url, new AdjustmentForm { DueOn = new DateOnly(2026, 3, 1), Reason = "土地征收延期", Version = land.Version });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal("调整后的到期日期不能早于签约日期2026年3月2日。", FieldError(await BodyAsync(early), "DueOn"));
        var noReason = await tiexi.PostAsJsonAsync(url, new AdjustmentForm { DueOn = new DateOnly(2026, 7, 31), Reason = "  ", Version = land.Version });
        Assert.Equal("请填写调整理由。", FieldError(await BodyAsync(noReason), "Reason"));

        var asked = await tiexi.PostAsJsonAsync(url, new AdjustmentForm { DueOn = new DateOnly(2026, 7, 31), Reason = "土地征收延期", Version = land.Version });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var pendingStep = (await asked.Content.ReadFromJsonAsync<PlanView>(Json))!.Steps.Single(s => s.Id == land.Id);
        Assert.Equal((new DateOnly(2026, 6, 30), new DateOnly(2026, 7, 31), "土地征收延期"), (pendingStep.DueOn, pendingStep.Pending!.ToDueOn, pendingStep.Pending.Reason));

        // Another unit: the plan, the step and the adjustment are not there; the unit cannot approve.
        var lishu = await ClientAsync("lishu");
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.GetAsync($"/api/projects/{project.Id}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.PostAsJsonAsync(url, new AdjustmentForm { DueOn = new DateOnly(2026, 8, 1), Reason = "x", Version = land.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.PostAsync($"/api/projects/{project.Id}/plan", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tiexi.PostAsJsonAsync($"/api/plans/adjustments/{pendingStep.Pending.Id}/decision",
            new DecisionForm { Approve = true, Version = pendingStep.Pending.Version })).StatusCode);

        // City staff approve: the date replaces the due date, audited.
        var city = await ClientAsync("city");
        var queue = (await city.GetFromJsonAsync<List<AdjustmentRow>>("/api/plans/adjustments?state=Pending", Json))!;
        var row = queue.Single(a => a.ProjectId == project.Id);
        Assert.Equal(("用地", "铁西区", new DateOnly(2026, 6, 30), new DateOnly(2026, 7, 31)), (row.StepName, row.UnitName, row.FromDueOn, row.ToDueOn));
        var rejectBare = await city.PostAsJsonAsync($"/api/plans/adjustments/{row.Id}/decision", new DecisionForm { Approve = false, Version = row.Version });
        Assert.Equal("退回时请填写理由。", FieldError(await BodyAsync(rejectBare), "Note"));
        var approved = await city.PostAsJsonAsync($"/api/plans/adjustments/{row.Id}/decision", new DecisionForm { Approve = true, Version = row.Version });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var after = (await PlanAsync(tiexi, project.Id)).Steps.Single(s => s.Id == land.Id);
        Assert.Equal((new DateOnly(2026, 7, 31), (PendingAdjustment?)null), (after.DueOn, after.Pending));
        var stale = await city.PostAsJsonAsync($"/api/plans/adjustments/{row.Id}/decision", new DecisionForm { Approve = true, Version = row.Version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var audit = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(e => (e.ObjectType == nameof(PlanStep) && e.ObjectId == land.Id.ToString()) || (e.ObjectType == nameof(PlanAdjustment) && e.ObjectId == row.Id.ToString()))
            .OrderBy(e => e.Id).ToListAsync());
        var stepChange = Assert.Single(audit, e => e.ObjectType == nameof(PlanStep) && e.Action == "Update");
        Assert.Equal("city", stepChange.UserName);
        Assert.Contains("2026-06-30", stepChange.OldValues);
        Assert.Contains("2026-07-31", stepChange.NewValues);
        Assert.Contains(audit, e => e.ObjectType == nameof(PlanAdjustment) && e.Action == "Create" && e.UserName == "tiexi");
        Assert.Contains(audit, e => e.ObjectType == nameof(PlanAdjustment) && e.Action == "Update" && e.UserName == "city" && e.NewValues!.Contains("\"State\":1"));

        // Steps close from what the project records: the start date closes 开工; 立项 closes through its milestone.
        var current = await App.ProjectAsync(project.Id);
        var started = await tiexi.PostAsJsonAsync($"/api/projects/{project.Id}/stage",
            new StageCommand { ToStage = ProjectStage.Started, StartedOn = new DateOnly(2026, 9, 1), Version = current.Version });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var approval = plan.Steps.Single(s => s.Name == "立项");
        var beforeSigning = await tiexi.PostAsJsonAsync($"/api/projects/{project.Id}/plan/steps/{approval.Id}/close", new CloseStepForm { ClosedOn = new DateOnly(2026, 2, 1), Version = approval.Version });
        Assert.Equal("完成日期不能早于签约日期2026年3月2日。", FieldError(await BodyAsync(beforeSigning), "ClosedOn"));
        var closed = await tiexi.PostAsJsonAsync($"/api/projects/{project.Id}/plan/steps/{approval.Id}/close", new CloseStepForm { ClosedOn = new DateOnly(2026, 3, 20), Version = approval.Version });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var start = plan.Steps.Single(s => s.Name == "开工");
        Assert.Equal(HttpStatusCode.BadRequest, (await tiexi.PostAsJsonAsync($"/api/projects/{project.Id}/plan/steps/{start.Id}/close",
            new CloseStepForm { ClosedOn = new DateOnly(2026, 9, 2), Version = start.Version })).StatusCode);

        var final = await PlanAsync(tiexi, project.Id);
        Assert.Equal((new DateOnly(2026, 9, 1), StepState.Closed), (final.Steps.Single(s => s.Name == "开工").ClosedOn, final.Steps.Single(s => s.Name == "开工").State));
        Assert.Equal(new DateOnly(2026, 3, 20), final.Steps.Single(s => s.Name == "立项").ClosedOn);
        var history = (await tiexi.GetFromJsonAsync<ProjectHistory>($"/api/projects/{project.Id}/history", Json))!;
        Assert.Equal(new DateOnly(2026, 3, 20), history.Milestones.Single(m => m.Kind == "立项").ActualOn); // one record, shown in both places

        // The kernel's facts: the same dates, for one project and in the stream of a warning run.
        var facts = await App.AsSystemAsync(sp => sp.GetRequiredService<PlanService>().FactsAsync(project.Id));
        Assert.Equal(new Features.Supervision.PlanStepFact("开工", new DateOnly(2026, 8, 29), new DateOnly(2026, 9, 1)), facts[5]);
        Assert.Equal(new Features.Supervision.PlanStepFact("用地", new DateOnly(2026, 7, 31), null), facts[2]);
        var streamed = await App.AsUserAsync("tiexi", async sp =>
        {
            var list = new List<ProjectPlanFacts>();
            await foreach (var p in sp.GetRequiredService<PlanService>().AllFactsAsync()) list.Add(p);
            return list;
        });
        Assert.Equal(facts, streamed.Single(p => p.ProjectId == project.Id).Steps);
        var lishuUnit = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Code == ProjectTestSupport.Lishu).Select(u => u.Id).SingleAsync());
        Assert.DoesNotContain(streamed, p => p.UnitId == lishuUnit);
    }

    [Fact]
    public async Task An_existing_signed_project_gets_its_plan_on_demand_and_a_framework_agreement_none()
    {
        var tiexi = await ClientAsync("tiexi");
        var project = await SignedProjectAsync(tiexi);
        // As a project signed before plans existed: no steps, then 生成节点计划.
        await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().PlanSteps.Where(s => s.ProjectId == project.Id).ExecuteDeleteAsync());
        Assert.Empty((await PlanAsync(tiexi, project.Id)).Steps);
        var made = await tiexi.PostAsync($"/api/projects/{project.Id}/plan", null);
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Equal(new DateOnly(2026, 7, 30), (await made.Content.ReadFromJsonAsync<PlanView>(Json))!.Steps.Single(s => s.Name == "施工许可").DueOn);

        var framework = await App.CreateProjectAsync();
        var signed = await tiexi.PostAsJsonAsync($"/api/projects/{framework.Id}/stage",
            new StageCommand { ToStage = ProjectStage.Signed, SigningKind = SigningKind.Framework, SignedOn = SignedOn, Version = framework.Version });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Empty((await PlanAsync(tiexi, framework.Id)).Steps);
        var refused = await tiexi.PostAsync($"/api/projects/{framework.Id}/plan", null);
        Assert.Equal("项目尚未签订项目合同，不能生成节点计划。", (await BodyAsync(refused)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task City_staff_edit_a_template_by_industry_section_that_a_project_of_that_section_then_gets_and_the_pages_show_it()
    {
        var city = await ClientAsync("city");
        var tiexi = await ClientAsync("tiexi");
        TemplateStepForm[] steps = [new(1, "签约", 0, "招商部门", null), new(2, "环评", 20, "生态环境部门", [1]), new(3, "开工", 10, "项目单位", [1, 2])];
        var loop = await city.PutAsJsonAsync("/api/plans/templates/D", new TemplateForm("电力模板", [steps[0], steps[1] with { Follows = [2] }], 0));
        Assert.Equal("第2个节点只能接在它之前的节点之后。", (await BodyAsync(loop)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await tiexi.PutAsJsonAsync("/api/plans/templates/D", new TemplateForm("电力模板", steps, 0))).StatusCode);
        var saved = await city.PutAsJsonAsync("/api/plans/templates/d", new TemplateForm("电力模板", steps, 0));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var templates = (await tiexi.GetFromJsonAsync<List<TemplateView>>("/api/plans/templates", Json))!;
        Assert.Equal(["D", "默认"], templates.Select(t => t.ProjectType));

        var project = await App.CreateProjectAsync();
        var form = ProjectTestSupport.FormOf(project);
        form.IndustrySectionCode = "D";
        Assert.Equal(HttpStatusCode.OK, (await tiexi.PutAsJsonAsync($"/api/projects/{project.Id}", form)).StatusCode);
        project = await App.ProjectAsync(project.Id);
        await tiexi.PostAsJsonAsync($"/api/projects/{project.Id}/stage",
            new StageCommand { ToStage = ProjectStage.Signed, SigningKind = SigningKind.Contract, SignedOn = SignedOn, Version = project.Version });
        var plan = await PlanAsync(tiexi, project.Id);
        Assert.Equal([("签约", SignedOn, StepCloses.Signing), ("环评", SignedOn.AddDays(20), StepCloses.Manual), ("开工", SignedOn.AddDays(30), StepCloses.Start)],
            plan.Steps.Select(s => (s.Name, s.DueOn, s.Closes)));

        // The pages: the plan on the project's page (its plan tab), the templates for everyone who reads, the queue for city staff only.
        var page = await tiexi.GetStringAsync($"/projects/{project.Id}?tab=plan");
        Assert.Contains("节点计划", page);
        Assert.Contains("环评", page);
        Assert.Contains("电力模板", await tiexi.GetStringAsync("/plans/templates"));
        Assert.NotEqual(HttpStatusCode.OK, (await tiexi.GetAsync("/plans/adjustments")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync("/plans/adjustments")).StatusCode);
    }
}

[Collection("postgres")]
public sealed class PostgresPlanApiTests(PostgresFixture fixture) : PlanApiTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqlitePlanApiTests(SqliteFixture fixture) : PlanApiTests(fixture), IClassFixture<SqliteFixture>;

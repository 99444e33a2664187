using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;

namespace InvestTrack.IntegrationTests.Projects;

/// <summary>The project commands over HTTP: statuses, ProblemDetails with field errors, the CSRF header, two clients.</summary>
public abstract class ProjectApiTests(AppFixture fixture)
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

    private static string[] FieldErrors(JsonElement problem, string field) =>
        [.. problem.GetProperty("errors").EnumerateObject().Single(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase))
            .Value.EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task Create_update_stage_progress_milestone_and_history_round_trip()
    {
        var client = await ClientAsync("tiexi");
        var form = await App.NewFormAsync();
        var created = await client.PostAsJsonAsync("/api/projects", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var detail = (await created.Content.ReadFromJsonAsync<ProjectDetail>(Json))!;
        Assert.Equal((form.Name, 12345.67m, ProjectStage.Lead, InvestmentTier.Yi), (detail.Name, detail.PlannedInvestmentWan, detail.Stage, detail.Tier));
        Assert.Equal($"/api/projects/{detail.Id}", created.Headers.Location?.OriginalString);

        var edit = detail.ToForm();
        edit.LeadSource = "展会";
        var updated = await client.PutAsJsonAsync($"/api/projects/{detail.Id}", edit);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = (await updated.Content.ReadFromJsonAsync<ProjectDetail>(Json))!;
        Assert.Equal(("展会", detail.Version + 1), (after.LeadSource, after.Version));

        var staged = await client.PostAsJsonAsync($"/api/projects/{detail.Id}/stage", new StageCommand { ToStage = ProjectStage.Talks, Version = after.Version });
        Assert.Equal(HttpStatusCode.OK, staged.StatusCode);
        Assert.Equal(ProjectStage.Talks, (await staged.Content.ReadFromJsonAsync<ProjectDetail>(Json))!.Stage);

        var progress = await client.PostAsJsonAsync($"/api/projects/{detail.Id}/progress",
            new ProgressForm { OccurredOn = new DateOnly(2026, 2, 3), WhatHappened = "赴深圳对接", Problems = "用地指标", NextStep = "签订意向书" });
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        var milestone = await client.PutAsJsonAsync($"/api/projects/{detail.Id}/milestones/{Uri.EscapeDataString("施工许可")}", new MilestoneForm { PlannedOn = new DateOnly(2026, 9, 1) });
        Assert.Equal(HttpStatusCode.OK, milestone.StatusCode);

        var history = (await client.GetFromJsonAsync<ProjectHistory>($"/api/projects/{detail.Id}/history", Json))!;
        Assert.Equal([ProjectStage.Talks, ProjectStage.Lead], history.StageChanges.Select(s => s.ToStage));
        var entry = Assert.Single(history.Progress);
        Assert.Equal(("赴深圳对接", "用地指标", "签订意向书", "铁西区 张华"), (entry.WhatHappened, entry.Problems, entry.NextStep, entry.AuthorName));
        Assert.Equal(new DateOnly(2026, 9, 1), history.Milestones.Single(m => m.Kind == "施工许可").PlannedOn);

        // The leader reads the history but may not write.
        var leader = await ClientAsync("leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/projects/{detail.Id}/history")).StatusCode);
    }

    [Fact]
    public async Task Invalid_input_answers_400_with_field_errors_and_writes_nothing()
    {
        var client = await ClientAsync("tiexi");
        var form = await App.NewFormAsync();
        form.PlannedInvestmentWan = 1.005m;
        form.NationalProjectCode = "SHORT";
        form.CompanyId = 999_999;
        var response = await client.PostAsJsonAsync("/api/projects", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await BodyAsync(response);
        Assert.Equal(["金额以万元为单位，最多两位小数"], FieldErrors(problem, "PlannedInvestmentWan"));
        Assert.Equal(["全国投资项目代码须为 24 位数字、大写字母或“-”"], FieldErrors(problem, "NationalProjectCode"));
        Assert.Equal(["投资方不存在"], FieldErrors(problem, "CompanyId"));
        Assert.Equal(0, await App.CountByCodeAsync(form.Code));

        // Wrong types never reach the service.
        var wrongType = await client.PostAsync("/api/projects", new StringContent("""{"code":"X1","plannedInvestmentWan":"abc"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal(0, await App.CountByCodeAsync("X1"));
    }

    [Fact]
    public async Task Script_in_a_name_comes_back_as_text_in_json_and_html()
    {
        var client = await ClientAsync("tiexi");
        var form = await App.NewFormAsync();
        form.Name = "<script>alert('x')</script>" + form.Name;
        var created = await client.PostAsJsonAsync("/api/projects", form);
        var detail = (await created.Content.ReadFromJsonAsync<ProjectDetail>(Json))!;
        Assert.Equal(form.Name, detail.Name);
        var html = await client.GetStringAsync($"/projects/{detail.Id}");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_without_the_client_header_is_refused()
    {
        var client = await App.SignInAsync("tiexi");
        var form = await App.NewFormAsync();
        var response = await client.PostAsJsonAsync("/api/projects", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(ApiClientHeader.Name, (await BodyAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await App.CountByCodeAsync(form.Code));
    }

    [Fact]
    public async Task A_leader_is_refused_403_and_nothing_is_written()
    {
        var project = await App.CreateProjectAsync();
        var leader = await ClientAsync("leader");
        var form = await App.NewFormAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync("/api/projects", form)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync($"/api/projects/{project.Id}/stage",
            new StageCommand { ToStage = ProjectStage.Talks, Version = project.Version })).StatusCode);
        Assert.Equal(0, await App.CountByCodeAsync(form.Code));
        Assert.Equal(ProjectStage.Lead, (await App.ProjectAsync(project.Id)).Stage);
    }

    [Fact]
    public async Task Two_clients_the_second_stale_save_answers_409_and_the_first_is_kept()
    {
        var project = await App.CreateProjectAsync();
        var one = await ClientAsync("tiexi");
        var two = await ClientAsync("tiexi");
        var readByOne = (await one.GetFromJsonAsync<ProjectRow>($"/api/projects/{project.Id}", Json))!;
        Assert.Equal(project.Name, readByOne.Name);
        var first = ProjectTestSupport.FormOf(project);
        first.Name = "客户端一" + AdminTestSupport.Unique();
        var second = ProjectTestSupport.FormOf(project);
        second.Name = "客户端二";
        Assert.Equal(HttpStatusCode.OK, (await one.PutAsJsonAsync($"/api/projects/{project.Id}", first)).StatusCode);
        var stale = await two.PutAsJsonAsync($"/api/projects/{project.Id}", second);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("该项目已被他人修改，请刷新后重试。", (await BodyAsync(stale)).GetProperty("detail").GetString());
        Assert.Equal(first.Name, (await App.ProjectAsync(project.Id)).Name);
    }

    [Fact]
    public async Task Another_countys_project_and_unit_answer_404()
    {
        var project = await App.CreateProjectAsync();
        var lishu = await ClientAsync("lishu");
        var stage = await lishu.PostAsJsonAsync($"/api/projects/{project.Id}/stage", new StageCommand { ToStage = ProjectStage.Talks, Version = project.Version });
        Assert.Equal(HttpStatusCode.NotFound, stage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.GetAsync($"/api/projects/{project.Id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.PostAsJsonAsync($"/api/projects/{project.Id}/progress",
            new ProgressForm { OccurredOn = new DateOnly(2026, 1, 1), WhatHappened = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.PutAsJsonAsync($"/api/projects/{project.Id}/milestones/{Uri.EscapeDataString("立项")}",
            new MilestoneForm())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.PutAsJsonAsync($"/api/projects/{project.Id}", ProjectTestSupport.FormOf(project))).StatusCode);
        Assert.Single(await App.StageChangesAsync(project.Id));

        var form = await App.NewFormAsync(ProjectTestSupport.Tiexi);
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.PostAsJsonAsync("/api/projects", form)).StatusCode);
        Assert.Equal(0, await App.CountByCodeAsync(form.Code));
    }
}

[Collection("postgres")]
public sealed class PostgresProjectApiTests(PostgresFixture fixture) : ProjectApiTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteProjectApiTests(SqliteFixture fixture) : ProjectApiTests(fixture), IClassFixture<SqliteFixture>;

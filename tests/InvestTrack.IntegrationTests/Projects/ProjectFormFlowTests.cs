using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Kernel;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Projects;

/// <summary>
/// Issue 13 item 4 over the API the project page and form use: the code suggested when left empty (the city's format, unique
/// across the city, also against projects the user cannot see), an investor registered from the form with the directory's
/// credit-code check and then chosen, and the stage dialog's required fields refused by the server, each named.
/// </summary>
public abstract class ProjectFormFlowTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private int Year => ChinaTime.Today(App.Services.GetRequiredService<TimeProvider>()).Year;

    private async Task<HttpClient> ClientAsync(string user = "tiexi")
    {
        var client = await App.SignInAsync(user);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        return client;
    }

    private static async Task<string> NextCodeAsync(HttpClient client)
    {
        using var body = JsonDocument.Parse(await client.GetStringAsync("/api/projects/next-code"));
        return body.RootElement.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task A_code_left_empty_gets_the_next_code_of_the_city_in_its_format_past_codes_the_user_cannot_see()
    {
        var tiexi = await ClientAsync();
        var first = await NextCodeAsync(tiexi);
        Assert.Matches($"^SP{Year}\\d{{3,}}$", first);

        // Another county's project holds a code far ahead in the sequence; tiexi cannot see it, and still never gets it.
        var lishuProject = await App.CreateProjectAsync("lishu", ProjectTestSupport.Lishu);
        var farAhead = ProjectCodes.Format("SP", Year, 900 + Random.Shared.Next(50));
        await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.Projects.Where(p => p.Id == lishuProject.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Code, farAhead));
            return 0;
        });
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync($"/api/projects/{lishuProject.Id}")).StatusCode);
        var next = ProjectCodes.SequenceOf(farAhead, "SP", Year)!.Value + 1;
        Assert.Equal(ProjectCodes.Format("SP", Year, next), await NextCodeAsync(tiexi));

        // Two projects saved with the code left empty get that code and the one after it.
        var codes = new List<string>();
        foreach (var blank in new[] { "", "   " })
        {
            var form = await App.NewFormAsync();
            form.Code = blank;
            var created = await tiexi.PostAsJsonAsync("/api/projects/", form);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            codes.Add((await created.Content.ReadFromJsonAsync<ProjectDetail>(Json))!.Code);
        }
        Assert.Equal([ProjectCodes.Format("SP", Year, next), ProjectCodes.Format("SP", Year, next + 1)], codes);
        foreach (var code in codes) Assert.Equal(1, await App.CountByCodeAsync(code));

        // A code typed by the user is kept as typed; a project's code cannot be emptied.
        var typed = await App.NewFormAsync();
        var kept = (await (await tiexi.PostAsJsonAsync("/api/projects/", typed)).Content.ReadFromJsonAsync<ProjectDetail>(Json))!;
        Assert.Equal(typed.Code, kept.Code);
        var project = await App.ProjectAsync(kept.Id);
        var emptied = ProjectTestSupport.FormOf(project);
        emptied.Code = "";
        var refused = await tiexi.PutAsJsonAsync($"/api/projects/{project.Id}", emptied);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["此项必填"], await FieldErrorsAsync(refused, "Code"));
        Assert.Equal(typed.Code, (await App.ProjectAsync(project.Id)).Code);
    }

    [Fact]
    public async Task An_investor_registered_from_the_form_is_checked_by_its_credit_code_and_then_chosen_for_the_project()
    {
        var tiexi = await ClientAsync();
        var suffix = AdminTestSupport.Unique();
        var body = "91440300" + string.Concat(suffix[..6].Select(c => (char)('0' + c % 10))) + "123";
        var code = body + CreditCode.CheckCharacterFor(body);
        var wrong = body + (code[^1] == '0' ? '1' : '0');
        var name = $"深圳表单测试科技有限公司{suffix}";

        // The check as the dialog runs it when the field is left, then on save.
        Assert.Equal("统一社会信用代码校验码错误。", await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<CompanyService>().CreditCodeProblemAsync(wrong, null)));
        var bad = await tiexi.PostAsJsonAsync("/api/companies/", new CompanyForm { Name = name, CreditCode = wrong, Origin = "广东省深圳市" });
        Assert.Equal(["统一社会信用代码校验码错误。"], await FieldErrorsAsync(bad, "creditCode"));
        Assert.Null(await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<CompanyService>().CreditCodeProblemAsync(code, null)));

        var created = await tiexi.PostAsJsonAsync("/api/companies/", new CompanyForm { Name = name, CreditCode = code, Origin = "广东省深圳市" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var company = (await created.Content.ReadFromJsonAsync<CompanyDetail>(Json))!;
        Assert.Equal((name, code), (company.Name, company.CreditCode));

        // The same code again is named with the company holding it, live and on save.
        var taken = $"统一社会信用代码 {code} 已被“{name}”使用。";
        Assert.Equal(taken, await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<CompanyService>().CreditCodeProblemAsync(code.ToLowerInvariant(), null)));
        Assert.Null(await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<CompanyService>().CreditCodeProblemAsync(code, company.Id)));
        var twice = await tiexi.PostAsJsonAsync("/api/companies/", new CompanyForm { Name = name + "二", CreditCode = code, Origin = "广东省深圳市" });
        Assert.Equal([taken], await FieldErrorsAsync(twice, "creditCode"));

        // Chosen in the form: the project is saved with it, its code left empty.
        var form = await App.NewFormAsync();
        (form.Code, form.CompanyId) = ("", company.Id);
        var project = await tiexi.PostAsJsonAsync("/api/projects/", form);
        Assert.Equal(HttpStatusCode.Created, project.StatusCode);
        var detail = (await project.Content.ReadFromJsonAsync<ProjectDetail>(Json))!;
        Assert.Equal((company.Id, name, OriginClass.OtherProvince), (detail.CompanyId, detail.InvestorName, detail.InvestorOrigin));
        Assert.Matches($"^SP{Year}\\d{{3,}}$", detail.Code);
        Assert.Equal(1, await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Companies.CountAsync(c => c.CreditCode == code)));
    }

    [Fact]
    public async Task The_stage_dialogs_required_fields_are_refused_by_the_server_each_named()
    {
        var tiexi = await ClientAsync();
        var project = await App.CreateProjectAsync();
        async Task<HttpResponseMessage> Stage(StageCommand command) => await tiexi.PostAsJsonAsync($"/api/projects/{project.Id}/stage", command);

        // Signing needs its kind and date; each message sits at its own field.
        var unsigned = await Stage(new StageCommand { ToStage = ProjectStage.Signed, Version = project.Version });
        Assert.Equal(["签约及以后的阶段须填写签约日期"], await FieldErrorsAsync(unsigned, "SignedOn"));
        Assert.Equal(["签约及以后的阶段须选择签约类型"], await FieldErrorsAsync(unsigned, "SigningKind"));
        // Started needs the start date as well; production the production date.
        var unstarted = await Stage(new StageCommand { ToStage = ProjectStage.InProduction, SigningKind = SigningKind.Contract, SignedOn = new DateOnly(2025, 3, 1), Version = project.Version });
        Assert.Equal(["开工及以后的阶段须填写开工日期"], await FieldErrorsAsync(unstarted, "StartedOn"));
        Assert.Equal(["竣工投产须填写投产日期"], await FieldErrorsAsync(unstarted, "InProductionOn"));
        Assert.Empty(await FieldErrorsAsync(unstarted, "SignedOn"));
        // Dropping needs a reason.
        var dropped = await Stage(new StageCommand { ToStage = ProjectStage.Lead, ToStatus = ProjectStatus.Dropped, Version = project.Version });
        Assert.Equal(["终止项目须填写原因"], await FieldErrorsAsync(dropped, "Reason"));
        // 合同引资额, asked when signing, is an amount in 万元.
        foreach (var (wan, message) in new[] { (-1m, "金额不能为负数"), (1.234m, "金额以万元为单位，最多两位小数") })
        {
            var amount = await Stage(new StageCommand
            {
                ToStage = ProjectStage.Signed, SigningKind = SigningKind.Contract, SignedOn = new DateOnly(2025, 3, 1), ContractedInvestmentWan = wan, Version = project.Version,
            });
            Assert.Equal([message], await FieldErrorsAsync(amount, "ContractedInvestmentWan"));
        }
        var untouched = await App.ProjectAsync(project.Id);
        Assert.Equal((ProjectStage.Lead, ProjectStatus.Active, (long?)null, project.Version), (untouched.Stage, untouched.Status, untouched.ContractedInvestment, untouched.Version));

        // All given: signed, with the 合同引资额 agreed.
        var signed = await Stage(new StageCommand
        {
            ToStage = ProjectStage.Signed, SigningKind = SigningKind.Contract, SignedOn = new DateOnly(2025, 3, 1), ContractedInvestmentWan = 30_000.5m, Version = project.Version,
        });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var stored = await App.ProjectAsync(project.Id);
        Assert.Equal((ProjectStage.Signed, SigningKind.Contract, (long?)3_000_050), (stored.Stage, stored.SigningKind, stored.ContractedInvestment));
        // A later stage without an amount keeps the agreed one.
        var started = await Stage(new StageCommand { ToStage = ProjectStage.Started, StartedOn = new DateOnly(2025, 4, 1), Version = stored.Version });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal((long?)3_000_050, (await App.ProjectAsync(project.Id)).ContractedInvestment);
    }

    /// <summary>The messages of one field in a 400's ProblemDetails; empty when the field has none.</summary>
    private static async Task<string[]> FieldErrorsAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return [.. problem.GetProperty("errors").EnumerateObject().Where(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.EnumerateArray()).Select(e => e.GetString()!)];
    }
}

[Collection("postgres")]
public sealed class PostgresProjectFormFlowTests(PostgresFixture fixture) : ProjectFormFlowTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteProjectFormFlowTests(SqliteFixture fixture) : ProjectFormFlowTests(fixture), IClassFixture<SqliteFixture>;

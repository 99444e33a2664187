using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InvestTrack.Features.Companies;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using MiniExcelLibs;

namespace InvestTrack.IntegrationTests.Companies;

public abstract class CompanyApiTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task Script_in_a_name_is_stored_and_returned_as_text()
    {
        var client = await App.ApiClientAsync("tiexi");
        var name = $"<script>alert('x')</script>企业{AdminTestSupport.Unique()}";
        var created = await client.PostAsJsonAsync("/api/companies", new { name, origin = "北京市" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var company = (await created.Content.ReadFromJsonAsync<CompanyDetail>())!;
        Assert.Equal(name, company.Name);
        Assert.Equal(name, (await client.GetFromJsonAsync<CompanyDetail>($"/api/companies/{company.Id}"))!.Name);
        var html = await client.GetStringAsync($"/companies/{company.Id}");
        Assert.DoesNotContain("<script>alert('x')", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Field_errors_answer_as_validation_problems_and_stale_versions_as_409()
    {
        var client = await App.ApiClientAsync("city");
        var bad = await client.PostAsJsonAsync("/api/companies", new { name = "接口错误" + AdminTestSupport.Unique(), origin = "火星", creditCode = "91350100M000100Y44" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using (var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()))
        {
            var errors = problem.RootElement.GetProperty("errors");
            Assert.Equal("统一社会信用代码校验码错误。", errors.GetProperty("creditCode")[0].GetString());
            Assert.Equal("无法识别的投资方所在地：火星", errors.GetProperty("origin")[0].GetString());
        }
        var wrongType = await client.PostAsync("/api/companies", new StringContent("{\"name\": 5, \"origin\": []}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);

        var company = await App.CreateAsync(CompanyTestSupport.Form("接口并发" + AdminTestSupport.Unique()));
        var form = CompanyForm.Of(company);
        form.Notes = "第一次";
        var ok = await client.PutAsJsonAsync($"/api/companies/{company.Id}?version={company.Version}", form);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("第一次", (await ok.Content.ReadFromJsonAsync<CompanyDetail>())!.Notes);
        form.Notes = "第二次";
        var stale = await client.PutAsJsonAsync($"/api/companies/{company.Id}?version={company.Version}", form);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("第一次", (await App.LoadCompanyAsync(company.Id))!.Notes);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/companies/{int.MaxValue}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/companies/{int.MaxValue}?version=0", form)).StatusCode);
    }

    [Fact]
    public async Task A_write_without_the_client_header_is_refused_and_writes_nothing()
    {
        var client = await App.SignInAsync("city");
        var name = "无请求头" + AdminTestSupport.Unique();
        var response = await client.PostAsJsonAsync("/api/companies", new { name, origin = "北京市" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await App.CompanyNamedAsync(name));
    }

    [Fact]
    public async Task A_county_user_gets_only_its_own_projects_over_the_api()
    {
        var company = await App.CreateAsync(CompanyTestSupport.Form("接口多单位" + AdminTestSupport.Unique()));
        var own = await App.AddProjectAsync(company.Id, "220302");
        await App.AddProjectAsync(company.Id, "220303");
        var client = await App.ApiClientAsync("tiexi");
        var detail = (await client.GetFromJsonAsync<CompanyDetail>($"/api/companies/{company.Id}"))!;
        Assert.Equal([own.Id], detail.Projects.Select(p => p.Id));
        var list = (await client.GetFromJsonAsync<CompanyList>($"/api/companies?q={Uri.EscapeDataString(company.Name)}"))!;
        Assert.Equal(1, Assert.Single(list.Rows).ProjectCount);
    }

    [Fact]
    public async Task The_export_holds_exactly_the_filtered_rows_with_formula_like_names_neutralised_and_is_audited()
    {
        var tag = AdminTestSupport.Unique();
        var names = new[] { $"={tag}HYPERLINK", $"+{tag}加号", $"@{tag}艾特", $"导出{tag}普通,逗号" };
        foreach (var name in names) await App.CreateAsync(CompanyTestSupport.Form(name));
        await App.CreateAsync(CompanyTestSupport.Form($"导出{tag}境外", "俄罗斯"));
        await App.CreateAsync(CompanyTestSupport.Form($"不导出{AdminTestSupport.Unique()}"));
        var client = await App.ApiClientAsync("tiexi");
        var expected = names.Select(n => n[0] is '=' or '+' or '@' ? "'" + n : n).Order(StringComparer.Ordinal).ToList();

        var csv = await client.GetAsync($"/api/companies/export?q={tag}&originClass=InProvince&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("企业清单-", csv.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.StartsWith("companies-", csv.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("企业名称,统一社会信用代码,投资方所在地,来源类别,项目数", lines[0]);
        var csvNames = lines.Skip(1).Select(l => l.StartsWith('"') ? l[1..l.IndexOf("\",", 1, StringComparison.Ordinal)] : l[..l.IndexOf(',')]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, csvNames);

        var xlsx = await client.GetAsync($"/api/companies/export?q={tag}&originClass=InProvince&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(expected, rows.Select(r => (string)r["企业名称"]).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal("省内", r["来源类别"]));

        var exports = await App.AsSystemAsync(sp => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Data.AppDbContext>(sp).AuditEntries
                .Where(e => e.Action == "Export" && e.UserName == "tiexi" && e.NewValues!.Contains(tag))));
        Assert.Equal(2, exports.Count);
        Assert.All(exports, e => Assert.Contains("\"rows\":4", e.NewValues!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_auditor_may_not_read_or_export_companies()
    {
        var client = await App.ApiClientAsync("auditor");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/companies")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/companies/export?format=csv")).StatusCode);
    }
}

[Collection("postgres")]
public sealed class PostgresCompanyApiTests(PostgresFixture fixture) : CompanyApiTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteCompanyApiTests(SqliteFixture fixture) : CompanyApiTests(fixture), IClassFixture<SqliteFixture>;

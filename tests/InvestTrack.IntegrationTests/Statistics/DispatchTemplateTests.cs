using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Statistics;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Statistics;

/// <summary>
/// The dispatch wording kept in the database. The wording is one row for the whole app, so these tests live in a
/// class of their own (its own app) and each starts from the default wording.
/// </summary>
public abstract class DispatchTemplateTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private const string Script = "<script>alert(1)</script>";

    private static DispatchTemplates Templates(IServiceProvider sp) => sp.GetRequiredService<DispatchTemplates>();

    private async Task ResetAsync()
    {
        var view = await App.AsUserAsync("city", sp => Templates(sp).GetAsync());
        Assert.True((await App.AsUserAsync("city", sp => Templates(sp).ResetAsync(view.Version))).Ok);
    }

    private Task<ReportTemplate?> StoredAsync() =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Set<ReportTemplate>().AsNoTracking().SingleOrDefaultAsync());

    private async Task<StatisticsSeed> UnitWithFundsAsync()
    {
        var s = await StatisticsSeed.NewAsync(App);
        await s.FundsAsync(await s.ProjectAsync(2000m), 2025, 3, 150m);
        return s;
    }

    [Fact]
    public async Task A_saved_wording_is_used_by_the_report_and_reset_restores_the_default()
    {
        await ResetAsync();
        var s = await UnitWithFundsAsync();
        var before = await App.AsUserAsync("city", sp => Templates(sp).GetAsync());
        Assert.Equal((TemplateSource.Default, DispatchText.DefaultTemplate, (int?)null, true), (before.Source, before.Text, before.Version, before.CanEdit));
        Assert.Equal(DispatchText.Placeholders, before.Placeholders.Select(p => p.Name));

        var saved = await App.AsUserAsync("city", sp => Templates(sp).SaveAsync(new DispatchTemplateForm($"{Script}{{期间}}，{{范围}}有{{项目数}}个项目，{{{{原样}}}}。", null)));
        Assert.True(saved.Ok, string.Join("; ", saved.Problems));
        var view = await App.AsUserAsync("leader", sp => Templates(sp).GetAsync());
        Assert.Equal((TemplateSource.Saved, "city", 0, false), (view.Source, view.UpdatedBy, view.Version, view.CanEdit));

        Assert.Equal($"{Script}1月至8月，{s.UnitName}有1个项目，{{原样}}。", (await s.ReportAsync(2025, 8)).Paragraph);
        var audit = await App.AuditOfAsync(nameof(ReportTemplate), (await StoredAsync())!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEmpty(audit);

        Assert.True((await App.AsUserAsync("city", sp => Templates(sp).ResetAsync(view.Version))).Ok);
        Assert.Null(await StoredAsync());
        Assert.StartsWith($"1月至8月，{s.UnitName}纳入省调度系统省外1000万元以上有资金到位的项目1个", (await s.ReportAsync(2025, 8)).Paragraph);
    }

    [Theory]
    [InlineData("{期间}{不存在的名称}", "不存在的名称")]
    [InlineData("{期间}，{范围", "没有配对的 }")]
    [InlineData("{期间}}", "没有配对的 {")]
    [InlineData("{}", "占位符为空")]
    [InlineData("   ", "模板不能为空。")]
    public async Task A_bad_wording_is_refused_with_a_message_naming_the_problem_and_nothing_is_saved(string text, string named)
    {
        await ResetAsync();
        var result = await App.AsUserAsync("city", sp => Templates(sp).SaveAsync(new DispatchTemplateForm(text, null)));
        Assert.False(result.Ok);
        Assert.False(result.Stale);
        Assert.Contains(result.Problems, p => p.Contains(named, StringComparison.Ordinal));
        Assert.Null(await StoredAsync());
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_the_first_save_kept()
    {
        await ResetAsync();
        Assert.True((await App.AsUserAsync("city", sp => Templates(sp).SaveAsync(new DispatchTemplateForm("第一次：{期间}", null)))).Ok);
        var stale = await App.AsUserAsync("city", sp => Templates(sp).SaveAsync(new DispatchTemplateForm("第二次：{期间}", null)));
        Assert.Equal((true, "模板已被他人修改，请刷新后重试。"), (stale.Stale, stale.Problems.Single()));
        Assert.True((await App.AsUserAsync("city", sp => Templates(sp).SaveAsync(new DispatchTemplateForm("第三次：{期间}", 0)))).Ok);
        Assert.True((await App.AsUserAsync("city", sp => Templates(sp).SaveAsync(new DispatchTemplateForm("第四次：{期间}", 0)))).Stale);
        Assert.True((await App.AsUserAsync("city", sp => Templates(sp).ResetAsync(0))).Stale);
        Assert.Equal(("第三次：{期间}", 1), ((await StoredAsync())!.Text, (await StoredAsync())!.Version));
    }

    [Fact]
    public async Task Only_city_staff_change_the_wording_and_refusals_are_audited()
    {
        await ResetAsync();
        foreach (var user in new[] { "lishu", "tiexi", "leader", "admin" })
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync(user, sp => Templates(sp).SaveAsync(new DispatchTemplateForm("{期间}", null))));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync(user, sp => Templates(sp).ResetAsync(null)));
        }
        Assert.Null(await StoredAsync());
        Assert.Contains(await App.AuditOfAsync(nameof(ReportTemplate), ReportTemplate.Dispatch), e => e.Action == "Refused" && e.UserName == "lishu");
        Assert.False((await App.AsUserAsync("lishu", sp => Templates(sp).GetAsync())).CanEdit);
        // The system administrator reads no records, so not the wording either.
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync("admin", sp => Templates(sp).GetAsync()));
    }

    [Fact]
    public async Task Over_the_API_with_problem_details_and_script_shown_as_text_on_the_page_and_in_the_export()
    {
        await ResetAsync();
        var s = await UnitWithFundsAsync();
        var city = await App.SignInAsync("city");
        city.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);

        var get = JsonDocument.Parse(await city.GetStringAsync("/api/reports/dispatch/template")).RootElement;
        Assert.Equal(DispatchText.DefaultTemplate, get.GetProperty("text").GetString());
        Assert.Equal("期间", get.GetProperty("placeholders")[0].GetProperty("name").GetString());

        var bad = await city.PutAsJsonAsync("/api/reports/dispatch/template", new DispatchTemplateForm("{期间}{未知}", null));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("{未知}", problem.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        Assert.Null(await StoredAsync());

        var ok = await city.PutAsJsonAsync("/api/reports/dispatch/template", new DispatchTemplateForm($"{Script}{{范围}}{{期间}}", null));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(0, JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32());

        var stale = await city.PutAsJsonAsync("/api/reports/dispatch/template", new DispatchTemplateForm("{期间}", null));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("模板已被他人修改，请刷新后重试。", JsonDocument.Parse(await stale.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());

        foreach (var user in new[] { "tiexi", "leader" })
        {
            var other = await App.SignInAsync(user);
            other.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PutAsJsonAsync("/api/reports/dispatch/template", new DispatchTemplateForm("{期间}", 0))).StatusCode);
        }
        Assert.Equal($"{Script}{{范围}}{{期间}}", (await StoredAsync())!.Text);

        // The report's paragraph over the API, on the page (encoded by Razor) and on the export's second sheet.
        var expected = $"{Script}{s.UnitName}1月至8月";
        var report = JsonDocument.Parse(await city.GetStringAsync($"/api/reports/dispatch?year=2025&month=8&unitId={s.UnitId}")).RootElement;
        Assert.Equal(expected, report.GetProperty("paragraph").GetString());
        var page = await city.GetStringAsync($"/reports/dispatch?year=2025&month=8&unitId={s.UnitId}");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Script, page, StringComparison.Ordinal);
        var xlsx = await city.GetByteArrayAsync($"/api/reports/dispatch/export.xlsx?year=2025&month=8&unitId={s.UnitId}");
        var sheet = MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true, sheetName: "调度文稿").Cast<IDictionary<string, object>>().Single();
        Assert.Equal(expected, sheet["调度文稿"]?.ToString());

        var reset = await city.DeleteAsync("/api/reports/dispatch/template?version=0");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Null(await StoredAsync());
    }
}

public sealed class PostgresDispatchTemplateTests(PostgresFixture fixture) : DispatchTemplateTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteDispatchTemplateTests(SqliteFixture fixture) : DispatchTemplateTests(fixture), IClassFixture<SqliteFixture>;

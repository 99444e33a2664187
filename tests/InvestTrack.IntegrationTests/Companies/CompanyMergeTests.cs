using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Companies;

public abstract class CompanyMergeTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task The_scan_finds_seeded_pairs_and_not_unrelated_companies()
    {
        var tag = AdminTestSupport.Unique();
        var same1 = await App.CreateAsync(CompanyTestSupport.Form($"重名{tag}科技有限公司"));
        var same2 = await App.CreateAsync(CompanyTestSupport.Form($"重名 {tag} 科技（集团）股份有限公司", "山东省济南市"));
        var near1 = await App.CreateAsync(CompanyTestSupport.Form($"相近{tag}新能源科技有限公司"));
        var near2 = await App.CreateAsync(CompanyTestSupport.Form($"相近{tag}新能源技术有限公司"));
        var alone = await App.CreateAsync(CompanyTestSupport.Form($"无关{tag}冷链运输有限公司"));

        var report = await App.AsUserAsync("city", sp => sp.GetRequiredService<CompanyDuplicates>().ScanAsync());
        DuplicateReason? Reason(int a, int b) => report.Pairs.SingleOrDefault(p =>
            (p.First.Id, p.Second.Id) == (Math.Min(a, b), Math.Max(a, b)))?.Reason;
        Assert.Equal(DuplicateReason.SameName, Reason(same1.Id, same2.Id));
        Assert.Equal(DuplicateReason.NearName, Reason(near1.Id, near2.Id));
        Assert.DoesNotContain(report.Pairs, p => p.First.Id == alone.Id || p.Second.Id == alone.Id);
        Assert.Null(Reason(same1.Id, near1.Id));
    }

    [Fact]
    public async Task A_merge_moves_projects_of_several_units_and_contacts_deletes_the_duplicate_and_is_audited()
    {
        var tag = AdminTestSupport.Unique();
        var keep = await App.CreateAsync(CompanyTestSupport.Form($"保留{tag}有限公司"));
        var code = CompanyTestSupport.NewCode();
        var remove = await App.CreateAsync(new CompanyForm
        {
            Name = $"保留{tag}有限责任公司", Origin = "吉林省长春市", CreditCode = code, Contacts = [new ContactForm { Name = "赵主任", Phone = "13911112222" }],
        });
        var moved = new[] { await App.AddProjectAsync(remove.Id, "220302"), await App.AddProjectAsync(remove.Id, "220322"), await App.AddProjectAsync(remove.Id, "220300K01") };
        var untouched = await App.AddProjectAsync(keep.Id, "220303");

        var preview = await App.AsUserAsync("city", sp => sp.GetRequiredService<CompanyMerge>().PreviewAsync(keep.Id, remove.Id));
        Assert.Equal(3, preview!.ProjectsByUnit.Sum(u => u.Count));
        Assert.Equal(3, preview.ProjectsByUnit.Count);
        Assert.True(preview.CarriesCreditCode);

        var result = await App.AsUserAsync("city", sp => sp.GetRequiredService<CompanyMerge>().MergeAsync(keep.Id, remove.Id));
        Assert.True(result.Ok, result.Error);
        Assert.Equal((3, 1), (result.ProjectsMoved, result.ContactsMoved));

        var projects = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.AsNoTracking()
            .Where(p => p.CompanyId == keep.Id).ToDictionaryAsync(p => p.Id));
        Assert.Equal(moved.Select(p => p.Id).Append(untouched.Id).Order(), projects.Keys.Order());
        Assert.All(moved, p => Assert.Equal(p.Version + 1, projects[p.Id].Version));
        Assert.Null(await App.LoadCompanyAsync(remove.Id));
        var kept = (await App.LoadCompanyAsync(keep.Id))!;
        Assert.Equal(code, kept.CreditCode);
        Assert.Equal("13911112222", Assert.Single(kept.Contacts).Phone);

        var audit = await App.AuditOfAsync(nameof(Company), keep.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var merge = Assert.Single(audit, e => e.Action == "Merge");
        Assert.Equal("city", merge.UserName);
        using var old = JsonDocument.Parse(merge.OldValues!);
        Assert.Equal((remove.Id, remove.Name), (old.RootElement.GetProperty("id").GetInt32(), old.RootElement.GetProperty("name").GetString()));
        using var @new = JsonDocument.Parse(merge.NewValues!);
        Assert.Equal((keep.Id, keep.Name), (@new.RootElement.GetProperty("id").GetInt32(), @new.RootElement.GetProperty("name").GetString()));
        Assert.Equal(moved.Select(p => p.Id).Order(), @new.RootElement.GetProperty("projects").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Contains(await App.AuditOfAsync(nameof(Company), remove.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), e => e.Action == "Delete");
    }

    [Fact]
    public async Task A_county_user_cannot_merge_or_scan_and_nothing_changes()
    {
        var tag = AdminTestSupport.Unique();
        var keep = await App.CreateAsync(CompanyTestSupport.Form($"县级{tag}有限公司"));
        var remove = await App.CreateAsync(CompanyTestSupport.Form($"县级{tag}股份有限公司"));
        var project = await App.AddProjectAsync(remove.Id, "220322");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync("lishu", sp => sp.GetRequiredService<CompanyMerge>().MergeAsync(keep.Id, remove.Id)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync("leader", sp => sp.GetRequiredService<CompanyMerge>().MergeAsync(keep.Id, remove.Id)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync("lishu", sp => sp.GetRequiredService<CompanyDuplicates>().ScanAsync()));

        var client = await App.ApiClientAsync("tiexi");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await client.PostAsync($"/api/companies/{keep.Id}/merge/{remove.Id}", null)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await client.GetAsync("/api/companies/duplicates")).StatusCode);

        Assert.NotNull(await App.LoadCompanyAsync(remove.Id));
        var stored = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.AsNoTracking().SingleAsync(p => p.Id == project.Id));
        Assert.Equal((remove.Id, project.Version), (stored.CompanyId, stored.Version));
        var refusals = await App.AuditOfAsync(nameof(Company), remove.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(refusals, e => e.Action == "Refused" && e.UserName == "lishu");
        Assert.DoesNotContain(refusals, e => e.Action is "Merge" or "Delete");
    }

    [Fact]
    public async Task Merging_a_company_into_itself_or_a_missing_one_is_refused()
    {
        var company = await App.CreateAsync(CompanyTestSupport.Form("自身合并" + AdminTestSupport.Unique()));
        var self = await App.AsUserAsync("city", sp => sp.GetRequiredService<CompanyMerge>().MergeAsync(company.Id, company.Id));
        Assert.Equal("不能把企业与其自身合并。", self.Error);
        var missing = await App.AsUserAsync("city", sp => sp.GetRequiredService<CompanyMerge>().MergeAsync(company.Id, int.MaxValue));
        Assert.True(missing.NotFound);
        Assert.NotNull(await App.LoadCompanyAsync(company.Id));
    }
}

[Collection("postgres")]
public sealed class PostgresCompanyMergeTests(PostgresFixture fixture) : CompanyMergeTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteCompanyMergeTests(SqliteFixture fixture) : CompanyMergeTests(fixture), IClassFixture<SqliteFixture>;

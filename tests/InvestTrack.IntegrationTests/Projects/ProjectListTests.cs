using System.Net;
using System.Net.Http.Json;
using System.Text;
using InvestTrack.Data;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace InvestTrack.IntegrationTests.Projects;

public abstract class ProjectListTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private Task<List<Project>> AllAsync() =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.AsNoTracking().ToListAsync());

    [Fact]
    public async Task Filters_combine_and_match_the_database()
    {
        var all = await AllAsync();
        var client = await App.SignInAsync("city");
        var signed2025 = await client.GetFromJsonAsync<ProjectPage>("/api/projects?signedYear=2025&pageSize=500");
        Assert.Equal(all.Count(p => p.SignedOn?.Year == 2025), signed2025!.Total);
        Assert.All(signed2025.Rows, r => Assert.Equal(2025, r.SignedOn!.Value.Year));

        var bigOnes = await client.GetFromJsonAsync<ProjectPage>("/api/projects?tier=Yi&pageSize=500");
        Assert.Equal(all.Count(p => InvestmentTiers.Of(p.PlannedInvestment) == InvestmentTier.Yi), bigOnes!.Total);

        var stalled = await client.GetFromJsonAsync<ProjectPage>("/api/projects?status=Stalled&stage=Lead&pageSize=500");
        Assert.Equal(all.Count(p => p.Status == ProjectStatus.Stalled && p.Stage == ProjectStage.Lead), stalled!.Total);

        var abroad = await client.GetFromJsonAsync<ProjectPage>("/api/projects?origin=Abroad&pageSize=500");
        Assert.NotEmpty(abroad!.Rows);
        Assert.All(abroad.Rows, r => Assert.Equal(OriginClass.Abroad, r.OriginClass));
    }

    [Fact]
    public async Task Text_search_finds_exactly_the_projects_whose_name_code_or_investor_holds_the_text()
    {
        // Values that only a literal, case-sensitive substring test matches: LIKE's wildcards and escape, Latin case,
        // a text found only in the investor's name, one and two Chinese characters.
        var suffix = AdminTestSupport.Unique();
        var companyId = await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var company = new Features.Companies.Company { Name = $"搜索测试投资方{suffix}", Origin = "北京市", CreatedAt = DateTimeOffset.UtcNow };
            db.Companies.Add(company);
            await db.SaveChangesAsync();
            return company.Id;
        });
        foreach (var (code, name) in new[] { ($"SQ{suffix}a", "增长50%的_项目\\甲"), ($"SQ{suffix}b", "增长50个项目乙"), ($"sq{suffix}c", "Abc 精酿啤酒") })
        {
            var form = await App.NewFormAsync(ProjectTestSupport.Tiexi);
            form.Code = code;
            form.Name = name;
            form.CompanyId = companyId;
            Assert.True((await App.AsUserAsync("city", sp => ProjectTestSupport.Service(sp).CreateAsync(form))).Ok);
        }

        foreach (var user in new[] { "city", "tiexi" })
        {
            var client = await App.SignInAsync(user);
            var visible = await AllRowsAsync(client, "");
            var terms = new List<string> { "50%", "_项", "\\", "%", "_", "abc", "Abc", "ABC", "啤", "精酿", "精酿啤酒", "搜索测试", suffix, $"SQ{suffix}", "Q", "S" };
            // Pieces of the stored values of every length: the first project's name, a code's middle, an investor's name.
            var sample = visible.First(r => !r.Code.StartsWith("SQ", StringComparison.OrdinalIgnoreCase));
            terms.AddRange([sample.Name[..1], sample.Name[..2], sample.Name[1..4], sample.Code[1..3], sample.Code[2..], sample.InvestorName[..2], sample.InvestorName[1..5]]);
            foreach (var term in terms)
            {
                var expected = visible.Where(r => r.Name.Contains(term, StringComparison.Ordinal) || r.Code.Contains(term, StringComparison.Ordinal)
                    || r.InvestorName.Contains(term, StringComparison.Ordinal)).Select(r => r.Id).Order().ToList();
                var found = (await AllRowsAsync(client, term)).Select(r => r.Id).Order().ToList();
                Assert.True(expected.SequenceEqual(found), $"{user}, '{term}': expected {expected.Count} rows, found {found.Count}");
                // The form a page of a frequent term takes (ProjectQueries.DenseMatches and more) finds the same rows.
                var dense = await App.AsUserAsync(user, sp => ProjectTextSearch.Matching(sp.GetRequiredService<AppDbContext>(), term, dense: true)
                    .Select(p => p.Id).OrderBy(id => id).ToListAsync());
                Assert.True(expected.SequenceEqual(dense), $"{user}, '{term}' (dense form): expected {expected.Count} rows, found {dense.Count}");
            }
            // Not vacuous: the literal wildcard, the case and the investor each decide.
            Assert.Single(await AllRowsAsync(client, "50%"));
            Assert.Single(await AllRowsAsync(client, "Abc"));
            Assert.Equal(3, (await AllRowsAsync(client, "搜索测试")).Count(r => r.Code.Contains(suffix, StringComparison.Ordinal)));
        }
    }

    /// <summary>Every row of a search, page by page.</summary>
    private static async Task<List<ProjectRow>> AllRowsAsync(HttpClient client, string term)
    {
        var rows = new List<ProjectRow>();
        for (var page = 1; ; page++)
        {
            var found = await client.GetFromJsonAsync<ProjectPage>($"/api/projects?q={Uri.EscapeDataString(term)}&pageSize=500&page={page}");
            rows.AddRange(found!.Rows);
            if (rows.Count >= found.Total) return rows;
        }
    }

    [Fact]
    public async Task Sorting_and_paging_walk_every_row_once()
    {
        var all = await AllAsync();
        var client = await App.SignInAsync("city");
        var seen = new List<ProjectRow>();
        for (var page = 1; ; page++)
        {
            var rows = await client.GetFromJsonAsync<ProjectPage>($"/api/projects?sort=PlannedInvestment&desc=true&pageSize=7&page={page}");
            if (rows!.Rows.Count == 0) break;
            seen.AddRange(rows.Rows);
        }
        Assert.Equal(all.Count, seen.Count);
        Assert.Equal(all.Count, seen.Select(r => r.Id).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(r => r.PlannedInvestmentWan).Select(r => r.PlannedInvestmentWan), seen.Select(r => r.PlannedInvestmentWan));
    }

    [Fact]
    public async Task Csv_export_has_exactly_the_filtered_rows_of_the_users_units()
    {
        var client = await App.SignInAsync("lishu");
        var visible = await client.GetFromJsonAsync<ProjectPage>("/api/projects?stage=Signed&pageSize=500");
        var response = await client.GetAsync("/projects/export.csv?stage=Signed");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches(@"^项目清单-\d{8}-\d{4}\.csv$", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Matches(@"^projects-\d{8}-\d{4}\.csv$", response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("项目编号,项目名称,投资方", lines[0]);
        Assert.Equal(visible!.Rows.Select(r => r.Code).Order(), lines.Skip(1).Select(l => l.Split(',')[0]).Order());
        var audited = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AnyAsync(a => a.Action == "Export" && a.UserName == "lishu"));
        Assert.True(audited);
    }

    [Fact]
    public async Task Xlsx_export_neutralises_formula_like_text()
    {
        var code = $"XF{Guid.NewGuid():N}"[..14];
        await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var template = await db.Projects.AsNoTracking().FirstAsync();
            db.Projects.Add(new Project
            {
                Code = code, Name = "=HYPERLINK(\"http://evil\",\"点我\")", CompanyId = template.CompanyId, UnitId = template.UnitId,
                PlannedInvestment = 100, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var client = await App.SignInAsync("city");
        var bytes = await client.GetByteArrayAsync($"/projects/export.xlsx?q={code}");
        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(code, row["项目编号"]);
        Assert.Equal("'=HYPERLINK(\"http://evil\",\"点我\")", row["项目名称"]);
    }

    [Fact]
    public async Task Leaders_may_export_but_the_system_admin_may_not()
    {
        var leader = await App.SignInAsync("leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/projects/export.csv")).StatusCode);
        var admin = await App.SignInAsync("admin");
        var refused = await admin.GetAsync("/projects/export.csv");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task The_list_page_keeps_its_filter_in_the_url()
    {
        var client = await App.SignInAsync("city");
        var html = await client.GetStringAsync("/projects?stage=Signed&sort=Name&desc=true");
        var signed = (await AllAsync()).Count(p => p.Stage == ProjectStage.Signed);
        Assert.Contains($"共 {signed} 个项目", html);
        Assert.Contains("export.csv?stage=Signed&amp;sort=Name&amp;desc=true", html);
    }
}

public sealed class PostgresProjectListTests(PostgresFixture fixture) : ProjectListTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteProjectListTests(SqliteFixture fixture) : ProjectListTests(fixture), IClassFixture<SqliteFixture>;

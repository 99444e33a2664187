using InvestTrack.Data;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Admin;

public abstract class CatalogAdminTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private static CatalogAdmin Admin(IServiceProvider sp) => sp.GetRequiredService<CatalogAdmin>();

    private Task<CatalogRow> CatalogAsync(int id) =>
        App.AsUserAsync("admin", async sp => (await Admin(sp).ListAsync()).Single(c => c.Id == id));

    /// <summary>Each test uses its own start year, so their catalogs never collide.</summary>
    private async Task<int> CreateAsync(int year)
    {
        var (result, id) = await App.AsUserAsync("admin", sp => Admin(sp).CreateCatalogAsync($"测试目录{year}", year));
        Assert.True(result.Ok, result.Error);
        return id!.Value;
    }

    [Fact]
    public async Task A_catalog_is_in_force_until_the_next_one_starts_and_its_year_is_unique()
    {
        var id = await CreateAsync(2040);
        await CreateAsync(2042);
        Assert.Equal(2041, (await CatalogAsync(id)).LastYear);
        var all = await App.AsUserAsync("admin", sp => Admin(sp).ListAsync());
        Assert.Null(all[^1].LastYear);
        var (duplicate, _) = await App.AsUserAsync("admin", sp => Admin(sp).CreateCatalogAsync("重复", 2040));
        Assert.Equal("2040 年起施行的产业目录已存在。", duplicate.Error);
        var seeded = await App.AsUserAsync("admin", sp => Admin(sp).ListAsync());
        Assert.Contains(seeded, c => c.StartYear == 2025 && c.Industries.Count > 0);
    }

    [Fact]
    public async Task Industries_are_added_renamed_reordered_and_deleted()
    {
        var id = await CreateAsync(2050);
        foreach (var name in new[] { "甲产业", "乙产业", "丙产业" })
            Assert.True((await App.AsUserAsync("admin", sp => Admin(sp).AddIndustryAsync(id, name, "主导"))).Ok);
        Assert.Equal("本目录中已有产业“甲产业”。", (await App.AsUserAsync("admin", sp => Admin(sp).AddIndustryAsync(id, "甲产业", null))).Error);

        var catalog = await CatalogAsync(id);
        var third = catalog.Industries[2];
        Assert.True((await App.AsUserAsync("admin", sp => Admin(sp).MoveIndustryAsync(third.Id, -1, third.Version))).Ok);
        Assert.Equal(["甲产业", "丙产业", "乙产业"], (await CatalogAsync(id)).Industries.Select(i => i.Name));

        var first = catalog.Industries[0];
        Assert.True((await App.AsUserAsync("admin", sp => Admin(sp).UpdateIndustryAsync(first.Id, "甲产业（新）", "未来", 10, first.Version))).Ok);
        var renamed = (await CatalogAsync(id)).Industries.Single(i => i.Id == first.Id);
        Assert.Equal(("甲产业（新）", "未来", 10), (renamed.Name, renamed.Tier, renamed.SortOrder));

        // The version read before the rename is stale now: the delete is refused and the industry stays.
        var stale = await App.AsUserAsync("admin", sp => Admin(sp).DeleteIndustryAsync(first.Id, first.Version));
        Assert.True(stale.Stale);
        Assert.True((await App.AsUserAsync("admin", sp => Admin(sp).DeleteIndustryAsync(renamed.Id, renamed.Version))).Ok);
        Assert.DoesNotContain((await CatalogAsync(id)).Industries, i => i.Id == first.Id);
        var audit = await App.AuditOfAsync(nameof(Industry), first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Delete", audit[^1].Action);
    }

    [Fact]
    public async Task A_stale_catalog_edit_is_refused()
    {
        var id = await CreateAsync(2060);
        var read = await CatalogAsync(id);
        Assert.True((await App.AsUserAsync("admin", sp => Admin(sp).UpdateCatalogAsync(id, "新名称", 2060, read.Version))).Ok);
        var stale = await App.AsUserAsync("admin", sp => Admin(sp).UpdateCatalogAsync(id, "旧页面的名称", 2060, read.Version));
        Assert.Equal("该记录已被他人修改，请刷新后重试。", stale.Error);
        Assert.Equal("新名称", (await CatalogAsync(id)).Name);
    }

    [Fact]
    public async Task A_non_admin_is_refused_and_nothing_changes()
    {
        var id = await CreateAsync(2070);
        foreach (var userName in new[] { "city", "auditor", "tiexi" })
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync(userName, sp => Admin(sp).AddIndustryAsync(id, "越权产业", null)));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync(userName, sp => Admin(sp).CreateCatalogAsync("越权目录", 2071)));
        }
        Assert.Empty((await CatalogAsync(id)).Industries);
        Assert.False(await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().IndustryCatalogs.AnyAsync(c => c.StartYear == 2071)));
    }

    [Fact]
    public async Task The_reference_lists_hold_sections_provinces_with_cities_and_countries()
    {
        var lists = await App.AsUserAsync("admin", sp => Admin(sp).ReferenceListsAsync());
        Assert.Equal(20, lists.Sections.Count);
        var jilin = Assert.Single(lists.Provinces, p => p.Code == "220000");
        Assert.Contains(jilin.Cities, c => c.Name == "四平市");
        Assert.Contains(lists.Countries, c => c.Name == "德国");
    }
}

[Collection("postgres")]
public sealed class PostgresCatalogAdminTests(PostgresFixture fixture) : CatalogAdminTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteCatalogAdminTests(SqliteFixture fixture) : CatalogAdminTests(fixture), IClassFixture<SqliteFixture>;

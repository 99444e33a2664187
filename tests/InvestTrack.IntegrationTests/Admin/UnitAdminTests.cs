using InvestTrack.Data;
using InvestTrack.Features.Units;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Admin;

public abstract class UnitAdminTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private static UnitAdmin Admin(IServiceProvider sp) => sp.GetRequiredService<UnitAdmin>();

    private Task<Unit> LoadAsync(int id) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Units.AsNoTracking().SingleAsync(u => u.Id == id));

    private static UnitForm FormOf(Unit u) => new()
    {
        Code = u.Code, Name = u.Name, ShortName = u.ShortName, Kind = u.Kind, ParentId = u.ParentId, IsActive = u.IsActive, SortOrder = u.SortOrder,
    };

    /// <summary>A fresh unit with a unique code and name.</summary>
    private async Task<Unit> CreateAsync(UnitKind kind = UnitKind.Department, string parentCode = "220300")
    {
        var suffix = AdminTestSupport.Unique();
        var form = new UnitForm { Code = $"T{suffix}", Name = $"测试单位{suffix}", Kind = kind, ParentId = await App.UnitIdAsync(parentCode), SortOrder = 900 };
        var (result, id) = await App.AsUserAsync("admin", sp => Admin(sp).CreateAsync(form));
        Assert.True(result.Ok, result.Error);
        return await LoadAsync(id!.Value);
    }

    [Fact]
    public async Task A_unit_is_added_and_edited_and_audited()
    {
        var unit = await CreateAsync(UnitKind.Zone, "220322");
        var form = FormOf(unit);
        form.Name += "（改）";
        form.ShortName = "测开区";
        form.ParentId = await App.UnitIdAsync("220300");
        form.IsActive = false;
        var result = await App.AsUserAsync("admin", sp => Admin(sp).UpdateAsync(unit.Id, form, unit.Version));
        Assert.True(result.Ok, result.Error);
        var saved = await LoadAsync(unit.Id);
        Assert.Equal((form.Name, "测开区", form.ParentId, false, unit.Version + 1), (saved.Name, saved.ShortName, saved.ParentId, saved.IsActive, saved.Version));
        var audit = await App.AuditOfAsync(nameof(Unit), unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["Create", "Update"], audit.Select(e => e.Action));
        var rows = await App.AsUserAsync("admin", sp => Admin(sp).ListAsync());
        var row = Assert.Single(rows, r => r.Id == unit.Id);
        Assert.Equal(1, row.Depth);
        var city = rows.Single(r => r.Code == "220300");
        Assert.Equal(0, city.Depth);
        Assert.Equal(city, rows[0]);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_nothing_is_lost()
    {
        var unit = await CreateAsync();
        var first = FormOf(unit);
        first.ShortName = "先保存";
        Assert.True((await App.AsUserAsync("admin", sp => Admin(sp).UpdateAsync(unit.Id, first, unit.Version))).Ok);
        var second = FormOf(unit);
        second.ShortName = "后保存";
        var stale = await App.AsUserAsync("admin", sp => Admin(sp).UpdateAsync(unit.Id, second, unit.Version));
        Assert.True(stale.Stale);
        Assert.Equal("该记录已被他人修改，请刷新后重试。", stale.Error);
        Assert.Equal("先保存", (await LoadAsync(unit.Id)).ShortName);
    }

    [Fact]
    public async Task A_duplicate_name_or_code_gets_a_Chinese_message()
    {
        var unit = await CreateAsync();
        var form = FormOf(unit);
        form.Name = "铁西区";
        var rename = await App.AsUserAsync("admin", sp => Admin(sp).UpdateAsync(unit.Id, form, unit.Version));
        Assert.Equal("单位名称“铁西区”已存在。", rename.Error);
        var (create, _) = await App.AsUserAsync("admin", sp => Admin(sp).CreateAsync(new UnitForm { Code = unit.Code, Name = "另一个", ParentId = unit.ParentId }));
        Assert.Equal($"单位编码“{unit.Code}”已存在。", create.Error);
        Assert.Equal(unit.Name, (await LoadAsync(unit.Id)).Name);
    }

    [Fact]
    public async Task A_cycle_or_a_wrong_parent_is_refused()
    {
        var county = await CreateAsync(UnitKind.County);
        var zone = await CreateAsync(UnitKind.Zone, county.Code);
        var form = FormOf(county);
        form.ParentId = zone.Id;
        var cycle = await App.AsUserAsync("admin", sp => Admin(sp).UpdateAsync(county.Id, form, county.Version));
        Assert.Equal("不能把单位设在它自己或它的下级单位之下。", cycle.Error);
        form.ParentId = county.Id;
        Assert.Equal("不能把单位设在它自己或它的下级单位之下。", (await App.AsUserAsync("admin", sp => Admin(sp).UpdateAsync(county.Id, form, county.Version))).Error);

        var city = await LoadAsync(await App.UnitIdAsync("220300"));
        var cityForm = FormOf(city);
        cityForm.ParentId = county.Id;
        Assert.Equal("不能把单位设在它自己或它的下级单位之下。", (await App.AsUserAsync("admin", sp => Admin(sp).UpdateAsync(city.Id, cityForm, city.Version))).Error);

        var department = await CreateAsync();
        var deptForm = FormOf(department);
        deptForm.ParentId = county.Id;
        Assert.Equal("市直部门的上级单位须为市本级。", (await App.AsUserAsync("admin", sp => Admin(sp).UpdateAsync(department.Id, deptForm, department.Version))).Error);
        Assert.Equal(county.ParentId, (await LoadAsync(county.Id)).ParentId);
        Assert.Null((await LoadAsync(city.Id)).ParentId);
    }

    [Fact]
    public async Task A_non_admin_is_refused_and_nothing_changes()
    {
        var unit = await CreateAsync();
        var form = FormOf(unit);
        form.Name = "越权修改";
        foreach (var userName in new[] { "city", "leader", "lishu" })
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync(userName, sp => Admin(sp).UpdateAsync(unit.Id, form, unit.Version)));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync(userName, sp => Admin(sp).CreateAsync(form)));
        }
        Assert.Equal(unit.Name, (await LoadAsync(unit.Id)).Name);
        Assert.False(await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Units.AnyAsync(u => u.Name == "越权修改")));
    }
}

[Collection("postgres")]
public sealed class PostgresUnitAdminTests(PostgresFixture fixture) : UnitAdminTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteUnitAdminTests(SqliteFixture fixture) : UnitAdminTests(fixture), IClassFixture<SqliteFixture>;

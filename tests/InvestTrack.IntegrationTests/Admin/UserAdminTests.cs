using System.Net;
using InvestTrack.Data;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Admin;

public abstract class UserAdminTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private async Task<CreatedUser> CreateAsync(string role = Roles.UnitUser, string unitCode = "220302")
    {
        var unitId = await App.UnitIdAsync(unitCode);
        var form = new UserForm { UserName = $"u.{AdminTestSupport.Unique()}", DisplayName = "测试 用户", UnitId = unitId, Role = role };
        var (result, created) = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().CreateAsync(form));
        Assert.True(result.Ok, result.Error);
        return created!;
    }

    private Task<UserRow?> RowAsync(string id) => App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().FindAsync(id));

    [Fact]
    public async Task Created_user_signs_in_with_the_one_time_password_and_must_change_it()
    {
        var created = await CreateAsync();
        var row = await RowAsync(created.UserId);
        Assert.True(row!.MustChangePassword);
        Assert.Equal(Roles.UnitUser, row.Role);
        var response = await TestApp.PostLoginAsync(App.NewClient(), created.UserName, created.OneTimePassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith(MustChangePasswordRedirect.Path, response.Headers.Location!.ToString());
        var audit = await App.AuditOfAsync(nameof(AppUser), created.UserId);
        Assert.Contains(audit, e => e.Action == "Create" && e.UserName == "admin");
        Assert.Contains(audit, e => e.Action == "RoleChanged" && e.NewValues!.Contains(Roles.UnitUser));
    }

    [Fact]
    public async Task Role_change_is_visible_audited_and_renews_the_security_stamp()
    {
        var created = await CreateAsync();
        var before = await RowAsync(created.UserId);
        var stampBefore = await App.AsSystemAsync(async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(created.UserId))!.SecurityStamp);
        var form = new UserForm { DisplayName = "改名 用户", UnitId = await App.UnitIdAsync("220322"), Role = Roles.Leader };
        var result = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().UpdateAsync(created.UserId, form, before!.ConcurrencyStamp));
        Assert.True(result.Ok, result.Error);

        var after = await RowAsync(created.UserId);
        Assert.Equal((Roles.Leader, "改名 用户", form.UnitId), (after!.Role, after.DisplayName, after.UnitId));
        var stampAfter = await App.AsSystemAsync(async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(created.UserId))!.SecurityStamp);
        Assert.NotEqual(stampBefore, stampAfter);
        var change = Assert.Single(await App.AuditOfAsync(nameof(AppUser), created.UserId), e => e.Action == "RoleChanged" && e.NewValues!.Contains(Roles.Leader));
        Assert.Contains(Roles.UnitUser, change.NewValues);
        Assert.Equal(("admin", Roles.SystemAdmin), (change.UserName, change.Role));
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_changes_nothing()
    {
        var created = await CreateAsync();
        var read = await RowAsync(created.UserId);
        var first = new UserForm { DisplayName = "第一次", UnitId = read!.UnitId, Role = Roles.UnitUser };
        Assert.True((await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().UpdateAsync(created.UserId, first, read.ConcurrencyStamp))).Ok);
        var second = new UserForm { DisplayName = "第二次", UnitId = read.UnitId, Role = Roles.CityAdmin };
        var stale = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().UpdateAsync(created.UserId, second, read.ConcurrencyStamp));
        Assert.True(stale.Stale);
        Assert.Contains("已被他人修改", stale.Error);
        var now = await RowAsync(created.UserId);
        Assert.Equal(("第一次", Roles.UnitUser), (now!.DisplayName, now.Role));
    }

    [Fact]
    public async Task A_non_admin_is_refused_and_nothing_changes()
    {
        var created = await CreateAsync();
        var row = await RowAsync(created.UserId);
        var form = new UserForm { UserName = $"x.{AdminTestSupport.Unique()}", DisplayName = "越权", UnitId = row!.UnitId, Role = Roles.CityAdmin };
        foreach (var userName in new[] { "city", "auditor", "tiexi" })
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync(userName, sp => sp.GetRequiredService<UserAdmin>().CreateAsync(form)));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync(userName, sp => sp.GetRequiredService<UserAdmin>().UpdateAsync(created.UserId, form, row.ConcurrencyStamp)));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync(userName, sp => sp.GetRequiredService<UserAdmin>().SetDisabledAsync(created.UserId, true)));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync(userName, sp => sp.GetRequiredService<UserAdmin>().ListAsync(new UserQuery())));
        }
        Assert.Equal(row, await RowAsync(created.UserId));
        Assert.False(await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Users.AnyAsync(u => u.UserName == form.UserName)));
        Assert.Contains(await App.AuditOfAsync(nameof(AppUser), created.UserId), e => e.Action == "Refused" && e.UserName == "city" && e.Result == "Refused");
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_until_enabled()
    {
        var created = await CreateAsync();
        Assert.True((await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().SetDisabledAsync(created.UserId, true))).Ok);
        Assert.Equal(UserState.Disabled, (await RowAsync(created.UserId))!.State);
        var refused = await TestApp.PostLoginAsync(App.NewClient(), created.UserName, created.OneTimePassword);
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);

        Assert.True((await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().SetDisabledAsync(created.UserId, false))).Ok);
        var allowed = await TestApp.PostLoginAsync(App.NewClient(), created.UserName, created.OneTimePassword);
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        var actions = (await App.AuditOfAsync(nameof(AppUser), created.UserId)).Select(e => e.Action).ToList();
        Assert.Contains("UserDisabled", actions);
        Assert.Contains("UserEnabled", actions);
    }

    [Fact]
    public async Task Reset_password_replaces_the_old_one_with_a_new_one_time_password()
    {
        var created = await CreateAsync();
        var (result, password) = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().ResetPasswordAsync(created.UserId));
        Assert.True(result.Ok, result.Error);
        Assert.NotEqual(created.OneTimePassword, password);
        Assert.NotEqual(HttpStatusCode.Redirect, (await TestApp.PostLoginAsync(App.NewClient(), created.UserName, created.OneTimePassword)).StatusCode);
        var response = await TestApp.PostLoginAsync(App.NewClient(), created.UserName, password!);
        Assert.EndsWith(MustChangePasswordRedirect.Path, response.Headers.Location!.ToString());
        Assert.Contains(await App.AuditOfAsync(nameof(AppUser), created.UserId), e => e.Action == "PasswordReset");
    }

    [Fact]
    public async Task An_admin_cannot_disable_or_demote_themselves()
    {
        var admin = await App.AsSystemAsync(async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("admin"))!);
        var row = await RowAsync(admin.Id);
        var disable = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().SetDisabledAsync(admin.Id, true));
        Assert.Equal("不能停用自己的账号。", disable.Error);
        var demote = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().UpdateAsync(admin.Id,
            new UserForm { DisplayName = row!.DisplayName, UnitId = row.UnitId, Role = Roles.CityAdmin }, row.ConcurrencyStamp));
        Assert.Equal("不能更改自己的角色。", demote.Error);
        Assert.Equal(row, await RowAsync(admin.Id));
    }

    [Fact]
    public async Task Invalid_input_is_refused_with_Chinese_messages()
    {
        var unitId = await App.UnitIdAsync("220302");
        async Task<string?> Create(string userName, string displayName, int unit, string role) =>
            (await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().CreateAsync(
                new UserForm { UserName = userName, DisplayName = displayName, UnitId = unit, Role = role }))).Result.Error;
        Assert.Contains("用户名须为", await Create("ab", "名字", unitId, Roles.UnitUser));
        Assert.Contains("用户名须为", await Create("张三abc", "名字", unitId, Roles.UnitUser));
        Assert.Equal("用户名“tiexi”已存在。", await Create("tiexi", "名字", unitId, Roles.UnitUser));
        Assert.Equal("请填写姓名。", await Create($"ok.{AdminTestSupport.Unique()}", "  ", unitId, Roles.UnitUser));
        Assert.Equal("所选单位不存在。", await Create($"ok.{AdminTestSupport.Unique()}", "名字", 987654, Roles.UnitUser));
        Assert.Equal("请选择一个有效的角色。", await Create($"ok.{AdminTestSupport.Unique()}", "名字", unitId, "Root"));
    }

    [Fact]
    public async Task The_list_filters_sorts_and_pages()
    {
        var created = await CreateAsync(Roles.Auditor, "220303");
        var admin = (IServiceProvider sp) => sp.GetRequiredService<UserAdmin>();
        var byText = await App.AsUserAsync("admin", sp => admin(sp).ListAsync(new UserQuery(created.UserName.ToUpperInvariant())));
        Assert.Equal(created.UserId, Assert.Single(byText.Rows).Id);
        var unitId = await App.UnitIdAsync("220303");
        var byUnitAndRole = await App.AsUserAsync("admin", sp => admin(sp).ListAsync(new UserQuery(UnitId: unitId, Role: Roles.Auditor)));
        Assert.All(byUnitAndRole.Rows, r => Assert.Equal((unitId, Roles.Auditor), (r.UnitId, r.Role)));
        Assert.Contains(byUnitAndRole.Rows, r => r.Id == created.UserId);
        var page = await App.AsUserAsync("admin", sp => admin(sp).ListAsync(new UserQuery(Sort: UserSort.UserName, Descending: true, PageSize: 3)));
        Assert.Equal(3, page.Rows.Count);
        Assert.True(page.Total >= 8);
        Assert.Equal(page.Rows.Select(r => r.UserName).OrderByDescending(n => n, StringComparer.Ordinal), page.Rows.Select(r => r.UserName));
    }
}

[Collection("postgres")]
public sealed class PostgresUserAdminTests(PostgresFixture fixture) : UserAdminTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteUserAdminTests(SqliteFixture fixture) : UserAdminTests(fixture), IClassFixture<SqliteFixture>;

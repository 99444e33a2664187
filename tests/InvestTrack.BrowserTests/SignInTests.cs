using InvestTrack.BrowserTests.Pages;
using InvestTrack.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

public sealed class SignInTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string[] AdminLinks = ["用户", "单位", "产业目录"];
    private static readonly string[] RecordLinks = ["项目"];
    private static readonly string[] AuditLinks = ["审计日志"];

    private static readonly Dictionary<string, string> RoleNames = new()
    {
        ["SystemAdmin"] = "系统管理员", ["Auditor"] = "安全审计员", ["CityAdmin"] = "市级管理员", ["Leader"] = "领导", ["UnitUser"] = "单位用户",
    };

    /// <summary>User, the links the navigation shows, and a screenshot of the home page (or null).</summary>
    public static TheoryData<string, string[], string?> Users => new()
    {
        { "admin", AdminLinks, null },
        { "auditor", AuditLinks, null },
        { "city", RecordLinks, "home-city.png" },
        { "leader", RecordLinks, null },
        { "tiexi", RecordLinks, null },
        { "tiedong", RecordLinks, null },
        { "lishu", RecordLinks, "home-lishu.png" },
        { "lishuzone", RecordLinks, null },
    };

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Each_role_sees_its_name_unit_menu_and_true_counts(string userName, string[] links, string? screenshot)
    {
        var user = await fixture.App.UserAsync(userName);
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        var shell = await new LoginPage(page).SignInAsync(userName);

        await Expect(shell.CurrentUser).ToContainTextAsync(user.DisplayName);
        await Expect(shell.CurrentUser).ToContainTextAsync(user.UnitName);
        await Expect(shell.CurrentUser).ToContainTextAsync(RoleNames[user.Role]);

        await Expect(shell.NavLink("首页")).ToBeVisibleAsync();
        foreach (var link in links)
            await Expect(shell.NavLink(link)).ToBeVisibleAsync();
        foreach (var link in AdminLinks.Concat(RecordLinks).Concat(AuditLinks).Except(links))
            await Expect(shell.NavLink(link)).ToHaveCountAsync(0);

        await Expect(shell.Title).ToHaveTextAsync("工作台");
        Assert.Equal(await fixture.App.VisibleUnitCountAsync(user), await shell.StatAsync("stat-units"));
        // The auditor's user count is wrong today: see Auditor_home_counts_the_users_of_the_city_it_shows.
        if (user.Role != InvestTrack.Infrastructure.Auth.Roles.Auditor)
            Assert.Equal(await fixture.App.VisibleUserCountAsync(user), await shell.StatAsync("stat-users"));
        // Record counts only for those who may see records.
        await Expect(page.GetByTestId("stat-projects")).ToHaveCountAsync(links.Contains("项目") ? 1 : 0);

        if (screenshot is not null) await Artifacts.ScreenshotAsync(page, screenshot);
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_the_Chinese_message()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var login = await new LoginPage(page).OpenAsync();
        await Expect(login.Heading).ToHaveTextAsync("登录");
        await Expect(page.GetByTestId("demo-notice")).ToContainTextAsync(TestApp.Password);
        await Artifacts.ScreenshotAsync(page, "login.png");

        await login.FillAndSubmitAsync("tiedong", "Wrong#2026go");

        await Expect(login.Error).ToContainTextAsync("用户名或密码错误");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Expect(page.GetByTestId("current-user")).ToHaveCountAsync(0);
        // The user name stays for another try.
        await Expect(login.UserName).ToHaveValueAsync("tiedong");
    }

    [Fact]
    public async Task Refused_password_is_not_sent_back_in_the_page()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var login = await new LoginPage(page).OpenAsync();
        await login.FillAndSubmitAsync("tiedong", "Wrong#2026go");
        await Expect(login.Error).ToBeVisibleAsync();
        await Expect(login.Password).ToHaveValueAsync("");
        Assert.DoesNotContain("Wrong#2026go", await page.ContentAsync());
    }

    [Fact]
    public async Task Auditor_home_counts_the_users_of_the_city_it_shows()
    {
        var user = await fixture.App.UserAsync("auditor");
        await using var context = await fixture.NewContextAsync();
        var shell = await new LoginPage(await context.NewPageAsync()).SignInAsync("auditor");
        Assert.Equal(await fixture.App.VisibleUserCountAsync(user), await shell.StatAsync("stat-users"));
    }
}

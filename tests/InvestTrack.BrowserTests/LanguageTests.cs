using InvestTrack.BrowserTests.Pages;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

public sealed class LanguageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Switching_to_English_is_remembered_for_the_user_and_can_be_undone()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync("tiedong");
        await Expect(shell.NavLink("项目")).ToBeVisibleAsync();
        await Expect(shell.SwitchLanguage).ToHaveTextAsync("English");

        await shell.SwitchLanguageAsync(navProjectsAfter: "Projects");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(shell.Title).ToHaveTextAsync("Overview");
        await Expect(shell.NavLink("Home")).ToBeVisibleAsync();
        await Expect(shell.NavLink("项目")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("stat-units")).ToContainTextAsync("Units");
        await Expect(shell.SwitchLanguage).ToHaveTextAsync("中文");
        // Names from the database stay as they are.
        await Expect(shell.CurrentUser).ToContainTextAsync("铁东区 刘洋");
        await Artifacts.ScreenshotAsync(page, "home-en.png");

        // Signed out, and without the culture cookie: the choice comes back with the user, not the browser.
        var login = await shell.LogoutAsync();
        await context.ClearCookiesAsync();
        await login.OpenAsync();
        await Expect(login.Heading).ToHaveTextAsync("登录");
        shell = await login.SignInAsync("tiedong");
        await Expect(shell.Title).ToHaveTextAsync("Overview");
        await Expect(shell.NavLink("Projects")).ToBeVisibleAsync();

        await shell.SwitchLanguageAsync(navProjectsAfter: "项目");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(shell.Title).ToHaveTextAsync("工作台");
        await Expect(shell.SwitchLanguage).ToHaveTextAsync("English");
        var preferred = await fixture.App.AsSystemAsync(async sp =>
            (await sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<InvestTrack.Features.Users.AppUser>>().FindByNameAsync("tiedong"))!.PreferredCulture);
        Assert.Equal("zh-CN", preferred);
    }
}

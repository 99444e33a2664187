using System.Text.RegularExpressions;
using InvestTrack.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests.Pages;

/// <summary>The sign-in page (static server rendering; works in either language).</summary>
public sealed partial class LoginPage(IPage page)
{
    public ILocator UserName => page.GetByLabel(UserNameLabel());
    public ILocator Password => page.GetByLabel(PasswordLabel());
    public ILocator Submit => page.GetByRole(AriaRole.Button, new() { NameRegex = SubmitLabel() });
    public ILocator Error => page.GetByRole(AriaRole.Alert);
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public async Task<LoginPage> OpenAsync()
    {
        await page.GotoAsync("/account/login");
        await Expect(UserName).ToBeVisibleAsync();
        return this;
    }

    public async Task FillAndSubmitAsync(string userName, string password)
    {
        await UserName.FillAsync(userName);
        await Password.FillAsync(password);
        await Submit.ClickAsync();
    }

    /// <summary>Signs in and waits for the shell of the home page, interactive.</summary>
    public async Task<Shell> SignInAsync(string userName, string password = TestApp.Password)
    {
        await OpenAsync();
        await FillAndSubmitAsync(userName, password);
        var shell = new Shell(page);
        await Expect(shell.CurrentUser).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await shell.WaitForInteractiveAsync();
        return shell;
    }

    [GeneratedRegex("^(用户名|User name)$")] private static partial Regex UserNameLabel();
    [GeneratedRegex("^(密码|Password)$")] private static partial Regex PasswordLabel();
    [GeneratedRegex("^(登录|Sign in)$")] private static partial Regex SubmitLabel();
}

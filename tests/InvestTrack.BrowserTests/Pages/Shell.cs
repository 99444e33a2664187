using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests.Pages;

/// <summary>The signed-in frame: app bar (user, language, sign-out) and navigation.</summary>
public sealed class Shell(IPage page)
{
    public IPage Page => page;
    public ILocator CurrentUser => page.GetByTestId("current-user");
    public ILocator SwitchLanguage => page.GetByTestId("switch-language");
    public ILocator Logout => page.GetByTestId("logout");
    /// <summary>The side menu (not the breadcrumbs, which are a navigation landmark too).</summary>
    public ILocator Navigation => page.Locator("nav.mud-navmenu");
    public ILocator Title => page.GetByRole(AriaRole.Heading, new() { Level = 4 }).First;

    public ILocator NavLink(string name) => Navigation.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>
    /// Waits until Blazor has taken over the prerendered page: its circuit has rendered and its router handles links
    /// (the app's mark, Routes.razor). The circuit's first render alone is not enough: the router asks the browser for
    /// links just after it, and a navigation in between goes to the server.
    /// </summary>
    public async Task WaitForInteractiveAsync() => await page.Locator("[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Posts the language switch and waits for the page to come back in the other language.</summary>
    public async Task SwitchLanguageAsync(string navProjectsAfter)
    {
        await WaitForInteractiveAsync();
        await SwitchLanguage.ClickAsync();
        await Expect(NavLink(navProjectsAfter)).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
    }

    /// <summary>Switches the user's language to <paramref name="language"/> (zh or en) from any signed-in page of the frame and
    /// waits for the page to come back in it, interactive; nothing when it is the language already.</summary>
    public async Task UseLanguageAsync(string language)
    {
        await WaitForInteractiveAsync();
        var html = page.Locator("html");
        if ((await html.GetAttributeAsync("lang") ?? "").StartsWith(language, StringComparison.Ordinal)) return;
        await SwitchLanguage.ClickAsync();
        await Expect(html).ToHaveAttributeAsync("lang", new System.Text.RegularExpressions.Regex($"^{language}"));
        await WaitForInteractiveAsync();
    }

    public async Task<LoginPage> LogoutAsync()
    {
        await WaitForInteractiveAsync();
        await Logout.ClickAsync();
        var login = new LoginPage(page);
        await Expect(login.UserName).ToBeVisibleAsync();
        return login;
    }

    /// <summary>The big number of a home-page statistics card (data-testid stat-units, stat-users, stat-projects).</summary>
    public async Task<int> StatAsync(string testId)
    {
        var value = page.GetByTestId(testId).Locator(".mud-typography-h3");
        await Expect(value).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*\d+\s*$"));
        return int.Parse((await value.InnerTextAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

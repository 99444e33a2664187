using System.Text.RegularExpressions;
using InvestTrack.BrowserTests.Pages;
using InvestTrack.Infrastructure.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>The app with its open pages checking their user every second instead of every minute (Security:CircuitCheckSeconds).</summary>
public sealed class CircuitCheckFixture() : BrowserFixture(new Dictionary<string, string> { [CircuitCheckOptions.Key] = "1" });

/// <summary>
/// docs/security.md 7 and 12: a page left open in the browser follows what happens to its user elsewhere. Its circuit
/// makes no request and never reads the cookie again; its periodic check signs it out, and the page goes to the login page.
/// </summary>
public sealed partial class OpenPageSignOutTests(CircuitCheckFixture fixture) : IClassFixture<CircuitCheckFixture>
{
    [Fact]
    public async Task An_open_page_goes_to_the_login_page_when_the_security_admin_ends_its_users_sessions()
    {
        await using var userContext = await fixture.NewContextAsync();
        var userPage = await userContext.NewPageAsync();
        var user = await new LoginPage(userPage).SignInAsync("tiexi");

        await using var adminContext = await fixture.NewContextAsync(BrowserFixture.Desktop);
        var admin = await adminContext.NewPageAsync();
        var adminShell = await new LoginPage(admin).SignInAsync("security");
        await admin.GotoAsync("/admin/account-security");
        await adminShell.WaitForInteractiveAsync();
        await admin.GetByTestId("security-search").FillAsync("tiexi");
        // The search applies after a pause in typing: until then the whole list shows, tiexi among it, and a click there meets
        // the rows being redrawn. The searched list has tiexi alone in its user-name cells (a loading list has a row of its
        // own, with no such cell, and one row of it is not the answer).
        var rows = admin.GetByTestId("security-table").Locator("tbody tr");
        await Expect(rows.Locator("td:first-child")).ToHaveTextAsync(["tiexi"]);
        var row = rows.Filter(new() { Has = admin.GetByRole(AriaRole.Cell, new() { Name = "tiexi", Exact = true }) });
        // The open page has been checked many times (once a second) while the security admin got here: still signed in.
        await Expect(user.CurrentUser).ToBeVisibleAsync();
        Assert.Matches(HomeUrl(), userPage.Url);

        await row.GetByTestId("end-sessions").ClickAsync();
        await Mud.ConfirmAsync(admin, "确定结束用户 tiexi", "结束会话");

        await Expect(userPage).ToHaveURLAsync(LoginUrl());
        await Expect(new LoginPage(userPage).UserName).ToBeVisibleAsync();
        await Expect(user.CurrentUser).ToHaveCountAsync(0);
        // Only that user's sessions end: the security admin's page stays.
        await Expect(adminShell.CurrentUser).ToBeVisibleAsync();
        Assert.DoesNotMatch(LoginUrl(), admin.Url);
    }

    [Fact]
    public async Task An_open_page_goes_to_the_login_page_when_its_user_signs_out_in_another_browser()
    {
        await using var openContext = await fixture.NewContextAsync();
        var openPage = await openContext.NewPageAsync();
        var open = await new LoginPage(openPage).SignInAsync("tiedong");

        await using var otherContext = await fixture.NewContextAsync();
        var other = await new LoginPage(await otherContext.NewPageAsync()).SignInAsync("tiedong");
        await Expect(open.CurrentUser).ToBeVisibleAsync();
        Assert.Matches(HomeUrl(), openPage.Url);

        await other.LogoutAsync();

        await Expect(openPage).ToHaveURLAsync(LoginUrl());
        await Expect(new LoginPage(openPage).UserName).ToBeVisibleAsync();
        await Expect(open.CurrentUser).ToHaveCountAsync(0);
    }

    [GeneratedRegex("/account/login")]
    private static partial Regex LoginUrl();

    [GeneratedRegex("/$")]
    private static partial Regex HomeUrl();
}

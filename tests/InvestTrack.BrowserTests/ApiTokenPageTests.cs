using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using InvestTrack.BrowserTests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>Issue 14 item 7 in a real browser: a user makes an API token, sees it once, calls the API with it and revokes it.</summary>
public sealed class ApiTokenPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_user_creates_a_token_sees_it_once_and_revokes_it()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync("tiexi");
        await page.GetByTestId("api-tokens").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/tokens$"));
        await new Shell(page).WaitForInteractiveAsync();

        var name = $"浏览器脚本{Guid.NewGuid():N}"[..12];
        await page.GetByTestId("token-name").FillAsync(name);
        await page.GetByTestId("token-create").ClickAsync();
        var value = page.GetByTestId("token-value");
        await Expect(value).ToHaveTextAsync(new Regex("^itk_[A-Za-z0-9_-]{43}$"));
        var token = await value.TextContentAsync();
        var row = page.GetByTestId("my-tokens").GetByTestId("token-row").Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync(token![..12]);
        await Expect(row).ToContainTextAsync("只读");
        await Expect(row).ToContainTextAsync("从未使用");
        await Artifacts.ScreenshotAsync(page, "api-token-created.png");

        // The token works for a script, and the list then shows its use.
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/me")).StatusCode);

        // Shown once: after reloading the page only the prefix remains.
        await page.ReloadAsync();
        await new Shell(page).WaitForInteractiveAsync();
        await Expect(page.GetByTestId("token-value")).ToHaveCountAsync(0);
        await Expect(row).Not.ToContainTextAsync("从未使用");
        await Expect(page.Locator("body")).Not.ToContainTextAsync(token[12..]);

        await row.GetByTestId("token-revoke").ClickAsync();
        await Mud.ConfirmAsync(page, $"撤销令牌“{name}”", "确认");
        await Expect(row.GetByTestId("token-status")).ToContainTextAsync("已撤销");
        await Expect(row.GetByTestId("token-revoke")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/me")).StatusCode);
        await Artifacts.ScreenshotAsync(page, "api-token-revoked.png");
    }
}

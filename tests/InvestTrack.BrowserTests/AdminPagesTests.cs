using System.Text.RegularExpressions;
using InvestTrack.BrowserTests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>The system admin's pages work in a real browser: lists load, dialogs open, a new user gets a one-time password.</summary>
public sealed class AdminPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> SignedInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin");
        return page;
    }

    /// <summary>Full loads are prerendered first; clicks count only once the circuit is up.</summary>
    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await new Shell(page).WaitForInteractiveAsync();
    }

    [Fact]
    public async Task Admin_creates_a_user_and_sees_the_one_time_password_once()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await SignedInAsync(context);
        await OpenAsync(page, "/admin/users");
        await Expect(page.GetByTestId("user-table")).ToContainTextAsync("铁西区 张华");

        await page.GetByTestId("user-create").ClickAsync();
        var userName = $"b.{Guid.NewGuid():N}"[..12];
        await page.GetByTestId("user-username").FillAsync(userName);
        await page.GetByTestId("user-displayname").FillAsync("浏览器 用户");
        await page.GetByTestId("user-unit").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("铁东区") }).First.ClickAsync();
        await page.GetByTestId("user-save").ClickAsync();

        await Expect(page.GetByTestId("one-time-password")).ToHaveTextAsync(new Regex(@"^\S{12,}$"));
        await Artifacts.ScreenshotAsync(page, "admin-one-time-password.png");
        await page.GetByTestId("password-done").ClickAsync();
        await Expect(page.GetByTestId("one-time-password")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("user-table")).ToContainTextAsync(userName);
    }

    [Fact]
    public async Task Units_and_catalogs_show_the_tree_and_the_industries()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await SignedInAsync(context);
        await OpenAsync(page, "/admin/units");
        await Expect(page.GetByTestId("unit-table")).ToContainTextAsync("梨树经济开发区");
        await page.GetByTestId("unit-create").ClickAsync();
        await Expect(page.GetByTestId("unit-name")).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "admin-units.png");
        await page.Keyboard.PressAsync("Escape");

        await OpenAsync(page, "/admin/catalogs");
        await Expect(page.GetByText("新材料").First).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "admin-catalogs.png");
        await page.GetByRole(AriaRole.Tab, new() { Name = "参考数据" }).ClickAsync();
        await page.GetByTestId("reference-filter").FillAsync("四平");
        await Expect(page.GetByTestId("reference-provinces")).ToContainTextAsync("吉林");
    }
}

using System.Text.RegularExpressions;
using InvestTrack.BrowserTests.Pages;
using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>
/// Issue 13, item 13: the main journeys with the keyboard alone (Tab, typing, Enter), and the focus always visible.
/// Nothing is clicked: each step tabs to what it needs, bounded, and checks that the focused element shows a ring.
/// </summary>
public sealed class KeyboardTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>Presses Tab until the focused element matches, at most <paramref name="most"/> times; fails otherwise.</summary>
    private static async Task TabToAsync(IPage page, string selector, int most = 60)
    {
        for (var i = 0; i < most; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector)) return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached {selector}");
    }

    /// <summary>The focused element draws a visible ring (an outline or a box shadow), as WCAG 2.4.7 asks.</summary>
    private static async Task AssertFocusVisibleAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("""
            () => {
              const e = document.activeElement; if (!e || e === document.body) return false;
              const s = getComputedStyle(e);
              return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
            }
            """), "the focused element shows no focus ring");

    private static async Task SignInWithKeysAsync(IPage page, string user)
    {
        await page.GotoAsync("/account/login");
        // The user name field has the focus as the page opens.
        await Expect(page.Locator("#username")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(user);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(Tests.TestApp.Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("current-user")).ToBeVisibleAsync();
        await new Shell(page).WaitForInteractiveAsync();
    }

    [Fact]
    public async Task A_project_is_found_and_opened_with_the_keyboard()
    {
        var name = await fixture.App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.OrderBy(p => p.Id).Select(p => p.Name).FirstAsync());
        await using var context = await fixture.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await SignInWithKeysAsync(page, "city");

        await TabToAsync(page, "[data-testid=global-search]");
        await AssertFocusVisibleAsync(page);
        await page.Keyboard.TypeAsync(name);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/search"));
        await new Shell(page).WaitForInteractiveAsync();
        await TabToAsync(page, ".mud-main-content td a[href*='projects/']");
        await AssertFocusVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"/projects/\d+$"));
        await Expect(page.GetByTestId("project-name")).ToHaveTextAsync(name);
    }

    [Fact]
    public async Task The_auditor_opens_an_entry_with_the_keyboard()
    {
        await using var context = await fixture.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await SignInWithKeysAsync(page, "auditor");
        await TabToAsync(page, "nav.mud-navmenu a[href='/audit'], nav.mud-navmenu a[href='audit']");
        await AssertFocusVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("audit-table")).ToBeVisibleAsync();
        await new Shell(page).WaitForInteractiveAsync();
        await TabToAsync(page, "[data-testid=audit-table] button.link-button", most: 120);
        await AssertFocusVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("audit-detail")).ToBeVisibleAsync();
    }
}

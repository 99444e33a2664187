using System.Text.RegularExpressions;
using InvestTrack.BrowserTests.Pages;
using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>
/// No dead ends (issue 13): the not-found and no-right pages are the app's own, with their status, in both languages, at
/// a desktop and a laptop size; the search box of the app bar finds a project, whose page shows where it sits.
/// </summary>
public sealed class DeadEndsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly (int Width, int Height)[] Sizes = [(1440, 900), (1366, 768)];

    private sealed record Words(string Lang, string NotFound, string Forbidden, string Home);

    [Fact]
    public async Task Not_found_and_no_right_pages_are_the_apps_own_with_their_status_in_both_languages()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync("tiedong");
        foreach (var w in new[] { new Words("zh-CN", "页面或记录不存在", "没有访问权限", "返回首页"), new Words("en", "Page or record not found", "No access", "Back to the home page") })
        {
            foreach (var (width, height) in Sizes)
            {
                await page.SetViewportSizeAsync(width, height);
                foreach (var (url, status, heading, name) in new[] { ("/no-such-page", 404, w.NotFound, "not-found"), ("/admin/users", 403, w.Forbidden, "forbidden") })
                {
                    var response = await page.GotoAsync(url);
                    Assert.Equal(status, response!.Status);
                    // The page keeps the address asked for (the language switch comes back to it).
                    await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(url) + "$"));
                    await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = heading })).ToBeVisibleAsync();
                    await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", w.Lang);
                    await Expect(page.GetByRole(AriaRole.Link, new() { Name = w.Home, Exact = true })).ToBeVisibleAsync();
                    await Expect(shell.CurrentUser).ToBeVisibleAsync();
                    Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{url} wider than {width}px");
                    await Artifacts.ScreenshotAsync(page, $"{name}-{w.Lang}-{width}x{height}.png");
                }
            }
            if (w.Lang == "zh-CN")
            {
                // The app bar works on these pages too: the language switch comes back to the same refusal, in English.
                await shell.SwitchLanguage.ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "No access" })).ToBeVisibleAsync();
                Assert.EndsWith("/admin/users", page.Url, StringComparison.Ordinal);
            }
        }
        // The way back works.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the home page", Exact = true }).ClickAsync();
        await Expect(shell.Title).ToHaveTextAsync("Overview");
        await shell.WaitForInteractiveAsync();
        // Inside the running app (no request to the server), the router shows the same pages.
        foreach (var (url, heading) in new[] { ("/admin/users", "No access"), ("/no-such-page", "Page or record not found") })
        {
            await page.EvaluateAsync("url => Blazor.navigateTo(url)", url);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = heading })).ToBeVisibleAsync();
        }
        await page.GotoAsync("/");
        await shell.WaitForInteractiveAsync();
        await shell.SwitchLanguageAsync(navProjectsAfter: "项目");
    }

    [Fact]
    public async Task The_search_box_finds_a_project_whose_page_shows_its_breadcrumbs()
    {
        var project = await fixture.App.AsSystemAsync(sp => (from p in sp.GetRequiredService<AppDbContext>().Projects
                                                             join u in sp.GetRequiredService<AppDbContext>().Units on p.UnitId equals u.Id
                                                             where u.Code == "220302"
                                                             orderby p.Id
                                                             select new { p.Id, p.Code, p.Name }).FirstAsync());
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1440, 900);
        var shell = await new LoginPage(page).SignInAsync("tiexi");

        // From a page the app answers statically (a missing page), the box is a plain form.
        await page.GotoAsync("/no-such-page");
        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "全局搜索" });
        await box.FillAsync(project.Code);
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/search\\?q={project.Code}$"));
        var hit = page.GetByTestId("search-project").GetByRole(AriaRole.Link, new() { Name = project.Name, Exact = true });
        await Expect(hit).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "search-zh-1440x900.png");

        await hit.ClickAsync();
        await Expect(page.GetByTestId("project-name")).ToHaveTextAsync(project.Name);
        var crumbs = page.GetByRole(AriaRole.Navigation, new() { Name = "当前位置" });
        await Expect(crumbs.GetByRole(AriaRole.Link)).ToHaveTextAsync(["首页", "项目"]);
        await Expect(crumbs.Locator("[aria-current=page]")).ToHaveTextAsync(project.Name);
        await Artifacts.ScreenshotAsync(page, "project-breadcrumbs-zh-1440x900.png");

        await page.SetViewportSizeAsync(1366, 768);
        await page.GotoAsync($"/projects/{project.Id}/funds");
        await shell.WaitForInteractiveAsync();
        await Expect(crumbs.GetByRole(AriaRole.Link)).ToHaveTextAsync(["首页", "项目", project.Name]);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "funds page wider than 1366px");
        await Artifacts.ScreenshotAsync(page, "project-funds-breadcrumbs-zh-1366x768.png");
        await crumbs.GetByRole(AriaRole.Link, new() { Name = "项目", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/projects$"));

        // On an interactive page the box navigates within the app.
        await shell.WaitForInteractiveAsync();
        await box.FillAsync(project.Name);
        await box.PressAsync("Enter");
        await Expect(page.GetByTestId("search-project").GetByRole(AriaRole.Link, new() { Name = project.Name, Exact = true })).ToBeVisibleAsync();
    }
}

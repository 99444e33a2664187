using InvestTrack.BrowserTests.Pages;
using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

public sealed class UnitScopeTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Lishu = "220322";
    private const string Tiexi = "220302";

    [Fact]
    public async Task County_user_lists_only_the_projects_of_the_county_and_its_zones()
    {
        var units = await fixture.App.UnitAndChildrenAsync(Lishu);
        Assert.Contains("梨树县", units.Values);
        Assert.Contains(units.Values, name => name.Contains("开发区"));
        var expected = await fixture.App.ProjectCountAsync(units.Keys);
        Assert.True(expected > 0);

        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync("lishu");
        var list = await ProjectListPage.OpenAsync(page);

        var unitNames = await list.ColumnAsync("所属单位");
        Assert.Equal(Math.Min(expected, 50), unitNames.Count); // the first page of 50
        Assert.All(unitNames, name => Assert.Contains(name, units.Values));
        Assert.Equal(units.Values.Order(), unitNames.Distinct().Order());
        await Expect(list.Total).ToHaveTextAsync($"共 {expected} 个项目");
        await Artifacts.ScreenshotAsync(page, "projects-lishu.png");
    }

    [Fact]
    public async Task Another_units_project_page_is_not_found_and_shows_nothing_of_it()
    {
        var own = await fixture.App.UnitAndChildrenAsync(Lishu);
        var foreign = await fixture.App.ProjectOnlyOfAsync(Tiexi, own.Keys);

        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync("lishu");
        var response = await page.GotoAsync($"/projects/{foreign.Id}");

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByText("您要找的页面或记录不存在")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "返回首页" })).ToBeVisibleAsync();
        await Expect(shell.CurrentUser).ToContainTextAsync("梨树县 陈静");
        await shell.WaitForInteractiveAsync();
        await Expect(page.GetByText("您要找的页面或记录不存在")).ToBeVisibleAsync();
        var html = await page.ContentAsync();
        Assert.DoesNotContain(foreign.Name, html);
        Assert.DoesNotContain(foreign.Code, html);
        var investor = await fixture.App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Companies.Where(c => c.Id == foreign.CompanyId).Select(c => c.Name).SingleAsync());
        Assert.DoesNotContain(investor, html);
        Assert.DoesNotContain(foreign.Name, await page.TitleAsync());
        await Artifacts.ScreenshotAsync(page, "not-found.png");
    }
}

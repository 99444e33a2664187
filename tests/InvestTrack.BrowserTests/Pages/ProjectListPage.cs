using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests.Pages;

/// <summary>The project list (/projects).</summary>
public sealed class ProjectListPage(IPage page)
{
    public ILocator Table => page.GetByTestId("project-table");
    public ILocator Total => page.GetByTestId("project-total");

    public static async Task<ProjectListPage> OpenAsync(IPage page)
    {
        await new Shell(page).NavLink("项目").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/projects$"));
        var list = new ProjectListPage(page);
        await Expect(list.Table).ToBeVisibleAsync();
        await Expect(list.Total).ToBeVisibleAsync();
        return list;
    }

    /// <summary>The texts of one column, found by its header, over the rows of the current page.</summary>
    public async Task<IReadOnlyList<string>> ColumnAsync(string header)
    {
        var headers = (await Table.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync()).Select(h => h.Trim()).ToList();
        var index = headers.IndexOf(header);
        Assert.True(index >= 0, $"no column {header} in [{string.Join(", ", headers)}]");
        var cells = await Table.Locator("tbody tr").Locator($"td:nth-child({index + 1})").AllInnerTextsAsync();
        return cells.Select(c => c.Trim()).ToList();
    }
}

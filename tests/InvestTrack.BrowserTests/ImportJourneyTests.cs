using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using InvestTrack.BrowserTests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>Issue 3's journey: a county user downloads the template, imports a ledger, finds a project by search, changes its stage, exports the list.</summary>
public sealed class ImportJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static byte[] Ledger(string code, string name) => Encoding.UTF8.GetBytes(
        "项目编号,项目名称,投资方,统一社会信用代码,投资方所在地,所属单位,产业,计划总投资(万元),合同引资额(万元),签约类型,签约日期,开工日期,投产日期,状态,线索来源\r\n" +
        $"{code},{name},浙江导入测试新材料有限公司,,浙江省杭州市,铁西区,新材料,12345.67,,,,,,正常,以商招商\r\n" +
        $"{code}B,{name}二期,浙江导入测试新材料有限公司,,浙江省杭州市,铁西区,,800,,,,,,正常,\r\n");

    [Fact]
    public async Task A_county_user_imports_finds_moves_and_exports()
    {
        var code = $"IM{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        const string name = "导入测试高性能新材料项目";
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync("tiexi");

        await ProjectListPage.OpenAsync(page);
        await page.Locator("a.mud-button-root", new() { HasText = "导入台账" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/import$"));
        await shell.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("import-template")).ToHaveAttributeAsync("href", "/import/template.xlsx");
        await AssertTemplateOpensWithItsDropDownsAsync(page);

        // The button opens only once a chosen file reaches the server (FileButton): no second try, ever.
        await Expect(page.GetByTestId("import-file")).ToHaveAttributeAsync("data-ready", "true");
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "铁西区台账.csv", MimeType = "text/csv", Buffer = Ledger(code, name) });
        await Expect(page.GetByTestId("import-counts")).ToBeVisibleAsync();
        await Expect(page.GetByText(code).First).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "import-preview.png");
        await page.GetByTestId("import-confirm").ClickAsync();
        await Expect(page.GetByTestId("import-done")).ToBeVisibleAsync();

        // Find it by search, as a user would.
        await ProjectListPage.OpenAsync(page);
        await shell.WaitForInteractiveAsync();
        await page.GetByTestId("project-search").FillAsync(code);
        await page.GetByTestId("project-search").PressAsync("Enter");
        var list = new ProjectListPage(page);
        await Expect(list.Total).ToHaveTextAsync("共 2 个项目");
        await page.GetByRole(AriaRole.Link, new() { Name = code, Exact = true }).ClickAsync();

        var project = new ProjectPage(page);
        await shell.WaitForInteractiveAsync();
        await Expect(project.Title).ToHaveTextAsync(name);
        await Expect(project.Stage).ToHaveTextAsync("洽谈");
        await project.ChangeStageAsync("意向");

        // Export exactly the filtered list.
        await page.GotoAsync($"/projects?q={code}");
        await shell.WaitForInteractiveAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        Assert.Matches(@"^项目清单-\d{8}-\d{4}\.csv$", download.SuggestedFilename);
        var path = await download.PathAsync();
        var lines = (await File.ReadAllTextAsync(path, Encoding.UTF8)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.StartsWith($"{code},{name},浙江导入测试新材料有限公司", StringComparison.Ordinal) && l.Contains(",12345.67,", StringComparison.Ordinal) && l.Contains(",意向,", StringComparison.Ordinal));
    }

    /// <summary>
    /// A ledger chosen at the earliest moment the page lets it be chosen is read, never lost. The file input used to take a file
    /// on the prerendered page and in the instant before Blazor had wired its change handler, and dropped it without a word (the
    /// journey above chose its file up to three times). Now the button is closed and says 准备中 until then: a script installed
    /// before the page's own watches the input from the first byte of the page and hands it the file the instant it says ready.
    /// </summary>
    [Fact]
    public async Task A_ledger_chosen_the_moment_the_button_opens_is_read()
    {
        var code = $"IE{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync("tiexi");
        var csv = Convert.ToBase64String(Ledger(code, "就绪即选的导入项目"));
        await context.AddInitScriptAsync($$"""
            (() => {
                window.importSeen = [];
                const watch = () => new MutationObserver((_, observer) => {
                    const input = document.querySelector('[data-testid=import-file]');
                    if (!input) return;
                    const state = `ready=${input.dataset.ready} disabled=${input.disabled} text=${input.closest('label').innerText.trim()}`;
                    if (window.importSeen.at(-1) !== state) window.importSeen.push(state);
                    if (input.dataset.ready !== 'true' || input.disabled) return;
                    observer.disconnect();
                    const bytes = Uint8Array.from(atob('{{csv}}'), c => c.charCodeAt(0));
                    const transfer = new DataTransfer();
                    transfer.items.add(new File([bytes], '就绪即选台账.csv', { type: 'text/csv' }));
                    input.files = transfer.files;
                    input.dispatchEvent(new Event('change', { bubbles: true }));
                }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready', 'disabled'] });
                watch();
            })();
            """);

        await page.GotoAsync("/import");
        await Expect(page.GetByTestId("import-counts")).ToBeVisibleAsync();
        await Expect(page.GetByText(code, new() { Exact = true })).ToBeVisibleAsync();
        var seen = await page.EvaluateAsync<string[]>("() => window.importSeen");
        // Closed and saying so until it could take the file, then open: the file was given at the first open state.
        Assert.Equal("ready=false disabled=true text=准备中……", seen[0]);
        Assert.Contains("ready=true disabled=false text=选择文件", seen);
    }

    /// <summary>The button's download is the workbook with its drop-downs: the county's own units and the contract's words (issue 13, item 7).</summary>
    private static async Task AssertTemplateOpensWithItsDropDownsAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("import-template").ClickAsync());
        Assert.Equal("台账导入模板.xlsx", download.SuggestedFilename);
        using var document = SpreadsheetDocument.Open(await download.PathAsync(), false);
        var book = document.WorkbookPart!;
        var sheets = book.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["项目", "到位资金", "活动", "填表说明", "下拉选项"], sheets.Select(s => s.Name!.Value));
        Worksheet SheetOf(string name) => ((WorksheetPart)book.GetPartById(sheets.Single(s => s.Name == name).Id!.Value!)).Worksheet;
        string Formula(string sheet, string column) =>
            SheetOf(sheet).Descendants<DataValidation>().Single(v => v.SequenceOfReferences!.InnerText == $"{column}2:{column}200000").GetFirstChild<Formula1>()!.Text;

        Assert.Equal("\"项目合同,战略合作框架协议\"", Formula("项目", "J"));
        Assert.Equal("\"省外,省内,境外\"", Formula("到位资金", "D"));
        var units = Formula("项目", "F");
        Assert.StartsWith("'下拉选项'!$A$2:$A$", units);
        var last = int.Parse(units[(units.LastIndexOf('$') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var offered = SheetOf("下拉选项").Descendants<Cell>().Where(c => c.CellReference!.Value!.StartsWith('A') && c.CellReference.Value != "A1")
            .Select(c => c.InlineString!.InnerText).ToList();
        Assert.Equal(last - 1, offered.Count);
        Assert.Contains("铁西区", offered);
        Assert.DoesNotContain("四平市", offered); // a county user imports into its own units only
    }
}

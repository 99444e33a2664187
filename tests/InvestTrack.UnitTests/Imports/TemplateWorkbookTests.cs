using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using InvestTrack.Features.Activities;
using InvestTrack.Features.Imports;

namespace InvestTrack.UnitTests.Imports;

/// <summary>The template as a file: valid for Excel, read by the importer as three empty sheets, its lists those the importer takes.</summary>
public class TemplateWorkbookTests
{
    private static TemplateContent Content(int units = 3) => new(
        [.. Enumerable.Range(1, units).Select(i => $"单位{i}")], "2025年重点产业", 2025, ["现代农业及食品加工", "新材料"], ["小分队", "以商招商"],
        new Dictionary<SheetKind, IReadOnlyList<object?>>
        {
            [SheetKind.Projects] = ["XM-1", "项目", "公司", null, "北京市", "单位1", "新材料", 1m, null, "项目合同", new DateOnly(2025, 3, 18), null, null, "正常", null],
            [SheetKind.Funds] = ["XM-1", new DateOnly(2025, 6, 1), 2.5m, "省外", "待审核"],
            [SheetKind.Activities] = ["HD-1", "请进来", new DateOnly(2025, 4, 8), null, "单位1", null, null, null, null, 0, 1],
        });

    [Fact]
    public void The_workbook_is_valid_open_xml()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(TemplateWorkbook.Write(Content(units: 500))), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["项目", "到位资金", "活动", "填表说明", "下拉选项"], sheets.Select(s => s.Name!.Value));
        Assert.Equal([false, false, false, false, true], sheets.Select(s => s.State?.Value == SheetStateValues.Hidden));
    }

    [Fact]
    public void The_importer_reads_three_empty_sheets_and_passes_over_the_instructions_and_the_lists()
    {
        var read = LedgerReader.Read(new MemoryStream(TemplateWorkbook.Write(Content())), "模板.xlsx");
        Assert.Empty(read.Problems);
        var sheets = read.Workbook!.Sheets;
        foreach (var (kind, _) in TemplateColumns.Sheets)
        {
            var sheet = sheets.Single(s => s.Name == SheetKinds.SheetName(kind));
            Assert.Equal(kind, SheetKinds.Recognize(sheet));
            Assert.Equal(SheetKinds.Columns(kind).Select(c => c.Chinese), sheet.Headers);
            Assert.Empty(sheet.Rows);
        }
        Assert.All(sheets.Where(s => s.Name is "填表说明" or "下拉选项"), s => Assert.True(SheetKinds.IsTemplateSheet(s)));
    }

    [Fact]
    public void The_template_columns_are_the_contract_columns_in_order()
    {
        foreach (var (kind, columns) in TemplateColumns.Sheets)
            Assert.Equal(SheetKinds.Columns(kind), columns.Select(c => c.Spec));
        Assert.All(TemplateColumns.Sheets.SelectMany(s => s.Columns), c => Assert.True(("必填。" + c.Help).Length <= TemplateWorkbook.MaxPromptLength, c.Spec.Chinese));
    }

    [Fact]
    public void The_drop_down_words_are_exactly_the_chinese_words_the_importer_takes()
    {
        static IEnumerable<string> Chinese<T>(IReadOnlyDictionary<string, T> words) => words.Keys.Where(k => k.Any(c => c >= '\u2E80'));
        Assert.Equal(Chinese(ProjectRowValidator.SigningKinds).Order(), LedgerWords.SigningKinds.Order());
        Assert.Equal(Chinese(ProjectRowValidator.Statuses).Order(), LedgerWords.Statuses.Order());
        Assert.Equal(Chinese(FundsRowValidator.Sources).Order(), LedgerWords.FundsSources.Order());
        Assert.Equal(Chinese(FundsRowValidator.AuditWords).Order(), LedgerWords.AuditStatuses.Order());
        Assert.Equal(Chinese(ActivityText.Kinds).Order(), LedgerWords.ActivityKinds.Order());
        Assert.Equal(Chinese(ActivityText.Levels).Order(), LedgerWords.LeaderLevels.Order());
    }

    [Fact]
    public void An_empty_list_gives_a_prompt_without_a_drop_down()
    {
        var industry = TemplateColumns.Projects.Single(c => c.Spec == LedgerColumns.Projects.Industry);
        var none = TemplateWorkbook.Validation(industry, "G2:G200000", new TemplateLists.Ranges("'下拉选项'!$A$2:$A$3", null, null));
        Assert.Null(none.Type);
        Assert.Empty(none.Elements<Formula1>());
        Assert.StartsWith("从下拉列表选择", none.Prompt!.Value);

        var some = TemplateWorkbook.Validation(industry, "G2:G200000", new TemplateLists.Ranges(null, "'下拉选项'!$B$2:$B$9", null));
        Assert.Equal((DataValidationValues.List, DataValidationErrorStyleValues.Warning, "'下拉选项'!$B$2:$B$9"),
            (some.Type!.Value, some.ErrorStyle!.Value, some.GetFirstChild<Formula1>()!.Text));
    }
}

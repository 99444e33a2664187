using InvestTrack.Features.Imports;

namespace InvestTrack.UnitTests.Imports;

public class XlsxReadingTests
{
    private static readonly object?[] ProjectHeader =
        ["项目编号", "项目名称", "投资方", "投资方所在地", "所属单位", "计划总投资(万元)", "签约日期", "开工日期"];

    internal static LedgerReadResult Read(byte[] file, string name = "台账.xlsx", ImportLimits? limits = null) =>
        LedgerReader.Read(new MemoryStream(file), name, limits);

    private static LedgerWorkbook ReadOk(byte[] file)
    {
        var result = Read(file);
        Assert.Empty(result.Problems);
        Assert.True(result.Succeeded);
        return result.Workbook!;
    }

    [Fact]
    public void A_good_workbook_gives_its_three_sheets_recognised_by_name_with_typed_cells()
    {
        var file = TestXlsx.Build(
            ("项目", [ProjectHeader, ["XM-001", "新能源电池", "某某集团", "山东省济南市", "市本级", 1234.56m, new DateOnly(2025, 3, 1), "2025-05-01"]]),
            ("到位资金", [["项目编号", "月份", "到位资金(万元)"], ["XM-001", "2025-04", 100m]]),
            ("活动", [["活动编号", "类型", "开始日期", "组织单位"], ["HD-1", "走出去", new DateOnly(2025, 6, 10), "市本级"]]));

        var workbook = ReadOk(file);

        Assert.Equal(["项目", "到位资金", "活动"], workbook.Sheets.Select(s => s.Name));
        Assert.Equal([SheetKind.Projects, SheetKind.Funds, SheetKind.Activities], workbook.Sheets.Select(SheetKinds.Recognize));
        var projects = workbook.Sheets[0];
        Assert.Equal(1, projects.HeaderRowNumber);
        Assert.Equal(ProjectHeader.Cast<string>(), projects.Headers);
        var row = Assert.Single(projects.Rows);
        Assert.Equal(2, row.RowNumber);
        Assert.Equal("XM-001", row.Cell(0).Text);
        Assert.Equal(LedgerCellKind.Number, row.Cell(5).Kind);
        Assert.Equal(1234.56m, row.Cell(5).Number);
        Assert.Equal(new DateOnly(2025, 3, 1), row.Cell(6).Date);
        Assert.Equal("2025-03-01", row.Cell(6).Original);
        Assert.Equal("2025-05-01", row.Cell(7).Text); // a text date stays text for the validator
        Assert.Equal(LedgerCellKind.Empty, row.Cell(99).Kind);
    }

    [Fact]
    public void Numbers_are_exact_decimals_parsed_from_the_stored_text()
    {
        var file = TestXlsx.Build(("Sheet1", [["a", "b", "c", "d", "e"], [new RawNumber("1234.56"), new RawNumber("0.1"), new RawNumber("1.5E+3"), "1234.56", new RawNumber("99999999999.99")]]));

        var cells = ReadOk(file).Sheets[0].Rows[0].Cells;

        Assert.Equal(1234.56m, cells[0].Number);
        Assert.Equal("1234.56", cells[0].Original);
        Assert.Equal(0.1m, cells[1].Number);
        Assert.Equal(1500m, cells[2].Number);
        Assert.Equal(LedgerCellKind.Text, cells[3].Kind); // a number typed as text stays text
        Assert.Equal("1234.56", cells[3].Text);
        Assert.Equal(99999999999.99m, cells[4].Number);
    }

    [Fact]
    public void Inline_strings_booleans_and_custom_date_formats_are_read()
    {
        var file = TestXlsx.Build(("Sheet1", [["a", "b", "c", "d"], [new Inline("内联文本"), true, new CustomDate(new DateOnly(2024, 2, 29)), false]]));

        var cells = ReadOk(file).Sheets[0].Rows[0].Cells;

        Assert.Equal("内联文本", cells[0].Text);
        Assert.True(cells[1].Boolean);
        Assert.Equal(new DateOnly(2024, 2, 29), cells[2].Date);
        Assert.False(cells[3].Boolean);
    }

    [Fact]
    public void Empty_rows_are_skipped_but_keep_true_row_numbers_and_the_header_is_the_first_non_empty_row()
    {
        var file = TestXlsx.Build(("Sheet1", [[], [" 项目编号 ", "月份"], ["A", "2025-01"], [], [null, null], ["B", "2025-02"]]));

        var sheet = ReadOk(file).Sheets[0];

        Assert.Equal(2, sheet.HeaderRowNumber);
        Assert.Equal(["项目编号", "月份"], sheet.Headers);
        Assert.Equal([3, 6], sheet.Rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void Blank_sheets_and_header_only_sheets_are_read_without_problems()
    {
        var file = TestXlsx.Build(("项目", [ProjectHeader]), ("Sheet2", []), ("Sheet3", [[], [""]]));

        var workbook = ReadOk(file);

        Assert.Empty(workbook.Sheets[0].Rows);
        Assert.Equal(8, workbook.Sheets[0].Headers.Count);
        Assert.True(workbook.Sheets[1].IsBlank);
        Assert.True(workbook.Sheets[2].IsBlank);
        Assert.Equal(SheetKind.Unknown, SheetKinds.Recognize(workbook.Sheets[1]));
    }

    [Fact]
    public void A_formula_is_refused_with_its_sheet_row_and_column_and_never_evaluated()
    {
        var file = TestXlsx.Build(("到位资金", [["项目编号", "月份", "到位资金(万元)"], ["XM-1", "2025-01", 5m], ["XM-1", "2025-02", new Formula("C2*2", "10")]]));

        var result = Read(file);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("到位资金", 3, "C", ImportCodes.Formula), (problem.Sheet, problem.Row, problem.Column, problem.Code));
        Assert.Equal("单元格含有公式，请粘贴为数值", problem.Message);
        Assert.False(result.Succeeded);
        var cell = result.Workbook!.Sheets[0].Rows[1].Cell(2);
        Assert.Equal(LedgerCellKind.Refused, cell.Kind);
        Assert.Null(cell.Number);
        Assert.Equal("=C2*2", cell.Original);
    }

    [Fact]
    public void A_cell_over_the_length_limit_is_a_problem()
    {
        var file = TestXlsx.Build(("Sheet1", [["项目名称"], [new string('长', 11)], ["短"]]));

        var result = Read(file, limits: new ImportLimits { MaxCellLength = 10 });

        var problem = Assert.Single(result.Problems);
        Assert.Equal((2, "A", ImportCodes.CellTooLong), (problem.Row, problem.Column, problem.Code));
        Assert.Contains("10", problem.Message);
        Assert.Equal(LedgerCellKind.Refused, result.Workbook!.Sheets[0].Rows[0].Cell(0).Kind);
        Assert.Equal("短", result.Workbook.Sheets[0].Rows[1].Cell(0).Text);
    }

    [Fact]
    public void Too_many_columns_is_one_problem_for_the_sheet()
    {
        object?[] wide = Enumerable.Range(1, 8).Select(i => (object?)$"列{i}").ToArray();
        var file = TestXlsx.Build(("Sheet1", [wide, wide, wide]));

        var result = Read(file, limits: new ImportLimits { MaxColumns = 5 });

        var problem = Assert.Single(result.Problems);
        Assert.Equal((1, ImportCodes.SheetTooManyColumns), (problem.Row, problem.Code));
        Assert.Equal(5, result.Workbook!.Sheets[0].Headers.Count);
    }

    [Fact]
    public void A_million_empty_rows_are_refused_at_the_row_limit_without_reading_them_all()
    {
        var file = TestXlsx.WithEmptyRows(1_000_000);

        var result = Read(file);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("项目", ImportCodes.SheetTooManyRows), (problem.Sheet, problem.Code));
        Assert.Contains("200000", problem.Message);
    }

    [Fact]
    public void Rows_within_the_limit_are_read_even_when_numbered_far_down()
    {
        var file = TestXlsx.WithEmptyRows(50);

        Assert.Empty(Read(file, limits: new ImportLimits { MaxRowsPerSheet = 51 }).Problems);
        Assert.Equal(ImportCodes.SheetTooManyRows, Assert.Single(Read(file, limits: new ImportLimits { MaxRowsPerSheet = 50 }).Problems).Code);
    }

    [Fact]
    public void Reading_stops_after_the_problem_limit()
    {
        var file = TestXlsx.Build(("Sheet1", [["a"], [new Formula("1+1", "2")], [new Formula("1+2", "3")], [new Formula("1+3", "4")]]));

        var result = Read(file, limits: new ImportLimits { MaxProblems = 2 });

        Assert.Equal([ImportCodes.Formula, ImportCodes.Formula, ImportCodes.TooManyProblems], result.Problems.Select(p => p.Code));
        Assert.Null(result.Workbook);
    }
}

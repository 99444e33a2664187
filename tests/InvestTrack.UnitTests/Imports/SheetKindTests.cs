using System.Globalization;
using InvestTrack.Features.Imports;

namespace InvestTrack.UnitTests.Imports;

public class SheetKindTests
{
    private static LedgerSheet Sheet(string name, params string[] headers) => new(name, 1, headers, []);

    [Fact]
    public void Sheets_are_recognised_by_name_first()
    {
        Assert.Equal(SheetKind.Projects, SheetKinds.Recognize(Sheet("项目")));
        Assert.Equal(SheetKind.Funds, SheetKinds.Recognize(Sheet(" 到位资金 ", "活动编号", "类型", "开始日期", "组织单位")));
        Assert.Equal(SheetKind.Activities, SheetKinds.Recognize(Sheet("活动")));
    }

    [Fact]
    public void Otherwise_by_the_required_columns_of_the_header_row()
    {
        Assert.Equal(SheetKind.Funds, SheetKinds.Recognize(Sheet("Sheet1", "月份", "项目编号", "到位资金(万元)")));
        Assert.Equal(SheetKind.Activities, SheetKinds.Recognize(Sheet("2025年", "活动编号", "类型", "开始日期", "结束日期", "组织单位")));
        Assert.Equal(SheetKind.Projects, SheetKinds.Recognize(Sheet("Sheet1", "CODE", "Name", "investor", "Investor_Origin", "UNIT", "planned_investment")));
        Assert.Equal(SheetKind.Unknown, SheetKinds.Recognize(Sheet("Sheet1", "姓名", "电话")));
        Assert.Equal(SheetKind.Unknown, SheetKinds.Recognize(Sheet("Sheet2")));
    }

    [Fact]
    public void A_header_with_most_required_columns_is_recognised_so_the_missing_one_can_be_named()
    {
        var sheet = Sheet("Sheet1", "项目编号", "项目名称", "投资方所在地", "所属单位", "计划总投资(万元)");
        Assert.Equal(SheetKind.Projects, SheetKinds.Recognize(sheet));

        var map = HeaderMap.Build(sheet, SheetKind.Projects);
        var problem = Assert.Single(map.Problems);
        Assert.Equal(("Sheet1", 1, "投资方", ImportCodes.MissingColumn), (problem.Sheet, problem.Row, problem.Column, problem.Code));
        Assert.Equal("缺少必填列“投资方”", problem.Message);
    }

    [Fact]
    public void English_aliases_in_any_case_and_full_width_parentheses_map_to_their_columns()
    {
        var sheet = Sheet("Sheet1", "Code", "MONTH", "到位资金（万元）", "Audit_Status");

        var map = HeaderMap.Build(sheet, SheetKinds.Recognize(sheet));

        Assert.Empty(map.Problems);
        Assert.Empty(map.Warnings);
        Assert.Equal(0, map.IndexOf(LedgerColumns.Funds.ProjectCode));
        Assert.Equal(2, map.IndexOf(LedgerColumns.Funds.Amount));
        Assert.Equal(LedgerColumns.Funds.AuditStatus, map.Columns[3]);
        Assert.Null(map.IndexOf(LedgerColumns.Funds.Source));
    }

    [Fact]
    public void Unknown_columns_are_warnings_and_duplicates_are_problems()
    {
        var sheet = Sheet("到位资金", "项目编号", "月份", "到位资金(万元)", "备注", "CODE", "");

        var map = HeaderMap.Build(sheet, SheetKind.Funds);

        var warning = Assert.Single(map.Warnings);
        Assert.Equal(("备注", ImportCodes.UnknownColumn, "未知列“备注”，已忽略"), (warning.Column, warning.Code, warning.Message));
        var duplicate = Assert.Single(map.Problems);
        Assert.Equal(("CODE", ImportCodes.DuplicateColumn), (duplicate.Column, duplicate.Code));
        Assert.Equal(0, map.IndexOf(LedgerColumns.Funds.ProjectCode)); // the first one counts
    }

    [Fact]
    public void Cells_are_found_by_column_whatever_the_order()
    {
        var sheet = Sheet("活动", "组织单位", "开始日期", "类型", "活动编号");
        var row = new LedgerRow(2, [LedgerCell.FromText("市本级"), LedgerCell.FromDate(new DateOnly(2025, 6, 1)), LedgerCell.FromText("请进来"), LedgerCell.FromText("HD-1")]);

        var map = HeaderMap.Build(sheet, SheetKind.Activities);

        Assert.Empty(map.Problems);
        Assert.Equal("HD-1", map.CellOf(row, LedgerColumns.Activities.Code).Text);
        Assert.Equal(new DateOnly(2025, 6, 1), map.CellOf(row, LedgerColumns.Activities.StartOn).Date);
        Assert.True(map.CellOf(row, LedgerColumns.Activities.Destinations).IsBlank);
    }

    [Fact]
    public void The_catalogue_follows_the_contract()
    {
        Assert.Equal(15, LedgerColumns.Projects.All.Count);
        Assert.Equal(["项目编号", "项目名称", "投资方", "投资方所在地", "所属单位", "计划总投资(万元)"],
            LedgerColumns.Projects.All.Where(c => c.Required).Select(c => c.Chinese));
        Assert.Equal(["项目编号", "月份", "到位资金(万元)"], LedgerColumns.Funds.All.Where(c => c.Required).Select(c => c.Chinese));
        Assert.Equal(["活动编号", "类型", "开始日期", "组织单位"], LedgerColumns.Activities.All.Where(c => c.Required).Select(c => c.Chinese));
        Assert.False(LedgerColumns.Activities.Destinations.Required); // 走出去 only: the row validator's rule
        foreach (var kind in new[] { SheetKind.Projects, SheetKind.Funds, SheetKind.Activities })
        {
            Assert.Equal(SheetKinds.Columns(kind).Count, SheetKinds.Columns(kind).Select(c => c.Alias).Distinct().Count());
            Assert.Equal(SheetKinds.Columns(kind).Count, SheetKinds.Columns(kind).Select(c => c.Chinese).Distinct().Count());
        }
    }

    [Fact]
    public void Header_problems_can_be_in_english()
    {
        var map = HeaderMap.Build(Sheet("项目"), SheetKind.Projects, CultureInfo.GetCultureInfo("en"));
        Assert.Contains(map.Problems, p => p.Message == "The required column \"项目编号\" is missing");
    }
}

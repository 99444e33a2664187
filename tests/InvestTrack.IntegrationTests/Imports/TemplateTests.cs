using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Imports;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Kernel;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Imports.ImportTestSupport;

namespace InvestTrack.IntegrationTests.Imports;

/// <summary>
/// Issue 13, item 7: the template downloaded over HTTP is a real workbook — a sheet per kind with the contract's headers,
/// drop-downs whose lists are the user's units, this year's industries and the contract's words, dates, amounts and
/// counts validated — read here with the Open XML SDK as Excel reads it; untouched it imports nothing and says so,
/// filled it imports exactly its rows, and its examples (on 填表说明, never read) import when copied into their sheets.
/// </summary>
public abstract class TemplateTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private const string Lists = "'下拉选项'!";
    private static readonly string LastRow = TemplateWorkbook.LastRow.ToString(CultureInfo.InvariantCulture);

    private async Task<byte[]> DownloadAsync(string user)
    {
        var client = await App.SignInAsync(user);
        var response = await client.GetAsync("/import/template.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SpreadsheetExport.XlsxContentType, response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private Task<List<string>> ActiveUnitsAsync(Func<Features.Units.Unit, bool> which) => App.AsSystemAsync(async sp =>
        (await sp.GetRequiredService<AppDbContext>().Units.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.SortOrder).ThenBy(u => u.Code).ToListAsync())
        .Where(which).Select(u => u.Name).ToList());

    [Fact]
    public async Task The_template_has_a_sheet_per_kind_with_drop_downs_for_the_closed_lists()
    {
        using var template = new TemplateFile(await DownloadAsync("city"));

        Assert.Equal(["项目", "到位资金", "活动", "填表说明", "下拉选项"], template.SheetNames);
        Assert.Equal(["下拉选项"], template.HiddenSheets);
        foreach (var (kind, name) in new[] { (SheetKind.Projects, "项目"), (SheetKind.Funds, "到位资金"), (SheetKind.Activities, "活动") })
        {
            Assert.Equal(SheetKinds.Columns(kind).Select(c => c.Chinese), template.Headers(name));
            Assert.Equal(1, template.RowCount(name)); // the header only: nothing to import by accident
            // Every column has its prompt, titled by the column, over every row the import reads.
            foreach (var header in template.Headers(name))
            {
                var v = template.Validation(name, header);
                Assert.Equal((true, header), (v.ShowInputMessage?.Value, v.PromptTitle?.Value));
                Assert.False(string.IsNullOrWhiteSpace(v.Prompt?.Value));
            }
        }

        // The long lists point at the hidden sheet, and hold exactly the active units and this year's catalog.
        var units = template.Validation("项目", "所属单位");
        Assert.Equal((DataValidationValues.List, $"F2:F{LastRow}"), (units.Type!.Value, units.SequenceOfReferences!.InnerText));
        Assert.StartsWith(Lists + "$A$2:$A$", template.Formula1(units));
        Assert.Equal(await ActiveUnitsAsync(_ => true), template.Range(template.Formula1(units)));
        Assert.Null(units.ErrorStyle); // stop: nothing else goes
        Assert.True(units.ShowErrorMessage?.Value);
        Assert.Equal(template.Formula1(units), template.Formula1(template.Validation("活动", "组织单位")));

        var industries = template.Validation("项目", "产业");
        Assert.StartsWith(Lists + "$B$2:$B$", template.Formula1(industries));
        Assert.Equal(await IndustriesInForceAsync(), template.Range(template.Formula1(industries)));
        Assert.Equal(DataValidationErrorStyleValues.Warning, industries.ErrorStyle!.Value); // an older catalog's industry is allowed

        var sources = template.Validation("项目", "线索来源");
        Assert.Equal(["小分队", "以商招商", "委托招商", "政协委员", "人才工作站", "展会", "商协会"], template.Range(template.Formula1(sources)));
        Assert.NotEqual(true, sources.ShowErrorMessage?.Value); // suggestions: free text goes

        // The short closed lists are written into the validation.
        Assert.Equal("\"项目合同,战略合作框架协议\"", template.Formula1(template.Validation("项目", "签约类型")));
        Assert.Equal("\"正常,停滞,终止\"", template.Formula1(template.Validation("项目", "状态")));
        Assert.Equal("\"省外,省内,境外\"", template.Formula1(template.Validation("到位资金", "资金来源")));
        Assert.Equal("\"已审核,待审核\"", template.Formula1(template.Validation("到位资金", "审核状态")));
        Assert.Equal("\"走出去,请进来\"", template.Formula1(template.Validation("活动", "类型")));
        Assert.Equal("\"市级,县级,部门\"", template.Formula1(template.Validation("活动", "领导层级")));
        Assert.All(new[] { ("项目", "签约类型"), ("项目", "状态"), ("到位资金", "资金来源"), ("活动", "类型") }, c =>
        {
            var v = template.Validation(c.Item1, c.Item2);
            Assert.Equal((DataValidationValues.List, true), (v.Type!.Value, v.ShowErrorMessage?.Value));
            Assert.Contains("应为", v.Error!.Value);
        });

        // Dates, months, amounts and counts: their ranges and their cell formats.
        Assert.Equal((DataValidationValues.Date, "32874", "TODAY()", "yyyy-mm-dd"), template.Rule("项目", "签约日期"));
        Assert.Equal((DataValidationValues.Date, "32874", "TODAY()", "yyyy-mm-dd"), template.Rule("项目", "投产日期"));
        Assert.Equal((DataValidationValues.Date, "32874", "73415", "yyyy-mm-dd"), template.Rule("活动", "开始日期"));
        Assert.Equal((DataValidationValues.Date, "32874", "TODAY()", "yyyy-mm"), template.Rule("到位资金", "月份"));
        Assert.Equal((DataValidationValues.Decimal, "0", "1000000000", "#,##0.00"), template.Rule("项目", "计划总投资(万元)"));
        Assert.Equal((DataValidationValues.Decimal, "0", "1000000000", "#,##0.00"), template.Rule("项目", "合同引资额(万元)"));
        Assert.Equal((DataValidationValues.Decimal, "0.01", "1000000000", "#,##0.00"), template.Rule("到位资金", "到位资金(万元)"));
        Assert.Equal((DataValidationValues.Whole, "0", null, "0"), template.Rule("活动", "座谈会(场)"));
        Assert.Equal((DataValidationValues.TextLength, "18", null, "@"), template.Rule("项目", "统一社会信用代码"));
        Assert.Equal((DataValidationValues.TextLength, "64", null, "@"), template.Rule("项目", "项目编号"));
        Assert.Equal(DataValidationOperatorValues.GreaterThanOrEqual, template.Validation("活动", "座谈会(场)").Operator!.Value);
        Assert.Equal(DataValidationOperatorValues.Between, template.Validation("项目", "签约日期").Operator!.Value);
    }

    private Task<List<string>> IndustriesInForceAsync() => App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var catalogs = await db.IndustryCatalogs.AsNoTracking().ToListAsync();
        var current = CatalogInForce.For(catalogs, ChinaTime.Today(TimeProvider.System).Year, c => c.StartYear)!;
        return await db.Industries.AsNoTracking().Where(i => i.CatalogId == current.Id).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).Select(i => i.Name).ToListAsync();
    });

    [Fact]
    public async Task A_unit_user_is_offered_its_own_units_only()
    {
        using var template = new TemplateFile(await DownloadAsync("tiexi"));
        var tiexi = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Name == "铁西区").Select(u => u.Id).SingleAsync());
        var offered = template.Range(template.Formula1(template.Validation("项目", "所属单位")));
        Assert.Equal(await ActiveUnitsAsync(u => u.Id == tiexi || u.ParentId == tiexi), offered);
        Assert.Contains("铁西区", offered);
        Assert.DoesNotContain("四平市", offered);
    }

    [Fact]
    public async Task The_untouched_template_imports_nothing_and_says_so()
    {
        var bytes = await DownloadAsync("city");
        var before = await App.CountsAsync();

        var result = await App.CommitAsync("city", bytes, "台账导入模板.xlsx");

        Assert.False(result.Committed);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("台账导入模板.xlsx", (int?)null, ImportCodes.NoRows), (problem.Sheet, problem.Row, problem.Code));
        Assert.Equal("工作表“项目”“到位资金”“活动”没有数据行，未导入任何内容：请在表头下方逐行填写，每行一条记录", problem.Message);
        Assert.Empty(result.Warnings); // 填表说明 and 下拉选项 are passed over without a word
        Assert.Equal(before, await App.CountsAsync());
    }

    [Fact]
    public async Task A_template_filled_with_one_row_per_sheet_imports_exactly_those_rows()
    {
        var (project, activity) = ($"TPL-{Guid.NewGuid():N}"[..16], $"TPA-{Guid.NewGuid():N}"[..16]);
        var filled = TemplateFile.Fill(await DownloadAsync("tiexi"), new()
        {
            ["项目"] = [project, "模板填写的项目", $"投资方{project}", NewCreditCode(), "山东省济南市", "铁西区", "新材料", 12345.67m, 8000m, "项目合同",
                new DateOnly(2025, 3, 18), null, null, "正常", "以商招商"],
            ["到位资金"] = [project, new DateOnly(2025, 6, 1), 100.5m, "省外", null],
            ["活动"] = [activity, "走出去", new DateOnly(2025, 4, 8), new DateOnly(2025, 4, 10), "铁西区", "李明 副市长", "县级", "湖南省长沙市；北京市",
                "企业:中国兵器工业集团", 2m, 1m],
        });

        var result = await App.CommitAsync("tiexi", filled, "台账导入模板.xlsx");

        Assert.True(result.Ok, string.Join("; ", result.Problems.Select(ImportText.Line)));
        Assert.True(result.Committed);
        Assert.Empty(result.Warnings);
        Assert.Equal((1, 1, 0), (result.Counts.Rows, result.Counts.Created, result.Counts.Updated));
        Assert.Equal((1, 1, 0), (result.Funds!.Rows, result.Funds.Created, result.Funds.Updated));
        Assert.Equal((1, 1, 0), (result.Activities!.Rows, result.Activities.Created, result.Activities.Updated));
        var stored = await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var p = await db.Projects.AsNoTracking().SingleAsync(x => x.Code == project);
            var funds = await db.FundsRecords.AsNoTracking().Where(f => f.ProjectId == p.Id).Select(f => new { f.Period, f.Amount, f.Source }).ToListAsync();
            var a = await db.Activities.AsNoTracking().Include(x => x.Destinations).SingleAsync(x => x.Code == activity);
            var unit = await db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).SingleAsync();
            return (p.Name, p.PlannedInvestment, p.SignedOn, unit, funds, a.StartOn, a.Meetings, a.Destinations.Count);
        });
        Assert.Equal(("模板填写的项目", 1234567L, new DateOnly(2025, 3, 18), "铁西区"), (stored.Name, stored.PlannedInvestment, stored.SignedOn, stored.unit));
        var record = Assert.Single(stored.funds);
        Assert.Equal((202506, 10050L, OriginClass.OtherProvince), (record.Period, record.Amount, record.Source));
        Assert.Equal((new DateOnly(2025, 4, 8), 2, 2), (stored.StartOn, stored.Meetings, stored.Count));
    }

    [Fact]
    public async Task A_template_with_only_its_funds_sheet_filled_imports_the_funds()
    {
        var project = $"TPF-{Guid.NewGuid():N}"[..16];
        var ledger = await App.CommitAsync("tiexi", Ledger(Row(project)));
        Assert.True(ledger.Ok, string.Join("; ", ledger.Problems.Select(ImportText.Line)));
        var filled = TemplateFile.Fill(await DownloadAsync("tiexi"), new() { ["到位资金"] = [project, "2025-07", 20m, null, "待审核"] });

        var result = await App.CommitAsync("tiexi", filled, "资金.xlsx");

        Assert.True(result.Ok, string.Join("; ", result.Problems.Select(ImportText.Line)));
        Assert.Equal((0, 1, 1), (result.Counts.Rows, result.Funds!.Rows, result.Funds.Created));
        Assert.Equal(0, result.Activities?.Rows ?? 0);
    }

    [Fact]
    public async Task The_examples_on_the_instructions_sheet_import_when_copied_into_their_sheets()
    {
        var bytes = await DownloadAsync("city");
        Dictionary<string, object?[]> examples;
        using (var template = new TemplateFile(bytes)) examples = template.Examples();
        Assert.Equal(["项目", "到位资金", "活动"], examples.Keys);
        Assert.Equal(["XM-2025-001", "年产900吨精酿啤酒项目"], examples["项目"].Take(2));
        Assert.Equal<object?>(12000m, examples["项目"][7]); // a number cell
        Assert.Equal<object?>(new DateOnly(2025, 3, 18), examples["项目"][10]); // a date cell

        // As they are, the examples are never read; copied into the sheets, they import for the user who downloaded them.
        var preview = await App.PreviewAsync("city", TemplateFile.Fill(bytes, examples), "示例.xlsx");
        Assert.True(preview.Ok, string.Join("; ", preview.Problems.Select(ImportText.Line)));
        Assert.Equal((1, 1, 1), (preview.Counts.Rows, preview.Funds!.Rows, preview.Activities!.Rows));
    }

    [Fact]
    public async Task The_template_needs_the_right_to_edit()
    {
        var leader = await App.SignInAsync("leader");
        Assert.NotEqual(HttpStatusCode.OK, (await leader.GetAsync("/import/template.xlsx")).StatusCode);
    }
}

public sealed class PostgresTemplateTests(PostgresFixture fixture) : TemplateTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteTemplateTests(SqliteFixture fixture) : TemplateTests(fixture), IClassFixture<SqliteFixture>;

using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Dashboard;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.Statistics;
using InvestTrack.Features.Units;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Companies;
using InvestTrack.IntegrationTests.Dashboard;
using InvestTrack.IntegrationTests.Imports;
using InvestTrack.IntegrationTests.Statistics;
using InvestTrack.Kernel;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Exports;

/// <summary>
/// Issue 9, item 15: every export over HTTP is a real spreadsheet (number, date and text cells with their formats, a
/// frozen header, widths), its amount column sums exactly to the figure it lists, and its Chinese name travels in
/// filename* with an ASCII fallback. On both providers, since each export reads the database.
/// </summary>
public abstract class ExportFileTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    /// <summary>0.10 and 0.20 万元, whose doubles do not add up to 0.30, and an amount of ten digits.</summary>
    private static readonly long[] Planned = [10, 20, 12_345_678_91];

    /// <summary>A unit and an investor of their own, three projects: one named like a formula, one signed and started.</summary>
    private async Task<(int UnitId, List<string> Codes)> ProjectsAsync()
    {
        var suffix = AdminTestSupport.Unique();
        return await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var unit = new Unit { Code = $"EX{suffix}", Name = $"导出测试区{suffix}", Kind = UnitKind.County, SortOrder = 900 };
            var company = new Company { Name = $"导出测试公司{suffix}", Origin = "山东省济南市", OriginClass = OriginClass.OtherProvince, CreatedAt = DateTimeOffset.UtcNow };
            db.AddRange(unit, company);
            await db.SaveChangesAsync();
            var projects = Planned.Select((planned, i) => new Project
            {
                Code = $"EX{suffix}-{i}", Name = i == 0 ? $"=1+1{suffix}" : $"导出项目{suffix}-{i}", CompanyId = company.Id, UnitId = unit.Id,
                Stage = i == 2 ? ProjectStage.Started : ProjectStage.Talks, PlannedInvestment = planned,
                ContractedInvestment = i == 2 ? 8_000_00 : null, SigningKind = i == 2 ? SigningKind.Contract : null,
                SignedOn = i == 2 ? new DateOnly(2025, 3, 18) : null, StartedOn = i == 2 ? new DateOnly(2025, 6, 1) : null,
                ResponsibleLeader = i == 2 ? "张三" : null, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            }).ToList();
            db.Projects.AddRange(projects);
            await db.SaveChangesAsync();
            return (unit.Id, projects.Select(p => p.Code).ToList());
        });
    }

    private static void AssertNamed(HttpResponseMessage response, string chinesePattern, string asciiPattern)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Matches(chinesePattern, disposition.FileNameStar);
        Assert.Matches(asciiPattern, disposition.FileName!.Trim('"'));
        // On the wire: percent-encoded UTF-8 (RFC 5987), no raw Chinese in the header.
        var raw = string.Join(";", response.Content.Headers.GetValues("Content-Disposition"));
        Assert.Contains("filename*=UTF-8''%E", raw, StringComparison.Ordinal);
        Assert.True(raw.All(char.IsAscii), raw);
    }

    private static void AssertSpreadsheetShape(ProbeSheet sheet)
    {
        Assert.Equal((1d, "frozen"), (sheet.FrozenRows, sheet.FrozenState));
        Assert.Equal(sheet.Headers.Count, sheet.Widths.Count);
        Assert.All(sheet.Widths, w => Assert.True(w > 0));
    }

    [Fact]
    public async Task The_project_export_has_typed_cells_sums_exactly_and_imports_back()
    {
        var (unitId, codes) = await ProjectsAsync();
        var city = await App.SignInAsync("city");
        var response = await city.GetAsync($"/projects/export.xlsx?unit={unitId}");
        AssertNamed(response, @"^项目清单-\d{8}-\d{4}\.xlsx$", @"^projects-\d{8}-\d{4}\.xlsx$");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var sheet = XlsxProbe.Sheet(bytes, ProjectExport.SheetName);
        AssertSpreadsheetShape(sheet);
        Assert.Equal(ProjectExport.Columns.Select(c => c.Header), sheet.Headers);
        Assert.Equal(codes, sheet.Column("项目编号").Select(c => c!.Value));
        Assert.All(sheet.Column("项目编号"), c => Assert.Equal(("inlineStr", "@"), (c!.Type, c.FormatCode)));

        var planned = sheet.Column("计划总投资(万元)");
        Assert.All(planned, c => Assert.Equal(("n", 4u, "#,##0.00"), (c!.Type, c.NumberFormatId, c.FormatCode)));
        Assert.Equal(["0.10", "0.20", "12345678.91"], planned.Select(c => c!.Value));
        Assert.Equal(Money.ToWan(Planned.Sum()), planned.Sum(c => c!.Number));
        Assert.Equal([null, null, "8000.00"], sheet.Column("合同引资额(万元)").Select(c => c?.Value));

        var signed = sheet.Column("签约日期")[2]!;
        Assert.Equal(("n", SpreadsheetExport.DateFormatId, "yyyy-mm-dd", new DateOnly(2025, 3, 18)), (signed.Type, signed.NumberFormatId, signed.FormatCode, signed.Date));
        Assert.Equal(new DateOnly(2025, 6, 1), sheet.Column("开工日期")[2]!.Date);
        Assert.Null(sheet.Column("投产日期")[2]);
        Assert.Equal(("inlineStr", "'=1+1"), (sheet.Column("项目名称")[0]!.Type, sheet.Column("项目名称")[0]!.Value[..5]));
        Assert.Equal(["洽谈", "洽谈", "开工"], sheet.Column("阶段").Select(c => c!.Value));

        // The file goes back in through the import as it is: amounts and dates are read from their typed cells.
        var preview = await App.PreviewAsync("city", bytes, "项目清单.xlsx");
        Assert.Empty(preview.Problems);
        Assert.Equal(3, preview.Counts!.Rows);
        // Amounts and dates come back exactly: only the neutralised name differs from the database.
        Assert.Equal((0, 1, 2), (preview.Counts.Created, preview.Counts.Updated, preview.Counts.Unchanged));
        Assert.Equal(codes[0], Assert.Single(preview.ToUpdate).Code);
    }

    [Fact]
    public async Task The_whole_list_sums_to_the_database_total()
    {
        await ProjectsAsync();
        var city = await App.SignInAsync("city");
        var sheet = XlsxProbe.Sheet(await city.GetByteArrayAsync("/projects/export.xlsx"));
        var (count, total) = await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.Projects.CountAsync(), await db.Projects.SumAsync(p => p.PlannedInvestment));
        });
        Assert.Equal(count, sheet.Rows.Count - 1);
        Assert.Equal(Money.ToWan(total), sheet.Column("计划总投资(万元)").Sum(c => c!.Number));
    }

    [Fact]
    public async Task The_project_csv_has_plain_numbers_iso_dates_and_neutralised_text()
    {
        var (unitId, codes) = await ProjectsAsync();
        var city = await App.SignInAsync("city");
        var response = await city.GetAsync($"/projects/export.csv?unit={unitId}");
        AssertNamed(response, @"^项目清单-\d{8}-\d{4}\.csv$", @"^projects-\d{8}-\d{4}\.csv$");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', ProjectExport.Columns.Select(c => c.Header)), lines[0]);
        var cells = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(codes, cells.Select(c => c[0]));
        Assert.Equal(["0.10", "0.20", "12345678.91"], cells.Select(c => c[7]));
        Assert.Equal(("8000.00", "项目合同", "2025-03-18", "2025-06-01", ""), (cells[2][8], cells[2][9], cells[2][10], cells[2][11], cells[2][12]));
        Assert.StartsWith("'=1+1", cells[0][1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dispatch_list_sums_exactly_to_the_reports_funds()
    {
        var s = await StatisticsSeed.NewAsync(App);
        var a = await s.ProjectAsync(2000m);
        var b = await s.ProjectAsync(1500.55m, startedOn: new DateOnly(2024, 5, 1));
        await s.FundsAsync(a, 2025, 3, 1000.10m);
        await s.FundsAsync(a, 2025, 8, 0.20m);
        await s.FundsAsync(b, 2025, 8, 1234.57m);
        var city = await App.SignInAsync("city");
        var figures = JsonDocument.Parse(await city.GetStringAsync($"/api/reports/dispatch?year=2025&month=8&unitId={s.UnitId}")).RootElement.GetProperty("figures");
        var counted = figures.GetProperty("inScope").GetProperty("amount").GetInt64();
        Assert.Equal(StatisticsSeed.Hundredths(2234.87m), counted);

        var response = await city.GetAsync($"/api/reports/dispatch/export.xlsx?year=2025&month=8&unitId={s.UnitId}");
        AssertNamed(response, @"^省调度项目-2025年8月-\d{8}-\d{4}\.xlsx$", @"^dispatch-202508-\d{8}-\d{4}\.xlsx$");
        var sheets = XlsxProbe.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["省调度项目", "调度文稿"], sheets.Select(x => x.Name));
        var list = sheets[0];
        AssertSpreadsheetShape(list);
        Assert.Equal(DispatchApi.ExportHeaders, list.Headers);
        var year = list.Column("本年到位资金(万元)");
        Assert.All(year, c => Assert.Equal(("n", "#,##0.00"), (c!.Type, c.FormatCode)));
        Assert.Equal(Money.ToWan(counted), year.Sum(c => c!.Number));
        Assert.Equal(1234.77m, list.Column("本期到位资金(万元)").Sum(c => c!.Number));
        Assert.Equal(3500.55m, list.Column("计划总投资(万元)").Sum(c => c!.Number));
        var paragraph = Assert.Single(sheets[1].Column("调度文稿"))!;
        Assert.Equal(("inlineStr", 100d), (paragraph.Type, sheets[1].Widths[0]));
        Assert.StartsWith("1月至8月", paragraph.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_records_sum_exactly_to_the_figure_in_xlsx_and_csv()
    {
        const int year = 2087;
        var s = await DashboardSeed.NewUnitAsync(App);
        var company = await s.CompanyAsync(provinceCode: "370000");
        decimal[] funds = [0.10m, 0.20m, 98765.43m];
        foreach (var wan in funds) await s.FundsAsync(await s.ProjectAsync(company, 1000m), year, 2, wan);
        var city = await App.SignInAsync("city");
        city.DefaultRequestHeaders.Add("X-Requested-With", "InvestTrack");
        var query = $"kind=Funds&year={year}&month=6&unitId={s.UnitId}";
        var total = JsonDocument.Parse(await city.GetStringAsync($"/api/dashboard/records?{query}")).RootElement.GetProperty("total").GetInt64();
        Assert.Equal(StatisticsSeed.Hundredths(funds.Sum()), total);

        var xlsx = await city.GetAsync($"/api/dashboard/records/export.xlsx?{query}");
        AssertNamed(xlsx, $@"^看板数据明细-{year}06-\d{{8}}-\d{{4}}\.xlsx$", $@"^dashboard-Funds-{year}06-\d{{8}}-\d{{4}}\.xlsx$");
        var sheet = XlsxProbe.Sheet(await xlsx.Content.ReadAsByteArrayAsync());
        AssertSpreadsheetShape(sheet);
        Assert.Equal(DashboardApi.ExportHeaders, sheet.Headers);
        Assert.All(sheet.Column("金额(万元)"), c => Assert.Equal(("n", 4u), (c!.Type, c.NumberFormatId)));
        Assert.Equal(Money.ToWan(total), sheet.Column("金额(万元)").Sum(c => c!.Number));

        var csv = await city.GetAsync($"/api/dashboard/records/export.csv?{query}");
        AssertNamed(csv, $@"^看板数据明细-{year}06-\d{{8}}-\d{{4}}\.csv$", $@"^dashboard-Funds-{year}06-\d{{8}}-\d{{4}}\.csv$");
        var amounts = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => decimal.Parse(l.Split(',')[7], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(["98765.43", "0.20", "0.10"], amounts.Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(Money.ToWan(total), amounts.Sum());
    }

    [Fact]
    public async Task The_company_export_counts_projects_in_number_cells()
    {
        var tag = AdminTestSupport.Unique();
        var (unitId, _) = await ProjectsAsync();
        await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var company = await db.Projects.Where(p => p.UnitId == unitId).Select(p => p.CompanyId).FirstAsync();
            await db.Companies.Where(c => c.Id == company).ExecuteUpdateAsync(u => u.SetProperty(c => c.Name, $"计数{tag}公司"));
            return 0;
        });
        var city = await App.ApiClientAsync("city");
        var response = await city.GetAsync($"/api/companies/export?q={tag}&format=xlsx");
        AssertNamed(response, @"^企业清单-\d{8}-\d{4}\.xlsx$", @"^companies-\d{8}-\d{4}\.xlsx$");
        var sheet = XlsxProbe.Sheet(await response.Content.ReadAsByteArrayAsync());
        AssertSpreadsheetShape(sheet);
        var count = Assert.Single(sheet.Column("项目数"))!;
        Assert.Equal(("n", "3", 1u, "0"), (count.Type, count.Value, count.NumberFormatId, count.FormatCode));
    }

    [Fact]
    public async Task The_templates_are_typed_and_named_in_chinese()
    {
        var city = await App.SignInAsync("city");
        var ledger = await city.GetAsync("/import/template.xlsx");
        AssertNamed(ledger, @"^台账导入模板\.xlsx$", @"^ledger-template\.xlsx$");
        // The sheets to fill hold their headers only; the examples, with their cell types, are on 填表说明 (Imports/TemplateTests).
        var sheet = XlsxProbe.Sheet(await ledger.Content.ReadAsByteArrayAsync(), "项目");
        AssertSpreadsheetShape(sheet);
        Assert.Equal(Features.Imports.LedgerColumns.Projects.All.Select(c => c.Chinese), sheet.Headers);
        Assert.Single(sheet.Rows);

        var targets = await city.GetAsync("/api/targets/template.xlsx");
        AssertNamed(targets, @"^年度目标模板\.xlsx$", @"^targets-template\.xlsx$");
        var grid = XlsxProbe.Sheet(await targets.Content.ReadAsByteArrayAsync(), "年度目标");
        AssertSpreadsheetShape(grid);
        Assert.All(grid.Column("年度"), c => Assert.Equal(("n", "0"), (c!.Type, c.FormatCode)));
        Assert.Equal(["2500000", "40", "18", "300", "80"], grid.Column("目标值").Select(c => c!.Value));
        Assert.All(grid.Column("目标值"), c => Assert.True(c!.IsNumber));
    }

    [Fact]
    public async Task The_chart_library_is_served_as_committed()
    {
        var client = await App.SignInAsync("city");
        var bytes = await client.GetByteArrayAsync("/lib/echarts/echarts.min.js");
        var recorded = (await client.GetStringAsync("/lib/echarts/echarts.min.js.sha256"))[..64];
        Assert.Equal(recorded, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}

public sealed class PostgresExportFileTests(PostgresFixture fixture) : ExportFileTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteExportFileTests(SqliteFixture fixture) : ExportFileTests(fixture), IClassFixture<SqliteFixture>;

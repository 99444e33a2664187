using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Imports;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Imports;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using static InvestTrack.IntegrationTests.Funds.FundsTestSupport;
using static InvestTrack.IntegrationTests.Imports.ImportTestSupport;

namespace InvestTrack.IntegrationTests.Funds;

/// <summary>The 到位资金 sheet of the ledger import: rules of the contract, the audit right, idempotence, all or nothing with 项目.</summary>
public abstract class FundsImportTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private static readonly DateOnly Signed = new(2025, 1, 15);
    private static readonly string[] FundsHeader = ["项目编号", "月份", "到位资金(万元)", "资金来源", "审核状态"];

    private static byte[] FundsCsv(params string[][] rows) => Csv([FundsHeader, .. rows]);

    private static string Problems(ImportResult r) => string.Join("; ", r.Problems.Select(ImportText.Line));

    [Fact]
    public async Task Without_the_audit_right_rows_come_in_pending_and_a_re_import_changes_nothing()
    {
        var project = await App.SignedProjectAsync(Signed);
        var file = FundsCsv([project.Code, "2025-03", "100.5", "省外", "已审核"], [project.Code, "2025-4", "200", "", "待审核"]);
        var first = await App.CommitAsync("tiexi", file, "资金.csv");
        Assert.True(first.Ok, Problems(first));
        Assert.Equal((2, 2, 0, 0), (first.Funds!.Rows, first.Funds.Created, first.Funds.Audited, first.Counts.Rows));
        var records = await App.FundsOfAsync(project.Id);
        Assert.All(records, r => Assert.Equal((FundsAuditStatus.Pending, "tiexi"), (r.Status, r.ReportedBy)));
        Assert.Equal([(202503, 10_050L), (202504, 20_000L)], records.Select(r => (r.Period, r.Amount)));

        var again = await App.CommitAsync("tiexi", file, "资金.csv");
        Assert.Equal((0, 0, 2), (again.Funds!.Created, again.Funds.Updated, again.Funds.Unchanged));
        Assert.Equal(records.Select(r => r.Version), (await App.FundsOfAsync(project.Id)).Select(r => r.Version));

        // Audited by the city: the unit may re-import the same figures (the audit stays, even with 已审核 in the file);
        // a changed amount sends the record back to 待审核, as an edit in the app does.
        var audited = await App.AsUserAsync("city", sp => FundsOf(sp).AuditAsync(records[0].Id, records[0].Version));
        Assert.True(audited.Ok, audited.FirstError);
        Assert.True((await App.CommitAsync("tiexi", file, "资金.csv")).Ok);
        Assert.Equal((FundsAuditStatus.Audited, "city"), (await App.FundsOfAsync(project.Id)).Select(r => (r.Status, r.AuditedBy)).First());
        var changed = await App.CommitAsync("tiexi", FundsCsv([project.Code, "2025-03", "999", "省外", "已审核"], [project.Code, "2025-04", "250", "", ""]), "资金2.csv");
        Assert.True(changed.Ok, Problems(changed));
        Assert.Equal([(99_900L, FundsAuditStatus.Pending, (string?)null, false, "资金2.csv"), (25_000L, FundsAuditStatus.Pending, null, false, "资金2.csv")],
            (await App.FundsOfAsync(project.Id)).Select(r => (r.Amount, r.Status, r.AuditedBy, r.AuditedInSource, r.ImportedFrom)));
    }

    [Fact]
    public async Task With_the_audit_right_rows_marked_audited_count_and_the_chain_reaches_the_api_totals()
    {
        var project = await App.SignedProjectAsync(Signed);
        var result = await App.CommitAsync("city", FundsCsv([project.Code, "2025-05", "300", "境外", "已审核"], [project.Code, "2025-06", "40", "省外", ""]), "资金.csv");
        Assert.True(result.Ok, Problems(result));
        Assert.Equal(1, result.Funds!.Audited);
        var records = await App.FundsOfAsync(project.Id);
        // 已审核 in the file was audited in the source ledger: recorded so, with who imported it from which file, and
        // never as the importer's own audit (four eyes).
        Assert.Equal([(OriginClass.Abroad, FundsAuditStatus.Audited, (string?)null, true, "city", "资金.csv"), (OriginClass.OtherProvince, FundsAuditStatus.Pending, null, false, "city", "资金.csv")],
            records.Select(r => (r.Source, r.Status, r.AuditedBy, r.AuditedInSource, r.ImportedBy, r.ImportedFrom)));
        Assert.All(records, r => Assert.NotNull(r.ImportedAt));
        // The project's funds page says so, in place of an auditor's name.
        var fundsPage = await (await App.SignInAsync("city")).GetStringAsync($"/projects/{project.Id}/funds");
        Assert.Contains("源台账已审核", fundsPage, StringComparison.Ordinal);
        Assert.Contains("从文件“资金.csv”导入", fundsPage, StringComparison.Ordinal);
        Assert.Contains(await App.AuditOfAsync(nameof(FundsRecord), records[0].Id.ToString(CultureInfo.InvariantCulture)), a => a.Action == "Create");

        // The pending row, imported by the unit, audited by the city over HTTP, is then in the unit's totals.
        var unitRow = await App.CommitAsync("tiexi", FundsCsv([project.Code, "2025-07", "1234.56", "省内", ""]), "资金.csv");
        Assert.True(unitRow.Ok, Problems(unitRow));
        var pending = (await App.FundsOfAsync(project.Id)).Single(r => r.Period == 202507);
        var city = await App.SignInAsync("city");
        city.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        var audit = await city.PostAsJsonAsync($"/api/funds/{pending.Id}/audit", new FundsDecision { Version = pending.Version });
        Assert.Equal(System.Net.HttpStatusCode.OK, audit.StatusCode);
        var tiexi = await App.SignInAsync("tiexi");
        var page = await tiexi.GetFromJsonAsync<JsonElement>($"/api/funds?year=2025&projectId={project.Id}");
        Assert.Equal((3, 153_456L, 0.15m), (page.GetProperty("total").GetInt32(), page.GetProperty("auditedAmount").GetInt64(), page.GetProperty("auditedYi").GetDecimal()));
    }

    [Fact]
    public async Task Every_row_problem_is_listed_and_nothing_is_written()
    {
        var project = await App.SignedProjectAsync(Signed);
        var foreign = await App.SignedProjectAsync(Signed, "tiedong", "220303");
        var future = DateTime.UtcNow.AddMonths(2).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var lockedProject = await App.SignedProjectAsync(new DateOnly(2012, 1, 1));
        var locked = await App.AsUserAsync("city", sp => FundsOf(sp).SetLockAsync(201202, true, new MonthLockCommand { Reason = "已上报" }));
        Assert.True(locked.Ok, locked.FirstError);
        var file = FundsCsv(
            [project.Code, "2025-03", "100", "省外", ""],
            ["NO-SUCH-PROJECT", "2025-03", "1", "", ""],
            [foreign.Code, "2025-03", "1", "", ""],
            [project.Code, "2025/05", "1", "", ""],
            [project.Code, "2025-06", "0", "", ""],
            [project.Code, "2025-07", "-3", "", ""],
            [project.Code, future, "1", "", ""],
            [project.Code, "2024-12", "1", "", ""],
            [project.Code, "2025-03", "5", "省外", ""],
            [project.Code, "2025-08", "1", "外省", "通过"],
            [lockedProject.Code, "2012-02", "1", "", ""]);
        var before = await App.FundsOfAsync(project.Id);
        var result = await App.CommitAsync("tiexi", file, "资金.csv");
        Assert.False(result.Ok);
        string[] expected =
        [
            "5 NotAMonth", "6 FundsAmountNotPositive", "7 FundsAmountNotPositive", "11 UnknownFundsSource", "11 UnknownAuditStatus",
        ];
        Assert.Equal(expected.Order(), result.Problems.Select(p => $"{p.Row} {p.Code["Import.".Length..]}").Order());
        Assert.Contains(result.Problems, p => p.Message == "“2025/05”不是月份，应为 yyyy-mm");

        // With the cells right, the rules that need the database speak.
        var second = await App.CommitAsync("tiexi", FundsCsv(
            [project.Code, "2025-03", "100", "省外", ""],
            ["NO-SUCH-PROJECT", "2025-03", "1", "", ""],
            [foreign.Code, "2025-03", "1", "", ""],
            [project.Code, future, "1", "", ""],
            [project.Code, "2024-12", "1", "", ""],
            [project.Code, "2025-03", "5", "省外", ""],
            [lockedProject.Code, "2012-02", "1", "", ""]), "资金.csv");
        Assert.Equal(["3 FundsProjectUnknown", "4 FundsProjectUnknown", "5 FundsFutureMonth", "6 FundsBeforeSigning", "7 FundsDuplicateKey", "8 FundsMonthLocked"],
            second.Problems.OrderBy(p => p.Row).Select(p => $"{p.Row} {p.Code["Import.".Length..]}"));
        Assert.Contains(second.Problems, p => p.Message == $"项目“{project.Code}” 2025-03 省外 的到位资金与第 2 行重复，同一笔资金不能重复计算");
        Assert.Equal(before.Count, (await App.FundsOfAsync(project.Id)).Count);
        Assert.Empty(await App.FundsOfAsync(lockedProject.Id));
    }

    [Fact]
    public async Task A_workbook_with_both_sheets_is_all_or_nothing()
    {
        var code = "F" + AdminTestSupport.Unique();
        object?[] project = [.. Row(code)];
        var bad = ImportTestSupport.Workbook(("项目", [ImportTestSupport.Header, project]), ("到位资金", [FundsHeader, [code, "2025-04", 500m, null, null], [code, "2025-02", 1m, null, null]]));
        var refused = await App.CommitAsync("tiexi", bad, "台账.xlsx");
        var problem = Assert.Single(refused.Problems);
        Assert.Equal(("到位资金", 3, ImportCodes.FundsBeforeSigning), (problem.Sheet, problem.Row, problem.Code));
        Assert.Equal(0, await App.CountByCodeAsync(code));

        var good = ImportTestSupport.Workbook(("项目", [ImportTestSupport.Header, project]), ("到位资金", [FundsHeader, [code, "2025-04", 500m, null, null], [code, new DateOnly(2025, 5, 1), 1.25m, "省内", "已审核"]]));
        var result = await App.CommitAsync("tiexi", good, "台账.xlsx");
        Assert.True(result.Ok, Problems(result));
        Assert.Equal((1, 2), (result.Counts.Created, result.Funds!.Created));
        var id = await App.FundsOfAsync((await App.ProjectIdByCodeAsync(code)));
        Assert.Equal([(202504, OriginClass.OtherProvince, 50_000L, FundsAuditStatus.Pending), (202505, OriginClass.InProvince, 125L, FundsAuditStatus.Pending)],
            id.Select(r => (r.Period, r.Source, r.Amount, r.Status)));
        var again = (await App.CommitAsync("tiexi", good, "台账.xlsx")).Funds!;
        Assert.Equal((0, 0, 2), (again.Created, again.Updated, again.Unchanged));
    }
}

[Collection("postgres")]
public sealed class PostgresFundsImportTests(PostgresFixture fixture) : FundsImportTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteFundsImportTests(SqliteFixture fixture) : FundsImportTests(fixture), IClassFixture<SqliteFixture>;

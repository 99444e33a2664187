using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Imports;
using InvestTrack.Features.Projects;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Imports.ImportTestSupport;

namespace InvestTrack.IntegrationTests.Imports;

public abstract class ProjectImportTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private static string Code() => $"IM-{AdminTestSupport.Unique()}";

    private Task<Project> ProjectAsync(string code) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.AsNoTracking().SingleAsync(p => p.Code == code));

    private Task<Company> CompanyAsync(int id) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Companies.AsNoTracking().SingleAsync(c => c.Id == id));

    private Task<List<StageChange>> StagesAsync(int projectId) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().StageChanges.AsNoTracking().Where(s => s.ProjectId == projectId).OrderBy(s => s.Id).ToListAsync());

    private Task<int> ImportAuditCountAsync() =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(e => e.Action == "Import"));

    /// <summary>The problems must be exactly these (row, column, code); and nothing at all is written.</summary>
    private async Task<ImportResult> RefusedAsync(byte[] file, string name = "台账.csv", string user = "tiexi")
    {
        var before = await App.CountsAsync();
        var preview = await App.PreviewAsync(user, file, name);
        var result = await App.CommitAsync(user, file, name);
        Assert.False(result.Ok);
        Assert.False(result.Committed);
        Assert.Equal(preview.Problems, result.Problems);
        Assert.Equal(before, await App.CountsAsync());
        return result;
    }

    [Fact]
    public async Task A_good_ledger_creates_projects_and_companies_with_exact_amounts_and_history()
    {
        var (a, b) = (Code(), Code());
        var rowA = Row(a, "<script>alert('x')</script>年产900吨精酿啤酒项目", "12345.67");
        var rowB = Row(b, planned: "0.01");
        rowB[3] = "";                   // no credit code: matched by name, here created
        rowB[4] = "俄罗斯";
        rowB[6] = "";
        rowB[8] = "";
        rowB[9] = rowB[10] = "";          // unsigned: 洽谈
        rowB[13] = "停滞";
        var auditBefore = await ImportAuditCountAsync();

        var preview = await App.PreviewAsync("tiexi", Ledger(rowA, rowB));
        Assert.True(preview.Ok, string.Join("; ", preview.Problems.Select(ImportText.Line)));
        Assert.Equal(new ImportCounts(2, 2, 0, 0, 2), preview.Counts);
        Assert.Equal([a, b], preview.ToCreate.Select(r => r.Code));
        Assert.Throws<InvalidOperationException>(() => ProjectAsync(a).GetAwaiter().GetResult()); // a preview writes nothing

        var result = await App.CommitAsync("tiexi", Ledger(rowA, rowB));
        Assert.True(result.Ok);
        Assert.True(result.Committed);
        Assert.Equal(new ImportCounts(2, 2, 0, 0, 2), result.Counts);

        var pa = await ProjectAsync(a);
        Assert.Equal("<script>alert('x')</script>年产900吨精酿啤酒项目", pa.Name); // stored as text, shown as text
        Assert.Equal((1234567L, 800000L), (pa.PlannedInvestment, pa.ContractedInvestment));
        Assert.Equal((ProjectStage.Signed, ProjectStatus.Active, SigningKind.Contract, new DateOnly(2025, 3, 18)), (pa.Stage, pa.Status, pa.SigningKind, pa.SignedOn));
        Assert.Equal(await App.UnitIdAsync("220302"), pa.UnitId);
        Assert.NotNull(pa.IndustryId);
        Assert.Equal("以商招商", pa.LeadSource);
        var ca = await CompanyAsync(pa.CompanyId);
        Assert.Equal(($"投资方{a}", rowA[3], "山东省济南市", Features.ReferenceData.OriginClass.OtherProvince, "370000"),
            (ca.Name, ca.CreditCode, ca.Origin, ca.OriginClass, ca.OriginProvinceCode));

        var pb = await ProjectAsync(b);
        Assert.Equal((1L, (long?)null, ProjectStage.Talks, ProjectStatus.Stalled, (int?)null), (pb.PlannedInvestment, pb.ContractedInvestment, pb.Stage, pb.Status, pb.IndustryId));
        Assert.Equal(Features.ReferenceData.OriginClass.Abroad, (await CompanyAsync(pb.CompanyId)).OriginClass);

        var history = await StagesAsync(pa.Id);
        var first = Assert.Single(history);
        Assert.Equal(((ProjectStage?)null, ProjectStage.Signed, pa.UnitId), (first.FromStage, first.ToStage, first.UnitId));
        Assert.Equal(auditBefore + 1, await ImportAuditCountAsync());
        var audit = await App.AuditOfAsync(nameof(Project), pa.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["Create"], audit.Select(e => e.Action));
    }

    [Fact]
    public async Task A_row_that_the_database_refuses_last_leaves_nothing_of_the_import()
    {
        // Thousands of new projects and companies; the database refuses the last project (a test trigger), after the
        // companies and the other projects are written: the whole import rolls back.
        var prefix = Code();
        var rows = Enumerable.Range(1, 2000).Select(i => Row($"{prefix}-{i:0000}")).ToArray();
        var last = rows[^1][0];
        var postgres = App.Provider == DatabaseProviderKind.Postgres;
        await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(postgres
            ? $$"""
              CREATE FUNCTION refuse_late() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused late'; END $$;
              CREATE TRIGGER refuse_late BEFORE INSERT ON "Projects" FOR EACH ROW WHEN (NEW."Code" = '{{last}}') EXECUTE FUNCTION refuse_late();
              """
            : $"""CREATE TRIGGER refuse_late BEFORE INSERT ON "Projects" WHEN NEW."Code" = '{last}' BEGIN SELECT RAISE(ABORT, 'refused late'); END;"""));
        try
        {
            var before = await App.CountsAsync();
            var result = await App.CommitAsync("tiexi", Ledger(rows));
            Assert.False(result.Committed);
            Assert.Equal(ImportCodes.Conflict, Assert.Single(result.Problems).Code);
            Assert.Equal(before, await App.CountsAsync());
            Assert.Equal(0, await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Companies.CountAsync(c => c.Name.StartsWith($"投资方{prefix}"))));
        }
        finally
        {
            await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(postgres
                ? """DROP TRIGGER refuse_late ON "Projects"; DROP FUNCTION refuse_late();""" : "DROP TRIGGER refuse_late;"));
        }
    }

    [Fact]
    public async Task Re_importing_the_same_ledger_changes_nothing_and_an_edited_one_updates()
    {
        var (a, b) = (Code(), Code());
        var rows = new[] { Row(a), Row(b) };
        Assert.True((await App.CommitAsync("tiexi", Ledger(rows))).Ok);
        var stored = await ProjectAsync(a);
        var before = await App.CountsAsync();

        var again = await App.CommitAsync("tiexi", Ledger(rows));
        Assert.True(again.Ok);
        Assert.Equal(new ImportCounts(2, 0, 0, 2, 0), again.Counts);
        var after = await App.CountsAsync();
        // No project, company or history row; the import itself is audited, once.
        Assert.Equal(before with { Audit = before.Audit + 1 }, after);
        Assert.Equal(stored.Version, (await ProjectAsync(a)).Version);

        rows[0][7] = "20000.5";
        rows[0][11] = "2025-05-01"; // started: the stage follows the dates
        var preview = await App.PreviewAsync("tiexi", Ledger(rows));
        Assert.Equal(new ImportCounts(2, 0, 1, 1, 0), preview.Counts);
        var change = Assert.Single(preview.ToUpdate);
        Assert.Equal(["计划总投资(万元)", "开工日期", "阶段"], change.ChangedColumns);

        var edited = await App.CommitAsync("tiexi", Ledger(rows));
        Assert.Equal(new ImportCounts(2, 0, 1, 1, 0), edited.Counts);
        var updated = await ProjectAsync(a);
        Assert.Equal((2000050L, ProjectStage.Started, new DateOnly(2025, 5, 1), stored.Version + 1, stored.CompanyId),
            (updated.PlannedInvestment, updated.Stage, updated.StartedOn, updated.Version, updated.CompanyId));
        var history = await StagesAsync(updated.Id);
        Assert.Equal([ProjectStage.Signed, ProjectStage.Started], history.Select(h => h.ToStage));
        Assert.Equal(ProjectStage.Signed, history[1].FromStage);
        var audit = await App.AuditOfAsync(nameof(Project), updated.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["Create", "Update"], audit.Select(e => e.Action));
        Assert.Equal(before.Projects, (await App.CountsAsync()).Projects);
    }

    [Fact]
    public async Task Every_bad_row_is_listed_with_row_and_column_and_nothing_is_written()
    {
        var good = Row(Code());
        string[] With(int column, string value) { var r = Row(Code()); r[column] = value; return r; }
        var creditCode = Row(Code()); creditCode[3] = creditCode[3][..17] + (creditCode[3][17] == '0' ? "1" : "0");
        var datesOutOfOrder = Row(Code()); datesOutOfOrder[11] = "2025-01-01";
        var duplicate = Row(good[0]);
        var file = Ledger(
            good,                                   // row 2
            creditCode,                             // 3
            With(7, "-1"),                          // 4
            With(7, "1.234"),                       // 5
            With(7, "abc"),                         // 6
            With(5, "火星区"),                       // 7
            With(5, "铁东区"),                       // 8: a real unit, not this user's
            With(6, "造船业"),                       // 9
            datesOutOfOrder,                        // 10
            duplicate,                              // 11
            With(4, "亚特兰蒂斯"),                   // 12
            With(8, "1e5"),                         // 13
            With(10, "2025/13/45"),                 // 14
            With(9, "口头协议"),                     // 15
            With(1, ""),                            // 16
            With(3, "91370100ABC"),                 // 17
            With(7, "1000000000.01"));              // 18: 元 typed as 万元

        var result = await RefusedAsync(file);
        var found = result.Problems.Select(p => (p.Row, p.Column, p.Code)).ToList();
        Assert.Equal(new (int?, string?, string)[]
        {
            (3, "统一社会信用代码", ImportCodes.CreditCheckCharacter),
            (4, "计划总投资(万元)", ImportCodes.AmountNegative),
            (5, "计划总投资(万元)", ImportCodes.AmountPrecision),
            (6, "计划总投资(万元)", ImportCodes.NotANumber),
            (7, "所属单位", ImportCodes.UnknownUnit),
            (8, "所属单位", ImportCodes.UnitOutOfScope),
            (9, "产业", ImportCodes.UnknownIndustry),
            (10, "开工日期", ImportCodes.StartBeforeSigning),
            (11, "项目编号", ImportCodes.DuplicateCode),
            (12, "投资方所在地", ImportCodes.UnknownPlace),
            (13, "合同引资额(万元)", ImportCodes.NotANumber),
            (14, "签约日期", ImportCodes.NotADate),
            (15, "签约类型", ImportCodes.UnknownSigningKind),
            (16, "项目名称", ImportCodes.Required),
            (17, "统一社会信用代码", ImportCodes.CreditLength),
            (18, "计划总投资(万元)", ImportCodes.AmountTooLarge),
        }, found);
        Assert.All(result.Problems, p => Assert.Equal("台账.csv", p.Sheet));
        var messages = result.Problems.ToDictionary(p => p.Row!.Value, p => p.Message);
        Assert.Equal("统一社会信用代码校验位错误", messages[3]);
        Assert.Equal("“abc”不是数字", messages[6]);
        Assert.Equal("无权导入其他单位的项目", messages[8]);
        Assert.Equal("产业“造船业”不在 2025 年适用的产业目录中", messages[9]);
        Assert.Equal($"项目编号“{good[0]}”与第 2 行重复", messages[11]);
        Assert.Equal("“项目名称”不能为空", messages[16]);
        Assert.Equal("金额过大，请核对单位（万元）", messages[18]);
    }

    [Fact]
    public async Task Messages_are_in_English_for_an_English_user()
    {
        var row = Row(Code());
        row[7] = "abc";
        var result = await App.AsUserAsync("tiexi", sp =>
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
            return sp.GetRequiredService<ProjectImport>().PreviewAsync(new MemoryStream(Ledger(row)), "ledger.csv");
        });
        Assert.Equal("\"abc\" is not a number", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public async Task A_missing_required_column_is_named_on_the_header_row()
    {
        var header = Header.Where(h => h != "投资方").ToArray();
        var row = Row(Code()).Where((_, i) => Header[i] != "投资方").ToArray();
        var result = await RefusedAsync(Csv(header, row));
        var problem = Assert.Single(result.Problems);
        Assert.Equal((1, "投资方", ImportCodes.MissingColumn, "缺少必填列“投资方”"), (problem.Row, problem.Column, problem.Code, problem.Message));
    }

    [Fact]
    public async Task English_aliases_in_any_order_import_too_and_unknown_columns_are_warnings()
    {
        var code = Code();
        var row = Row(code);
        var aliases = new[] { "code", "name", "investor", "credit_code", "investor_origin", "unit", "industry", "planned_investment", "contracted_investment", "signing_kind", "signed_on", "started_on", "in_production_on", "status", "lead_source" };
        var order = Enumerable.Range(0, aliases.Length).Reverse().ToArray();
        var file = Csv([.. order.Select(i => aliases[i].ToUpperInvariant()), "备注"], [.. order.Select(i => row[i]), "随便"]);
        var result = await App.CommitAsync("tiexi", file);
        Assert.True(result.Ok, string.Join("; ", result.Problems.Select(ImportText.Line)));
        Assert.Equal(ImportCodes.UnknownColumn, Assert.Single(result.Warnings).Code);
        Assert.Equal(1234567L, (await ProjectAsync(code)).PlannedInvestment);
    }

    [Fact]
    public async Task A_code_of_a_project_in_another_unit_is_taken_and_nothing_of_it_is_revealed()
    {
        var code = Code();
        var foreign = Row(code, "铁东的项目");
        foreign[5] = "铁东区";
        Assert.True((await App.CommitAsync("tiedong", Ledger(foreign))).Ok);
        var stored = await ProjectAsync(code);

        var mine = Row(code, "铁西改写");
        var problem = Assert.Single((await RefusedAsync(Ledger(mine))).Problems);
        Assert.Equal((2, "项目编号", "项目编号已被占用"), (problem.Row, problem.Column, problem.Message));
        Assert.Equal(("铁东的项目", stored.Version), ((await ProjectAsync(code)).Name, (await ProjectAsync(code)).Version));
    }

    [Fact]
    public async Task A_leader_may_not_import()
    {
        var before = await App.CountsAsync();
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.CommitAsync("leader", Ledger(Row(Code()))));
        var after = await App.CountsAsync();
        Assert.Equal((before.Projects, before.Companies), (after.Projects, after.Companies));
    }

    [Fact]
    public async Task Companies_are_matched_by_credit_code_then_by_name()
    {
        var (a, b, c) = (Code(), Code(), Code());
        var first = Row(a);
        Assert.True((await App.CommitAsync("tiexi", Ledger(first))).Ok);
        var company = (await ProjectAsync(a)).CompanyId;

        var byCode = Row(b);
        byCode[2] = "另一个写法的公司名";
        byCode[3] = first[3];
        var byName = Row(c);
        byName[2] = first[2];
        byName[3] = "";
        var result = await App.CommitAsync("tiexi", Ledger(byCode, byName));
        Assert.Equal(0, result.Counts.CompaniesCreated);
        Assert.Equal(company, (await ProjectAsync(b)).CompanyId);
        Assert.Equal(company, (await ProjectAsync(c)).CompanyId);
    }

    [Fact]
    public async Task An_xlsx_with_number_and_date_cells_imports_and_other_sheets_are_warnings()
    {
        var code = Code();
        object?[] header = [.. Header];
        object?[] row = [code, "数值单元格项目", $"投资方{code}", NewCreditCode(), "北京市", "220302", "数字经济", 5000.5m, 3000m, "战略合作框架协议",
            new DateOnly(2025, 2, 1), new DateOnly(2025, 4, 1), new DateOnly(2025, 9, 30), "正常", null];
        var result = await App.CommitAsync("tiexi", Xlsx("项目", header, row), "台账.xlsx");
        Assert.True(result.Ok, string.Join("; ", result.Problems.Select(ImportText.Line)));
        var p = await ProjectAsync(code);
        Assert.Equal((500050L, 300000L, SigningKind.Framework, ProjectStage.InProduction, new DateOnly(2025, 9, 30)),
            (p.PlannedInvestment, p.ContractedInvestment, p.SigningKind, p.Stage, p.InProductionOn));

        var funds = Xlsx("到位资金", ["项目编号", "月份", "到位资金(万元)"], [code, "2025-05", 100m]);
        // A workbook of funds alone imports too (the funds import has its own tests, in Funds/).
        var fundsOnly = await App.CommitAsync("tiexi", funds, "资金.xlsx");
        Assert.True(fundsOnly.Ok, string.Join("; ", fundsOnly.Problems.Select(ImportText.Line)));
        Assert.Equal((1, 1), (fundsOnly.Funds!.Rows, fundsOnly.Funds.Created));
        var activities = Xlsx("活动", ["活动编号", "类型", "开始日期", "组织单位"], ["A1", "走出去", "2025-05-01", "铁西区"]);
        // A 走出去 without destinations is refused by the 活动 sheet's rules (Activities/ActivityImportTests).
        Assert.Equal(ImportCodes.DestinationsRequired, Assert.Single((await RefusedAsync(activities, "活动.xlsx")).Problems).Code);
    }

    [Fact]
    public async Task A_sheet_of_a_million_empty_rows_is_refused_at_the_row_limit()
    {
        var result = await RefusedAsync(ImportTestSupport.WithEmptyRows(1_000_000), "台账.xlsx");
        Assert.Contains(result.Problems, p => p is { Sheet: "项目", Code: ImportCodes.SheetTooManyRows });
    }

    [Fact]
    public async Task A_formula_cell_is_refused()
    {
        object?[] row = [Code(), "公式项目", "公式公司", null, "北京市", "铁西区", null, new Formula("SUM(1,2)", "3"), null, null, null, null, null, null, null];
        var result = await RefusedAsync(Xlsx("项目", [.. Header], row), "台账.xlsx");
        var problem = Assert.Single(result.Problems);
        Assert.Equal((2, "H", ImportCodes.Formula), (problem.Row, problem.Column, problem.Code));
    }

    [Fact]
    public async Task Files_that_are_not_ledgers_get_a_clear_problem()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        Assert.Equal(ImportCodes.NotLedgerFile, Assert.Single((await RefusedAsync(png, "台账.xlsx")).Problems).Code);
        Assert.Equal(ImportCodes.NoRows, Assert.Single((await RefusedAsync(Csv(Header))).Problems).Code);
        Assert.Equal(ImportCodes.NoRows, Assert.Single((await RefusedAsync(Xlsx("项目"), "空.xlsx")).Problems).Code);
        Assert.Equal(ImportCodes.FileEmpty, Assert.Single((await RefusedAsync([])).Problems).Code);
        Assert.Equal(ImportCodes.ZipRatio, Assert.Single((await RefusedAsync(Bomb(), "炸弹.xlsx")).Problems).Code);
    }

    /// <summary>A workbook-looking zip whose sheet inflates from a few kilobytes to 64 MB of zeros.</summary>
    private static byte[] Bomb()
    {
        using var stream = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = archive.CreateEntry("[Content_Types].xml").Open()) types.Write("<Types/>"u8);
            using (var book = archive.CreateEntry("xl/workbook.xml").Open()) book.Write("<workbook/>"u8);
            using var sheet = archive.CreateEntry("xl/worksheets/sheet1.xml", System.IO.Compression.CompressionLevel.Optimal).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++) sheet.Write(zeros);
        }
        return stream.ToArray();
    }
}

public sealed class PostgresProjectImportTests(PostgresFixture fixture) : ProjectImportTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteProjectImportTests(SqliteFixture fixture) : ProjectImportTests(fixture), IClassFixture<SqliteFixture>;

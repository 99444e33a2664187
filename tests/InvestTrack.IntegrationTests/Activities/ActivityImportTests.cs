using InvestTrack.Data;
using InvestTrack.Features.Activities;
using InvestTrack.Features.Imports;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Imports.ImportTestSupport;

namespace InvestTrack.IntegrationTests.Activities;

/// <summary>The 活动 sheet (import.md): good and bad files, .csv and .xlsx, all or nothing with the other sheets, idempotent.</summary>
public abstract class ActivityImportTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private static string Code(string name) => $"{name}-{Guid.NewGuid():N}"[..20];

    private Task<List<Activity>> StoredAsync(params string[] codes) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Activities.AsNoTracking().Include(a => a.Destinations).Include(a => a.Counterparts)
            .Where(a => codes.Contains(a.Code)).OrderBy(a => a.Code).ToListAsync());

    private Task<int> ActivityCountAsync() => App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Activities.CountAsync());

    [Fact]
    public async Task A_good_csv_imports_updates_by_code_and_re_imports_as_unchanged()
    {
        var (a, b) = (Code("CSV-A"), Code("CSV-B"));
        var file = Csv(ActivityStatisticsTests.Header,
            [a, "走出去", "2025-05-24", "2025-05-26", "四平市", "陈德明 市长", "市级", "北京市; 湖南省长沙市", "企业:中化学建设投资集团有限公司；商协会：重庆市吉林商会", "2", "1"],
            [b, "请进来", "2025-06-01", "", "铁西区", "", "", "", "企业:广东睿氢新能源有限公司", "1", ""]);
        var result = await App.CommitAsync("city", file, "活动.csv");
        Assert.True(result.Ok, string.Join("; ", result.Problems.Select(ImportText.Line)));
        Assert.Equal(new ActivityImportCounts(2, 2, 0, 0), result.Activities);
        var stored = await StoredAsync(a, b);
        var first = stored.Single(x => x.Code == a);
        Assert.Equal((ActivityKind.Outbound, new DateOnly(2025, 5, 24), new DateOnly(2025, 5, 26), "陈德明 市长", LeaderLevel.City, 2, 1),
            (first.Kind, first.StartOn, first.EndOn, first.Leader, first.LeaderLevel, first.Meetings, first.Intentions));
        Assert.Equal([("110000", "110000", "北京市"), ("430000", "430100", "湖南省长沙市")],
            first.Destinations.OrderBy(d => d.SortOrder).Select(d => (d.ProvinceCode, d.CityCode!, d.Display)));
        Assert.Equal([(CounterpartType.Company, "中化学建设投资集团有限公司"), (CounterpartType.Association, "重庆市吉林商会")],
            first.Counterparts.OrderBy(c => c.SortOrder).Select(c => (c.Type, c.Name)));
        Assert.All(first.Destinations, d => Assert.Equal(first.UnitId, d.UnitId));

        var again = await App.CommitAsync("city", file, "活动.csv");
        Assert.Equal(new ActivityImportCounts(2, 0, 0, 2), again.Activities);
        Assert.Equal(first.Version, (await StoredAsync(a)).Single().Version);

        var changed = Csv(ActivityStatisticsTests.Header,
            [a, "走出去", "2025-05-24", "2025-05-26", "四平市", "陈德明 市长", "市级", "北京市", "企业:中化学建设投资集团有限公司", "3", "1"]);
        Assert.Equal(new ActivityImportCounts(1, 0, 1, 0), (await App.CommitAsync("city", changed, "活动.csv")).Activities);
        var updated = (await StoredAsync(a)).Single();
        Assert.Equal((3, 1, 1), (updated.Meetings, updated.Destinations.Count, updated.Counterparts.Count));
    }

    [Fact]
    public async Task An_xlsx_with_date_and_number_cells_imports_with_a_projects_sheet()
    {
        var code = Code("XLSX");
        var project = Code("P");
        var file = Workbook(
            ("项目", [[.. Header], Row(project)]),
            ("活动", [[.. ActivityStatisticsTests.Header],
                [code, "走出去", new DateOnly(2025, 3, 8), new DateOnly(2025, 3, 9), "铁西区", "郭灵计", "市级", "安徽省芜湖市", "企业:奇瑞汽车；产业园区:芜湖市产业创新馆", 1m, 2m]]));
        var result = await App.CommitAsync("tiexi", file, "台账.xlsx");
        Assert.True(result.Ok, string.Join("; ", result.Problems.Select(ImportText.Line)));
        Assert.Equal((1, 1), (result.Counts.Created, result.Activities!.Created));
        var a = (await StoredAsync(code)).Single();
        Assert.Equal((new DateOnly(2025, 3, 8), 1, 2, "安徽省芜湖市"), (a.StartOn, a.Meetings, a.Intentions, a.Destinations.Single().Display));
    }

    /// <summary>Every bad cell named by sheet, row and column; nothing written, the good project row of the same file neither.</summary>
    [Fact]
    public async Task A_bad_sheet_names_every_problem_and_writes_nothing()
    {
        var dup = Code("DUP");
        var project = Code("P");
        string[] Good(string code) => [code, "走出去", "2025-05-01", "", "铁西区", "", "", "北京市", "", "", ""];
        object?[][] activities =
        [
            [.. ActivityStatisticsTests.Header],
            Good(dup),
            [dup, "走出去", "2025-05-01", "", "铁西区", "", "", "北京市", "", "", ""],                    // row 3: duplicate code
            [Code("B"), "走出去", "2025-05-01", "", "铁西区", "", "", "湖南省东京市", "", "", ""],          // 4: unknown city
            [Code("B"), "走出去", "2025-05-01", "", "铁西区", "", "", "火星", "", "", ""],                  // 5: unknown province
            [Code("B"), "走出去", "2025-05-01", "", "铁西区", "", "", "俄罗斯", "", "", ""],                // 6: a country
            [Code("B"), "走出去", "2025-05-01", "", "铁西区", "", "", "北京市", "中国兵器工业集团", "", ""], // 7: counterpart without type
            [Code("B"), "走出去", "2025-05-01", "", "铁西区", "", "", "北京市", "公司:中国兵器工业集团", "", ""], // 8: unknown type
            [Code("B"), "走出去", "2025-05-03", "2025-05-01", "铁西区", "", "", "北京市", "", "", ""],      // 9: end before start
            [Code("B"), "走出去", "2025-05-01", "", "铁西区", "", "", "北京市", "", "-1", "-2"],             // 10: negative counts
            [Code("B"), "走出去", "2025-05-01", "", "铁西区", "", "", "", "", "", ""],                      // 11: outbound without destinations
            [Code("B"), "走出去", "2025-05-01", "", "火星区", "", "", "北京市", "", "", ""],                 // 12: unknown unit
            [Code("B"), "走出去", "2025-05-01", "", "铁西区", "", "省级", "北京市", "", "", ""],             // 13: unknown level
            [Code("B"), "出差", "2025-05-01", "", "铁西区", "", "", "北京市", "", "", ""],                   // 14: unknown kind
            [Code("B"), "请进来", "", "", "铁西区", "", "", "", "", "1.5", ""],                             // 15: no start, meetings not whole
        ];
        var file = Workbook(("项目", [[.. Header], Row(project)]), ("活动", activities));
        var before = await ActivityCountAsync();
        var result = await App.CommitAsync("tiexi", file, "台账.xlsx");
        Assert.False(result.Ok);
        var found = result.Problems.Select(p => (p.Sheet, p.Row, p.Column, p.Code)).ToList();
        Assert.Equal(
        [
            ("活动", 3, "活动编号", ImportCodes.ActivityDuplicateCode),
            ("活动", 4, "目的地", ImportCodes.UnknownDestination),
            ("活动", 5, "目的地", ImportCodes.UnknownDestination),
            ("活动", 6, "目的地", ImportCodes.DestinationAbroad),
            ("活动", 7, "对接对象", ImportCodes.CounterpartNoType),
            ("活动", 8, "对接对象", ImportCodes.CounterpartUnknownType),
            ("活动", 9, "结束日期", ImportCodes.EndBeforeStart),
            ("活动", 10, "座谈会(场)", ImportCodes.CountNegative),
            ("活动", 10, "达成合作意向(个)", ImportCodes.CountNegative),
            ("活动", 11, "目的地", ImportCodes.DestinationsRequired),
            ("活动", 12, "组织单位", ImportCodes.UnknownUnit),
            ("活动", 13, "领导层级", ImportCodes.UnknownLeaderLevel),
            ("活动", 14, "类型", ImportCodes.UnknownActivityKind),
            ("活动", 15, "开始日期", ImportCodes.Required),
            ("活动", 15, "座谈会(场)", ImportCodes.NotAnInteger),
        ], found.Select(f => (f.Sheet, f.Row!.Value, f.Column!, f.Code)));
        Assert.Contains("湖南省东京市", result.Problems[1].Message);
        Assert.Equal("“座谈会(场)”不能为负数", result.Problems[7].Message);
        Assert.Equal(before, await ActivityCountAsync());
        Assert.Empty(await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.Where(p => p.Code == project).ToListAsync()));

        // The same in CSV, in English.
        var csv = Csv(ActivityStatisticsTests.Header, [Code("C"), "走出去", "2025-05-01", "", "铁西区", "", "", "火星", "", "", ""]);
        var english = await App.AsUserAsync("tiexi", sp =>
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
            return sp.GetRequiredService<ProjectImport>().CommitAsync(new MemoryStream(csv), "activities.csv");
        });
        var problem = Assert.Single(english.Problems);
        Assert.Equal((2, "目的地"), (problem.Row!.Value, problem.Column!));
        Assert.StartsWith("Unknown destination \"火星\"", problem.Message);
        Assert.Equal(before, await ActivityCountAsync());
    }

    /// <summary>A code of another unit's activity is refused, never overwritten; a unit outside the scope too.</summary>
    [Fact]
    public async Task Another_units_code_or_unit_is_refused()
    {
        var code = Code("OWN");
        Assert.True((await App.CommitAsync("city", Csv(ActivityStatisticsTests.Header, [code, "请进来", "2025-07-01", "", "梨树县", "", "", "", "", "", ""]), "a.csv")).Ok);
        var taken = await App.CommitAsync("tiexi", Csv(ActivityStatisticsTests.Header, [code, "请进来", "2025-07-01", "", "铁西区", "", "", "", "", "", ""]), "a.csv");
        Assert.Equal(ImportCodes.ActivityCodeTaken, Assert.Single(taken.Problems).Code);
        var foreign = await App.CommitAsync("tiexi", Csv(ActivityStatisticsTests.Header, [Code("X"), "请进来", "2025-07-01", "", "梨树县", "", "", "", "", "", ""]), "a.csv");
        Assert.Equal(ImportCodes.ActivityUnitOutOfScope, Assert.Single(foreign.Problems).Code);
        var unitName = await App.AsSystemAsync(sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return db.Activities.Where(a => a.Code == code).Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => u.Name).SingleAsync();
        });
        Assert.Equal("梨树县", unitName);
    }
}

public sealed class PostgresActivityImportTests(PostgresFixture fixture) : ActivityImportTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteActivityImportTests(SqliteFixture fixture) : ActivityImportTests(fixture), IClassFixture<SqliteFixture>;

using System.Text;
using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.Targets;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Targets;

public abstract class TargetServiceTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private static int nextYear = 2040;

    /// <summary>A year no other test touches, so each test starts with no targets and no data.</summary>
    private static int FreshYear() => Interlocked.Increment(ref nextYear);

    private static TargetService Service(IServiceProvider sp) => sp.GetRequiredService<TargetService>();
    private static TargetImport Import(IServiceProvider sp) => sp.GetRequiredService<TargetImport>();

    private Task<List<AnnualTarget>> StoredAsync(int year) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AnnualTargets.AsNoTracking().Where(t => t.Year == year).ToListAsync());

    [Fact]
    public async Task City_staff_set_targets_and_each_user_reads_their_scope_and_the_city()
    {
        var year = FreshYear();
        var (lishu, tiexi) = (await App.UnitIdAsync("220322"), await App.UnitIdAsync("220302"));
        Assert.True((await App.AsUserAsync("city", sp => Service(sp).SaveAsync(year, null, TargetIndicator.Funds, "2,500,000.50", null))).Ok);
        Assert.True((await App.AsUserAsync("city", sp => Service(sp).SaveAsync(year, lishu, TargetIndicator.Signings, "12", null))).Ok);
        Assert.True((await App.AsUserAsync("city", sp => Service(sp).SaveAsync(year, tiexi, TargetIndicator.Signings, " 15 ", null))).Ok);

        var stored = await StoredAsync(year);
        Assert.Equal(250_000_050, stored.Single(t => t.UnitId == null && t.Indicator == TargetIndicator.Funds).Value);
        Assert.Equal(12, stored.Single(t => t.UnitId == lishu).Value);

        var cityGrid = await App.AsUserAsync("city", sp => Service(sp).GridAsync(year));
        Assert.True(cityGrid.CanEdit);
        Assert.Equal("全市", cityGrid.Rows[0].Name);
        Assert.Equal(15, cityGrid.Rows.Single(r => r.UnitId == tiexi).Cells[TargetIndicator.Signings].Value);

        var county = await App.AsUserAsync("lishu", sp => Service(sp).GridAsync(year));
        Assert.False(county.CanEdit);
        Assert.Null(county.Rows[0].UnitId);
        Assert.Equal(250_000_050, county.Rows[0].Cells[TargetIndicator.Funds].Value);
        Assert.Equal(12, county.Rows.Single(r => r.UnitId == lishu).Cells[TargetIndicator.Signings].Value);
        Assert.DoesNotContain(county.Rows, r => r.UnitId == tiexi);
        Assert.Contains(county.Rows, r => r.Name == "梨树经济开发区");

        var leader = await App.AsUserAsync("leader", sp => Service(sp).GridAsync(year));
        Assert.Contains(leader.Rows, r => r.UnitId == tiexi);
        Assert.False(leader.CanEdit);

        // Emptying a cell removes the target.
        var cell = cityGrid.Rows.Single(r => r.UnitId == tiexi).Cells[TargetIndicator.Signings];
        Assert.True((await App.AsUserAsync("city", sp => Service(sp).SaveAsync(year, tiexi, TargetIndicator.Signings, "", cell.Version))).Ok);
        Assert.DoesNotContain(await StoredAsync(year), t => t.UnitId == tiexi);
    }

    [Fact]
    public async Task Only_city_staff_write_and_refusals_change_nothing()
    {
        var year = FreshYear();
        var lishu = await App.UnitIdAsync("220322");
        foreach (var user in new[] { "lishu", "tiexi", "leader" })
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync(user, sp => Service(sp).SaveAsync(year, lishu, TargetIndicator.Signings, "99", null)));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync(user, sp =>
                Import(sp).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes($"年度,单位,指标,目标值\n{year},梨树县,签约项目,99\n")), "t.csv")));
        }
        foreach (var user in new[] { "admin", "auditor" })
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync(user, sp => Service(sp).GridAsync(year)));
        Assert.Empty(await StoredAsync(year));
    }

    [Theory]
    [InlineData(TargetIndicator.Funds, "-1", "到位资金目标须为不小于 0 的金额（万元），最多两位小数。")]
    [InlineData(TargetIndicator.Funds, "1.234", "到位资金目标须为不小于 0 的金额（万元），最多两位小数。")]
    [InlineData(TargetIndicator.Funds, "<script>alert(1)</script>", "到位资金目标须为不小于 0 的金额（万元），最多两位小数。")]
    [InlineData(TargetIndicator.Funds, "99999999999999999999999", "到位资金目标须为不小于 0 的金额（万元），最多两位小数。")]
    [InlineData(TargetIndicator.Signings, "1.5", "“签约项目”目标须为不小于 0 的整数。")]
    [InlineData(TargetIndicator.Production, "-3", "“竣工投产项目”目标须为不小于 0 的整数。")]
    public async Task Bad_values_get_a_Chinese_message_and_write_nothing(TargetIndicator indicator, string input, string message)
    {
        var year = FreshYear();
        var result = await App.AsUserAsync("city", sp => Service(sp).SaveAsync(year, null, indicator, input, null));
        Assert.Equal(message, result.Error);
        Assert.Empty(await StoredAsync(year));
    }

    [Fact]
    public async Task A_wrong_year_or_unit_is_refused()
    {
        Assert.Equal("年度须在 2000 至 2100 之间。", (await App.AsUserAsync("city", sp => Service(sp).SaveAsync(1999, null, TargetIndicator.Signings, "1", null))).Error);
        var year = FreshYear();
        Assert.Equal("单位不存在。", (await App.AsUserAsync("city", sp => Service(sp).SaveAsync(year, 987_654, TargetIndicator.Signings, "1", null))).Error);
        Assert.Empty(await StoredAsync(year));
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_the_first_save_kept()
    {
        var year = FreshYear();
        var lishu = await App.UnitIdAsync("220322");
        Assert.True((await App.AsUserAsync("city", sp => Service(sp).SaveAsync(year, lishu, TargetIndicator.Production, "10", null))).Ok);
        var read = (await App.AsUserAsync("city", sp => Service(sp).GridAsync(year))).Rows.Single(r => r.UnitId == lishu).Cells[TargetIndicator.Production];
        Assert.True((await App.AsUserAsync("city", sp => Service(sp).SaveAsync(year, lishu, TargetIndicator.Production, "11", read.Version))).Ok);
        var stale = await App.AsUserAsync("city", sp => Service(sp).SaveAsync(year, lishu, TargetIndicator.Production, "12", read.Version));
        Assert.True(stale.Stale);
        Assert.Equal("该目标已被他人修改，请刷新后重试。", stale.Error);
        // Someone who saw no target cannot overwrite one set meanwhile.
        Assert.True((await App.AsUserAsync("city", sp => Service(sp).SaveAsync(year, lishu, TargetIndicator.Production, "13", null))).Stale);
        Assert.Equal(11, (await StoredAsync(year)).Single().Value);
    }

    [Fact]
    public async Task A_good_import_creates_then_updates_and_is_audited()
    {
        var year = FreshYear();
        var lishu = await App.UnitIdAsync("220322");
        var csv = $"年度,单位,指标,目标值\n{year},全市,到位资金(万元),2500000.5\n{year},220322,签约项目,12\n{year},铁西区,竣工投产项目,8\n";
        var first = await App.AsUserAsync("city", sp => Import(sp).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "目标.csv"));
        Assert.True(first.Ok, string.Join("; ", first.Problems.Select(p => p.Message)));
        Assert.Equal((3, 0, 0), (first.Created, first.Updated, first.Unchanged));
        var stored = await StoredAsync(year);
        Assert.Equal(250_000_050, stored.Single(t => t.UnitId == null).Value);
        Assert.Equal(12, stored.Single(t => t.UnitId == lishu).Value);

        var second = await App.AsUserAsync("city", sp => Import(sp).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.Replace(",12\n", ",13\n"))), "目标.csv"));
        Assert.Equal((0, 1, 2), (second.Created, second.Updated, second.Unchanged));
        Assert.Equal(13, (await StoredAsync(year)).Single(t => t.UnitId == lishu).Value);
        Assert.Equal(2, (await App.AuditOfAsync(nameof(AnnualTarget), "目标.csv")).Count(e => e.Action == "Import"));
    }

    [Fact]
    public async Task A_bad_import_lists_every_problem_by_row_and_column_and_writes_nothing()
    {
        var year = FreshYear();
        var csv = $"年度,单位,指标,目标值\n{year},全市,签约项目,40\n20x5,全市,签约项目,1\n{year},<script>x</script>,签约项目,1\n"
            + $"{year},梨树县,招商引资,1\n{year},梨树县,到位资金(万元),-5\n{year},全市,签约项目,41\n";
        var result = await App.AsUserAsync("city", sp => Import(sp).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "bad.csv"));
        Assert.False(result.Ok);
        var problems = result.Problems.Select(p => (p.Row, p.Column, p.Message)).ToList();
        Assert.Contains((3, "A", "年度“20x5”须为 2000 至 2100 之间的整数。"), problems);
        Assert.Contains((4, "B", "单位“<script>x</script>”不存在（请填写单位名称、编码或“全市”）。"), problems);
        Assert.Contains(problems, p => p.Row == 5 && p.Column == "C" && p.Message.StartsWith("指标“招商引资”无法识别", StringComparison.Ordinal));
        Assert.Contains((6, "D", "到位资金目标须为不小于 0 的金额（万元），最多两位小数。"), problems);
        Assert.Contains(((int?)7, (string?)null, "与第 2 行的年度、单位、指标重复。"), problems);
        Assert.Empty(await StoredAsync(year));

        var noSheet = await App.AsUserAsync("city", sp => Import(sp).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("甲,乙\n1,2\n")), "x.csv"));
        Assert.Equal("找不到“年度目标”工作表（列：年度、单位、指标、目标值）。", Assert.Single(noSheet.Problems).Message);
        var notExcel = await App.AsUserAsync("city", sp => Import(sp).ImportAsync(new MemoryStream([0x4D, 0x5A, 0x90, 0x00]), "x.xlsx"));
        Assert.False(notExcel.Ok);
    }

    [Fact]
    public async Task The_template_imports_as_it_is()
    {
        var year = FreshYear();
        var bytes = await Kernel.SpreadsheetExport.XlsxAsync(TargetApi.Template(year));
        var result = await App.AsUserAsync("city", sp => Import(sp).ImportAsync(new MemoryStream(bytes), "年度目标模板.xlsx"));
        Assert.True(result.Ok, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal(5, result.Created);
        Assert.Equal(250_000_000, (await StoredAsync(year)).Single(t => t.Indicator == TargetIndicator.Funds).Value);
    }

    [Fact]
    public async Task The_page_renders_and_the_template_is_for_city_staff_only()
    {
        var city = await App.SignInAsync("city");
        var page = await city.GetStringAsync("/targets");
        Assert.Contains("年度目标", page);
        Assert.Contains("全市", page);
        var template = await city.GetAsync("/api/targets/template.xlsx");
        Assert.Equal(System.Net.HttpStatusCode.OK, template.StatusCode);
        Assert.Equal(TargetApi.ContentType, template.Content.Headers.ContentType?.MediaType);
        foreach (var user in new[] { "leader", "tiexi" })
        {
            var other = await App.SignInAsync(user);
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await other.GetAsync("/api/targets/template.xlsx")).StatusCode);
        }
        var auditor = await App.SignInAsync("auditor");
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await auditor.GetAsync("/targets")).StatusCode);
    }

    /// <summary>
    /// Targets pass through the same scoping as every unit-owned record: the query filter (the city's row for
    /// anyone who reads a unit, a unit's rows inside the scope) and the write guard (nothing outside the scope,
    /// the city's row only with the all-units scope) — also for code that uses the context directly.
    /// </summary>
    [Fact]
    public async Task The_query_filter_and_the_write_guard_scope_targets()
    {
        var year = FreshYear();
        var (lishu, tiexi) = (await App.UnitIdAsync("220322"), await App.UnitIdAsync("220302"));
        foreach (var unit in new int?[] { null, lishu, tiexi })
            Assert.True((await App.AsUserAsync("city", sp => Service(sp).SaveAsync(year, unit, TargetIndicator.Signings, "5", null))).Ok);

        Task<List<int?>> VisibleAsync(string user) => App.AsUserAsync(user, sp =>
            sp.GetRequiredService<AppDbContext>().AnnualTargets.Where(t => t.Year == year).Select(t => t.UnitId).ToListAsync());
        Assert.Equal(new int?[] { null, lishu }, (await VisibleAsync("lishu")).OrderBy(u => u ?? 0));
        Assert.Equal(new int?[] { null, tiexi }, (await VisibleAsync("tiexi")).OrderBy(u => u ?? 0));
        Assert.Equal(3, (await VisibleAsync("leader")).Count);
        Assert.Equal(3, (await VisibleAsync("city")).Count);
        // No user yet: nothing, not even the city's row (fails closed).
        await using (var scope = App.Services.CreateAsyncScope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AppDbContext>().AnnualTargets.CountAsync(t => t.Year == year));
        // A foreign unit's target reads as missing.
        Assert.Null(await App.AsUserAsync("tiexi", sp =>
            sp.GetRequiredService<AppDbContext>().AnnualTargets.SingleOrDefaultAsync(t => t.Year == year && t.UnitId == lishu)));

        Task WriteAsTiexiAsync(Func<AppDbContext, Task> change) => App.AsUserAsync("tiexi", async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await change(db);
            await db.SaveChangesAsync();
        });
        AnnualTarget New(int? unit) => new() { Year = year, UnitId = unit, Indicator = TargetIndicator.Production, Value = 1 };
        await Assert.ThrowsAsync<OutOfScopeException>(() => WriteAsTiexiAsync(db => { db.AnnualTargets.Add(New(lishu)); return Task.CompletedTask; }));
        await Assert.ThrowsAsync<OutOfScopeException>(() => WriteAsTiexiAsync(db => { db.AnnualTargets.Add(New(null)); return Task.CompletedTask; }));
        await Assert.ThrowsAsync<OutOfScopeException>(() => WriteAsTiexiAsync(async db =>
            (await db.AnnualTargets.SingleAsync(t => t.Year == year && t.UnitId == null)).Value = 99));
        await Assert.ThrowsAsync<OutOfScopeException>(() => WriteAsTiexiAsync(async db =>
            (await db.AnnualTargets.SingleAsync(t => t.Year == year && t.UnitId == tiexi)).UnitId = lishu));
        await Assert.ThrowsAsync<OutOfScopeException>(() => WriteAsTiexiAsync(async db =>
            (await db.AnnualTargets.SingleAsync(t => t.Year == year && t.UnitId == tiexi)).UnitId = null));
        Assert.Equal(new (int?, long)[] { (null, 5L), (lishu, 5L), (tiexi, 5L) }.OrderBy(t => t.Item1 ?? 0),
            (await StoredAsync(year)).Select(t => (t.UnitId, t.Value)).OrderBy(t => t.UnitId ?? 0));

        // Inside the scope the guard lets the write through (who may set targets at all is the service's SetTargets).
        await WriteAsTiexiAsync(db => { db.AnnualTargets.Add(New(tiexi)); return Task.CompletedTask; });
        Assert.Equal(4, (await StoredAsync(year)).Count);
    }

    [Fact]
    public async Task Progress_counts_audited_funds_and_projects_of_the_period_against_pace()
    {
        var year = FreshYear();
        var lishu = await App.UnitIdAsync("220322");
        await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var company = await db.Companies.Select(c => c.Id).FirstAsync();
            var project = new Project
            {
                Code = $"TGT-{year}", Name = $"目标测试项目{year}", CompanyId = company, UnitId = lishu, Stage = ProjectStage.Started,
                PlannedInvestment = 600_000, ContractedInvestment = 1_000_000, SigningKind = SigningKind.Contract,
                SignedOn = new DateOnly(year, 3, 10), StartedOn = new DateOnly(year, 5, 1),
            };
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            FundsRecord Funds(int month, OriginClass source, long amount, FundsAuditStatus status) => new()
            {
                ProjectId = project.Id, UnitId = lishu, Period = FundsRecord.PeriodOf(year, month), Source = source, Amount = amount, Status = status,
                ReportedAt = DateTimeOffset.UtcNow,
            };
            db.FundsRecords.AddRange(
                Funds(2, OriginClass.OtherProvince, 300_000, FundsAuditStatus.Audited),
                Funds(2, OriginClass.InProvince, 200_000, FundsAuditStatus.Audited),
                Funds(3, OriginClass.OtherProvince, 999, FundsAuditStatus.Pending),
                Funds(7, OriginClass.OtherProvince, 777, FundsAuditStatus.Audited));
            await db.SaveChangesAsync();
            return true;
        });
        await App.AsUserAsync("city", sp => Service(sp).SaveAsync(year, lishu, TargetIndicator.Funds, "10000", null));
        await App.AsUserAsync("city", sp => Service(sp).SaveAsync(year, lishu, TargetIndicator.YiSignings, "4", null));

        var rows = await App.AsUserAsync("lishu", sp => Service(sp).ProgressAsync(year, 6));
        Assert.DoesNotContain(rows, r => r.UnitId is null);
        var mine = rows.Single(r => r.UnitId == lishu).Items.ToDictionary(i => i.Indicator);
        Assert.Equal(new TargetProgress(TargetIndicator.Funds, 1_000_000, 500_000, 50.00m, 50.00m, 0.00m), mine[TargetIndicator.Funds]);
        Assert.Equal(new TargetProgress(TargetIndicator.YiSignings, 4, 1, 25.00m, 50.00m, -25.00m), mine[TargetIndicator.YiSignings]);
        Assert.Equal(1, mine[TargetIndicator.Signings].Actual);
        Assert.Null(mine[TargetIndicator.Signings].Completion);
        // 开复工 follows statistics.md: this project and the demo projects of 梨树县 started earlier and still under way.
        var dispatch = await App.AsSystemAsync(sp => sp.GetRequiredService<Features.Statistics.DispatchReport>().ComputeAsync(year, 6, lishu));
        Assert.True(mine[TargetIndicator.Starts5000].Actual >= 1);
        Assert.Equal(dispatch.Report!.Figures.Starts.Count, mine[TargetIndicator.Starts5000].Actual);
        Assert.Equal(0, mine[TargetIndicator.Production].Actual);

        var city = await App.AsUserAsync("city", sp => Service(sp).ProgressAsync(year, 2));
        var whole = city.Single(r => r.UnitId is null).Items.Single(i => i.Indicator == TargetIndicator.Funds);
        Assert.Equal((500_000L, 16.67m), (whole.Actual, whole.Pace));
        var tiexi = await App.AsUserAsync("tiexi", sp => Service(sp).ProgressAsync(year, 6));
        Assert.DoesNotContain(tiexi, r => r.UnitId == lishu);
    }
}

[Collection("postgres")]
public sealed class PostgresTargetServiceTests(PostgresFixture fixture) : TargetServiceTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteTargetServiceTests(SqliteFixture fixture) : TargetServiceTests(fixture), IClassFixture<SqliteFixture>;

using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Dashboard;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Statistics;
using InvestTrack.Features.Targets;
using InvestTrack.Features.Units;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Funds;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Statistics;

/// <summary>
/// The figures cache (docs/decisions/0010): every change of what the figures read, by the services or by SQL outside
/// them, shows in the next answer, which always equals a computation without the cache; a rolled-back change moves
/// nothing; one scope's answers are never served to another; and every table the figures read moves the version.
/// </summary>
public abstract class FiguresCacheTests(AppFixture fixture)
{
    /// <summary>A past year, so that the services accept its dates; each test's data lives in units of its own or is compared whole.</summary>
    public const int Year = 2024;

    private TestApp App => fixture.App;
    private FiguresCache Cache => App.Services.GetRequiredService<FiguresCache>();

    private static long H(decimal wan) => StatisticsSeed.Hundredths(wan);

    [Fact]
    public async Task Every_change_of_what_the_figures_read_shows_in_the_next_answer()
    {
        var a = await StatisticsSeed.NewAsync(App);
        var b = await StatisticsSeed.NewAsync(App);
        var p = await a.ProjectAsync(2000m, startedOn: new DateOnly(Year - 1, 5, 1), kind: SigningKind.Contract, signedOn: new DateOnly(Year, 2, 1), contractedWan: 3000m);
        await a.FundsAsync(p, Year, 3, 100m);
        var april = await InsertFundsAsync(a, p, 4, 50m, FundsAuditStatus.Pending);
        var march = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().FundsRecords
            .Where(f => f.ProjectId == p && f.Period == FundsRecord.PeriodOf(Year, 3)).Select(f => f.Id).SingleAsync());

        var answer = await ChangedAsync("funds audited", a.UnitId, async () =>
            Assert.True((await App.AsUserAsync("city", async sp => await FundsService(sp).AuditAsync(april, await FundsVersionAsync(april)))).Ok));
        Assert.Equal(H(150m), answer.Report.Figures.InScope.Amount);

        answer = await ChangedAsync("audited funds returned", a.UnitId, async () =>
            Assert.True((await App.AsUserAsync("city", async sp => await FundsService(sp).ReturnAsync(april,
                new FundsDecision { Reason = "缺少银行回单", Version = await FundsVersionAsync(april) }))).Ok));
        Assert.Equal(H(100m), answer.Report.Figures.InScope.Amount);

        answer = await ChangedAsync("funds edited by SQL outside the services", a.UnitId, () =>
            App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Database.ExecuteSqlAsync(
                $"""UPDATE "FundsRecords" SET "Amount" = {H(120m)} WHERE "Id" = {march}""")));
        Assert.Equal(H(120m), answer.Report.Figures.InScope.Amount);

        var q = await a.ProjectAsync(900m, startedOn: new DateOnly(Year, 3, 1), kind: SigningKind.Contract, signedOn: new DateOnly(Year, 2, 15), contractedWan: 900m);
        await a.FundsAsync(q, Year, 5, 30m);
        answer = await ChangedAsync("planned investment raised across 1000万", a.UnitId, () => UpdateProjectAsync(q, f => f.PlannedInvestmentWan = 1200m));
        Assert.Equal((2, H(150m)), (answer.Report.Figures.InScope.Count, answer.Report.Figures.InScope.Amount));

        var beforeMove = await AskAsync("city", b.UnitId);
        answer = await ChangedAsync("project moved to another unit", a.UnitId, () => UpdateProjectAsync(q, f => f.UnitId = b.UnitId));
        Assert.Equal((1, H(120m)), (answer.Report.Figures.InScope.Count, answer.Report.Figures.InScope.Amount));
        var b1 = await AskAsync("city", b.UnitId);
        Assert.Equal(b1.FreshJson, b1.Json);
        Assert.Equal((0, 1), (beforeMove.Report.Figures.InScope.Count, b1.Report.Figures.InScope.Count));

        answer = await ChangedAsync("target set", a.UnitId, async () =>
            Assert.True((await App.AsUserAsync("city", sp => sp.GetRequiredService<TargetService>().SaveAsync(Year, a.UnitId, TargetIndicator.Signings, "4", null))).Ok));
        Assert.Equal(4L, answer.Report.Figures.SigningRate.Whole);

        var renamed = $"{a.UnitName}改";
        answer = await ChangedAsync("unit renamed", a.UnitId, () => RenameUnitAsync(a.UnitId, renamed));
        Assert.Equal(renamed, answer.Report.Figures.ScopeName);
        Assert.Equal(renamed, answer.Dashboard.ByUnit.Single().Name);

        answer = await ChangedAsync("investor's origin changed", a.UnitId, () => App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var company = await db.Companies.SingleAsync(c => c.Id == db.Projects.Where(x => x.Id == p).Select(x => x.CompanyId).Single());
            company.OriginProvinceCode = "370000";
            return await db.SaveChangesAsync();
        }));
        Assert.Equal([SliceKey.Origin("370000", null)], answer.Dashboard.ByOrigin.Select(s => s.Key));

        answer = await ChangedAsync("dispatch wording saved", a.UnitId, async () =>
            Assert.True((await App.AsUserAsync("city", sp => sp.GetRequiredService<DispatchTemplates>()
                .SaveAsync(new DispatchTemplateForm("{期间}，{范围}缓存测试{项目数}个。", null)))).Ok));
        Assert.Equal($"1月至6月，{renamed}缓存测试1个。", answer.Report.Paragraph);
    }

    [Fact]
    public async Task A_rolled_back_change_moves_neither_the_version_nor_a_figure_and_a_committed_one_moves_it_once()
    {
        var s = await StatisticsSeed.NewAsync(App);
        var p = await s.ProjectAsync(2000m, startedOn: new DateOnly(Year, 1, 10));
        await s.FundsAsync(p, Year, 2, 80m);
        var before = await AskAsync("city", s.UnitId);
        var version = await VersionAsync();

        await InTransactionAsync(p, s.UnitId, commit: false, async () =>
        {
            // PostgreSQL moves the version at the commit: until then, no other session sees it move.
            if (App.Provider == DatabaseProviderKind.Postgres) Assert.Equal(version, await VersionAsync());
        });
        Assert.Equal(version, await VersionAsync());
        var after = await AskAsync("city", s.UnitId);
        Assert.Equal((before.Json, after.FreshJson), (after.Json, before.Json));

        await InTransactionAsync(p, s.UnitId, commit: true, () => Task.CompletedTask);
        var moved = await VersionAsync();
        // PostgreSQL: once per transaction, however many statements and rows; SQLite: once per row.
        if (App.Provider == DatabaseProviderKind.Postgres) Assert.Equal(version + 1, moved);
        else Assert.True(moved > version);
        after = await AskAsync("city", s.UnitId);
        Assert.Equal(after.FreshJson, after.Json);
        Assert.Equal(H(1m), after.Report.Figures.InScope.Amount);
    }

    [Fact]
    public async Task A_pending_record_moves_no_version_and_a_repair_of_the_totals_moves_it()
    {
        var project = await App.SignedProjectAsync(new DateOnly(Year, 1, 15));
        var version = await VersionAsync();
        var record = await App.ReportAsync("tiexi", FundsTestSupport.Form(project.Id, $"{Year}-05", 12.34m));
        var edited = FundsTestSupport.Form(project.Id, $"{Year}-06", 43.21m);
        edited.Version = record.Version;
        Assert.True((await App.AsUserAsync("tiexi", sp => FundsService(sp).UpdateAsync(record.Id, edited))).Ok);
        Assert.Equal(version, await VersionAsync()); // units entering their funds leave the city's answers in place

        await App.AsSystemAsync(async sp => { await FundsTotalsCheck.RebuildAsync(sp.GetRequiredService<AppDbContext>()); return 0; });
        Assert.True(await VersionAsync() > version);
    }

    [Fact]
    public async Task A_countys_figures_are_never_served_to_another_county_or_to_the_city()
    {
        var tiexi = await App.UnitIdAsync("220302");
        var tiedong = await App.UnitIdAsync("220303");
        // Funds in both counties in this year, different, so that one answer could never pass for the other.
        foreach (var (user, code, wan) in new[] { ("tiexi", ProjectTestSupport.Tiexi, 70m), ("tiedong", "220303", 130m) })
        {
            var project = await App.CreateProjectAsync(user, code);
            await App.InsertFundsAsync(project.Id, project.UnitId, Year, 2, wan, FundsAuditStatus.Audited, Features.ReferenceData.OriginClass.OtherProvince);
        }

        var computed = Cache.Computations;
        var ofTiexi = await AskAsync("tiexi", null);
        Assert.Equal(tiexi, ofTiexi.Report.Figures.UnitId);
        Assert.Equal(computed + 2, Cache.Computations); // the dispatch (its two entries share one answer) and the dashboard
        // Another county, the city, and the city asking for this very county: each computed for its own scope.
        foreach (var (user, unit) in new (string, int?)[] { ("tiedong", null), ("city", null), ("city", tiexi) })
        {
            computed = Cache.Computations;
            var other = await AskAsync(user, unit);
            Assert.Equal(other.FreshJson, other.Json);
            Assert.Equal(computed + 2, Cache.Computations); // never taken from the county's answers
            if (unit != tiexi) Assert.NotEqual(ofTiexi.Json, other.Json);
        }
        Assert.Equal(tiedong, (await AskAsync("tiedong", null)).Report.Figures.UnitId);

        // The same scope shares: the leader sees every unit, as city staff do.
        foreach (var unit in new int?[] { null, tiexi })
        {
            var hits = Cache.Hits;
            computed = Cache.Computations;
            var leader = await AskAsync("leader", unit);
            Assert.Equal((computed, hits + 3), (Cache.Computations, Cache.Hits));
            Assert.Equal(leader.FreshJson, leader.Json);
        }
    }

    [Fact]
    public async Task Every_table_the_figures_read_moves_the_version()
    {
        var s = await StatisticsSeed.NewAsync(App);
        var p = await s.ProjectAsync(6000m, startedOn: new DateOnly(Year - 1, 3, 1), kind: SigningKind.Contract, signedOn: new DateOnly(Year - 1, 2, 1));
        await s.FundsAsync(p, Year, 2, 80m);
        var tables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (user, unit) in new (string, int?)[] { ("city", null), ("city", s.UnitId), ("tiexi", null) })
            tables.UnionWith(await App.AsUserAsync(user, sp => CommandCapture.TablesReadAsync(() => ComputeAsync(sp, FiguresCache.Off, unit, 6))));
        Assert.Superset(new HashSet<string>(["Projects", "FundsYearTotals", "FundsSliceTotals", "Units", "StageChanges", "AnnualTargets", "ReportTemplates"]), tables);

        var triggered = await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return App.Provider == DatabaseProviderKind.Postgres
                ? await db.Database.SqlQueryRaw<string>("""
                    SELECT c.relname AS "Value" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                    WHERE NOT t.tgisinternal AND t.tgname LIKE '%DataVersion%'
                    """).ToListAsync()
                : await db.Database.SqlQueryRaw<string>("""SELECT "tbl_name" AS "Value" FROM sqlite_master WHERE "type" = 'trigger' AND "name" LIKE '%DataVersion%'""").ToListAsync();
        });
        Assert.Superset(new HashSet<string>(["Leads", "LeadClocks", "Activities"]), tables); // the dashboard's 线索与活动 row
        Assert.Empty(tables.Except(triggered).Except(["DataVersion"]));
    }

    /// <summary>
    /// Asks before a change (twice: the second answer comes from memory), makes the change, asks again: the answer
    /// equals a computation without the cache and differs from the one before.
    /// </summary>
    private async Task<Answer> ChangedAsync(string what, int unitId, Func<Task> change)
    {
        var before = await AskAsync("city", unitId);
        Assert.True(before.FreshJson == before.Json, $"{what}: before the change, the cached answer is not a fresh one");
        var hits = Cache.Hits;
        Assert.Equal(before.Json, (await AskAsync("city", unitId)).Json);
        Assert.True(Cache.Hits >= hits + 3, $"{what}: the second answer was not served from memory");
        await change();
        var after = await AskAsync("city", unitId);
        Assert.True(after.FreshJson == after.Json, $"{what}: the cached answer is not a fresh one:\n{after.Json}\n{after.FreshJson}");
        Assert.True(before.Json != after.Json, $"{what}: the change moved no figure, so the test proves nothing");
        return after;
    }

    private Task<Answer> AskAsync(string user, int? unitId) => AskAsync(App, user, unitId, 6);

    /// <summary>The dispatch report (with its list, and the page's figures alone) and the dashboard as <paramref name="user"/> asks
    /// them, through the cache and computed anew without it, as JSON (the dashboard without its time of computation).</summary>
    internal static Task<Answer> AskAsync(TestApp app, string user, int? unitId, int month) =>
        app.AsUserAsync(user, async sp =>
        {
            var (report, figures, dashboard) = await ComputeAsync(sp, sp.GetRequiredService<FiguresCache>(), unitId, month);
            var (freshReport, freshFigures, freshDashboard) = await ComputeAsync(sp, FiguresCache.Off, unitId, month);
            return new Answer(report, dashboard, Json(report, figures, dashboard), Json(freshReport, freshFigures, freshDashboard));
        });

    private static async Task<(DispatchReportResult Report, DispatchReportResult Figures, DashboardFigures Dashboard)> ComputeAsync(
        IServiceProvider sp, FiguresCache cache, int? unitId, int month)
    {
        var (report, e1) = await ActivatorUtilities.CreateInstance<DispatchReport>(sp, cache).ComputeAsync(Year, month, unitId);
        var (figures, e2) = await ActivatorUtilities.CreateInstance<DispatchReport>(sp, cache).ComputeAsync(Year, month, unitId);
        var (dashboard, e3) = await ActivatorUtilities.CreateInstance<DashboardService>(sp, cache).ComputeAsync(Year, month, unitId);
        Assert.Equal((DispatchReportError.None, DispatchReportError.None, DashboardError.None), (e1, e2, e3));
        return (report!, figures!, dashboard!);
    }

    internal sealed record Answer(DispatchReportResult Report, DashboardFigures Dashboard, string Json, string FreshJson);

    private static string Json(DispatchReportResult report, DispatchReportResult figures, DashboardFigures dashboard) =>
        JsonSerializer.Serialize(new { report, figures, dashboard = dashboard with { ComputedAt = default } });

    internal static Task<long> VersionAsync(TestApp app) =>
        app.AsSystemAsync(sp => FiguresCache.VersionAsync(sp.GetRequiredService<AppDbContext>(), default));

    private Task<long> VersionAsync() => VersionAsync(App);

    /// <summary>In one transaction: a project's planned investment, its funds, its unit's name and a target, changed by SQL.</summary>
    private Task InTransactionAsync(int projectId, int unitId, bool commit, Func<Task> inside) => App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"""UPDATE "Projects" SET "PlannedInvestment" = {H(3000m)} WHERE "Id" = {projectId}""");
        await db.Database.ExecuteSqlAsync($"""UPDATE "FundsRecords" SET "Amount" = {H(1m)} WHERE "ProjectId" = {projectId}""");
        await db.Database.ExecuteSqlAsync($"""UPDATE "Units" SET "Name" = "Name" || '事务' WHERE "Id" = {unitId}""");
        await db.Database.ExecuteSqlAsync($"""UPDATE "Units" SET "Name" = substr("Name", 1, length("Name") - 2) WHERE "Id" = {unitId}""");
        await inside();
        if (commit) await tx.CommitAsync();
        else await tx.RollbackAsync();
        return 0;
    });

    private Task<long> InsertFundsAsync(StatisticsSeed seed, int projectId, int month, decimal wan, FundsAuditStatus status) => App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var record = new FundsRecord
        {
            ProjectId = projectId, UnitId = seed.UnitId, Period = FundsRecord.PeriodOf(Year, month), Source = Features.ReferenceData.OriginClass.OtherProvince,
            Amount = H(wan), Status = status, ReportedBy = "test", ReportedAt = DateTimeOffset.UtcNow,
        };
        db.FundsRecords.Add(record);
        await db.SaveChangesAsync();
        return record.Id;
    });

    private Task<int> FundsVersionAsync(long id) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().FundsRecords.Where(f => f.Id == id).Select(f => f.Version).SingleAsync());

    private static FundsService FundsService(IServiceProvider sp) => sp.GetRequiredService<FundsService>();

    private async Task UpdateProjectAsync(int id, Action<ProjectForm> edit)
    {
        var form = ProjectTestSupport.FormOf(await App.ProjectAsync(id));
        edit(form);
        var result = await App.AsUserAsync("city", sp => ProjectTestSupport.Service(sp).UpdateAsync(id, form));
        Assert.True(result.Ok, result.FirstError);
    }

    private async Task RenameUnitAsync(int unitId, string name)
    {
        var unit = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Units.AsNoTracking().SingleAsync(u => u.Id == unitId));
        // A county reports to the city: the form asks for its parent.
        var parent = unit.ParentId ?? await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Code == "220300").Select(u => u.Id).SingleAsync());
        var form = new UnitForm { Code = unit.Code, Name = name, ShortName = unit.ShortName, Kind = unit.Kind, ParentId = parent, IsActive = unit.IsActive, SortOrder = unit.SortOrder };
        var result = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UnitAdmin>().UpdateAsync(unitId, form, unit.Version));
        Assert.True(result.Ok, result.Error);
    }
}

public sealed class PostgresFiguresCacheTests(PostgresFixture fixture) : FiguresCacheTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteFiguresCacheTests(SqliteFixture fixture) : FiguresCacheTests(fixture), IClassFixture<SqliteFixture>;

using System.Data.Common;
using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.ReferenceData;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Funds.FundsTestSupport;

namespace InvestTrack.IntegrationTests.Funds;

/// <summary>
/// What the database itself holds, whoever writes (COPY, a repair script, a report racing a move): a funds record's
/// unit is its project's unit, months are 1–12, amounts above zero, running totals never negative nor falling; and
/// the check-totals verb finds and repairs a drift of the totals.
/// </summary>
public abstract class FundsIntegrityTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private Task<int> SqlAsync(string sql, params object[] args) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(sql, args));

    private async Task<Exception> RefusedAsync(string sql, params object[] args)
    {
        var e = await Assert.ThrowsAnyAsync<DbException>(() => SqlAsync(sql, args));
        return e;
    }

    private const string InsertRecord = """
        INSERT INTO "FundsRecords" ("ProjectId", "UnitId", "Period", "Source", "Amount", "Status", "ReportedAt", "Version", "AuditedInSource")
        VALUES ({0}, {1}, {2}, 1, {3}, {4}, '2025-04-01 00:00:00+00:00', 0, {5})
        """;

    [Fact]
    public async Task A_record_under_a_unit_that_is_not_its_projects_is_refused_by_the_database()
    {
        var project = await App.SignedProjectAsync(new DateOnly(2025, 1, 15));
        var lishu = await App.UnitIdAsync(ProjectTestSupport.Lishu);

        var insert = await RefusedAsync(InsertRecord, project.Id, lishu, 202503, 100, 1, false);
        Assert.Contains("FK_FundsRecords_Projects_ProjectId_UnitId", insert.Message);
        Assert.Empty(await App.FundsOfAsync(project.Id));

        Assert.Equal(1, await SqlAsync(InsertRecord, project.Id, project.UnitId, 202503, 100, 1, false));
        var update = await RefusedAsync("""UPDATE "FundsRecords" SET "UnitId" = {0} WHERE "ProjectId" = {1}""", lishu, project.Id);
        Assert.Contains("FK_FundsRecords_Projects_ProjectId_UnitId", update.Message);
        Assert.Equal([project.UnitId], (await App.FundsOfAsync(project.Id)).Select(f => f.UnitId));
    }

    [Fact]
    public async Task A_project_moved_by_any_writer_takes_its_records_and_their_totals_along_in_the_same_statement()
    {
        var project = await App.SignedProjectAsync(new DateOnly(2025, 1, 15));
        var lishu = await App.UnitIdAsync(ProjectTestSupport.Lishu);
        await SqlAsync(InsertRecord, project.Id, project.UnitId, 202503, 100, 1, false);
        await SqlAsync(InsertRecord, project.Id, project.UnitId, 202506, 50, 0, false);

        // A repair script moves the project, not its records: the records and the running totals follow.
        Assert.Equal(1, await SqlAsync("""UPDATE "Projects" SET "UnitId" = {0} WHERE "Id" = {1}""", lishu, project.Id));
        Assert.All(await App.FundsOfAsync(project.Id), f => Assert.Equal(lishu, f.UnitId));
        var totals = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().FundsYearTotals.AsNoTracking().Where(t => t.ProjectId == project.Id).ToListAsync());
        Assert.Equal([(lishu, 0L, 100L, 100L)], totals.Select(t => (t.UnitId, t.Through2, t.Through3, t.Through12)));
        Assert.Empty(await FundsTotalsCheckAsync());
    }

    [Theory]
    [InlineData(202513, 100, 0, false, "CK_FundsRecords_Period")]
    [InlineData(202500, 100, 0, false, "CK_FundsRecords_Period")]
    [InlineData(198912, 100, 0, false, "CK_FundsRecords_Period")]
    [InlineData(202503, 0, 0, false, "CK_FundsRecords_Amount")]
    [InlineData(202503, -5, 0, false, "CK_FundsRecords_Amount")]
    [InlineData(202503, 100, 7, false, "CK_FundsRecords_Status")]
    [InlineData(202503, 100, 0, true, "CK_FundsRecords_AuditedInSource")]
    public async Task Rows_that_break_the_rules_are_refused_by_the_database(int period, long amount, int status, bool auditedInSource, string check)
    {
        var project = await App.SignedProjectAsync(new DateOnly(2025, 1, 15));
        var refused = await RefusedAsync(InsertRecord, project.Id, project.UnitId, period, amount, status, auditedInSource);
        Assert.Contains(check, refused.Message);
        Assert.Empty(await App.FundsOfAsync(project.Id));
    }

    [Fact]
    public async Task Running_totals_cannot_be_negative_or_fall_and_check_totals_finds_and_repairs_a_drift()
    {
        var project = await App.SignedProjectAsync(new DateOnly(2025, 1, 15));
        await SqlAsync(InsertRecord, project.Id, project.UnitId, 202503, 100, 1, false);
        var falling = await RefusedAsync("""UPDATE "FundsYearTotals" SET "Through12" = 10 WHERE "ProjectId" = {0}""", project.Id);
        Assert.Contains("CK_FundsYearTotals_Running", falling.Message);
        var negative = await RefusedAsync("""UPDATE "FundsYearTotals" SET "Through1" = -1 WHERE "ProjectId" = {0}""", project.Id);
        Assert.Contains("CK_FundsYearTotals_Running", negative.Message);

        // A drift that the checks allow (a repair script that got a sum wrong): found, named, repaired.
        Assert.Empty(await FundsTotalsCheckAsync());
        await SqlAsync("""UPDATE "FundsYearTotals" SET "Through12" = "Through12" + 5 WHERE "ProjectId" = {0}""", project.Id);
        var drift = Assert.Single(await FundsTotalsCheckAsync());
        Assert.Equal((2025, OriginClass.OtherProvince, project.Id, project.UnitId, 100L, 105L),
            (drift.Year, drift.Source, drift.ProjectId, drift.UnitId, drift.Ledger[11], drift.Stored[11]));
        Assert.Contains("1–12月 台账 ledger 100 / 汇总 totals 105", drift.ToString());
        await App.AsSystemAsync(async sp => { await FundsTotalsCheck.RebuildAsync(sp.GetRequiredService<AppDbContext>()); return 0; });
        Assert.Empty(await FundsTotalsCheckAsync());
    }

    private Task<List<FundsTotalsCheck.Difference>> FundsTotalsCheckAsync() =>
        App.AsSystemAsync(sp => FundsTotalsCheck.CompareAsync(sp.GetRequiredService<AppDbContext>()));
}

[Collection("postgres")]
public sealed class PostgresFundsIntegrityTests(PostgresFixture fixture) : FundsIntegrityTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteFundsIntegrityTests(SqliteFixture fixture) : FundsIntegrityTests(fixture), IClassFixture<SqliteFixture>;

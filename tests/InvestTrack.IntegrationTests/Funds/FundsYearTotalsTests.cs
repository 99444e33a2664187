using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Funds.FundsTestSupport;

namespace InvestTrack.IntegrationTests.Funds;

/// <summary>
/// The running year totals that every statistic reads (FundsYearTotal) follow each change of the ledger in the same
/// transaction, whoever writes: the services, the system user, a project's move to another unit, a delete; they
/// are scoped to the unit like the records; and a rebuild from the records gives the same rows.
/// </summary>
public abstract class FundsYearTotalsTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private sealed record Row(int Year, OriginClass Source, int UnitId, long[] Through)
    {
        public override string ToString() => $"{Year} {Source} unit {UnitId}: {string.Join(",", Through)}";
    }

    [Fact]
    public async Task The_totals_follow_reporting_auditing_returning_editing_moving_and_deleting()
    {
        var project = await App.SignedProjectAsync(new DateOnly(2025, 1, 15));
        var march = await App.ReportAsync("tiexi", Form(project.Id, "2025-03", 1000m));
        var july = await App.ReportAsync("tiexi", Form(project.Id, "2025-07", 200.50m, OriginClass.InProvince));
        var december = await App.ReportAsync("tiexi", Form(project.Id, "2025-12", 30m));
        Assert.Empty(await TotalsAsync(project.Id)); // reported, not audited: nothing counts

        foreach (var record in new[] { march, july })
            Assert.True((await App.AsUserAsync("city", sp => FundsOf(sp).AuditAsync(record.Id, record.Version))).Ok);
        var returned = await App.AsUserAsync("city", sp => FundsOf(sp).ReturnAsync(december.Id, new FundsDecision { Reason = "缺少银行回单", Version = december.Version }));
        Assert.True(returned.Ok, returned.FirstError);
        Assert.Equal(
        [
            new Row(2025, OriginClass.InProvince, project.UnitId, Running((7, 20_050))),
            new Row(2025, OriginClass.OtherProvince, project.UnitId, Running((3, 100_000))),
        ], await TotalsAsync(project.Id), RowComparer);
        await AssertTotalsMatchLedgerAsync(project.Id);

        // Any writer: the system user moves March to February of 2026 with a new amount, outside the services.
        await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var row = await db.FundsRecords.SingleAsync(f => f.Id == march.Id);
            (row.Period, row.Amount) = (202602, 110_000);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(
        [
            new Row(2025, OriginClass.InProvince, project.UnitId, Running((7, 20_050))),
            new Row(2026, OriginClass.OtherProvince, project.UnitId, Running((2, 110_000))),
        ], await TotalsAsync(project.Id), RowComparer);

        // The city moves the project to 梨树县: its totals move with its records, and the old unit no longer sees them.
        var lishu = await App.UnitIdAsync(ProjectTestSupport.Lishu);
        var move = ProjectTestSupport.FormOf(await App.ProjectAsync(project.Id));
        move.UnitId = lishu;
        Assert.True((await App.AsUserAsync("city", sp => ProjectTestSupport.Service(sp).UpdateAsync(project.Id, move))).Ok);
        Assert.All(await TotalsAsync(project.Id), r => Assert.Equal(lishu, r.UnitId));
        Assert.Equal(2, (await TotalsAsync(project.Id)).Count); // the emptied rows of the old unit are gone
        Assert.Equal(0, await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<AppDbContext>().FundsYearTotals.CountAsync(t => t.ProjectId == project.Id)));
        Assert.Equal(2, await App.AsUserAsync("lishu", sp => sp.GetRequiredService<AppDbContext>().FundsYearTotals.CountAsync(t => t.ProjectId == project.Id)));
        await AssertTotalsMatchLedgerAsync(project.Id);

        // Deleting the audited records (a system repair) removes their totals.
        await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().FundsRecords.Where(f => f.ProjectId == project.Id && f.Status == FundsAuditStatus.Audited).ExecuteDeleteAsync());
        Assert.Empty(await TotalsAsync(project.Id));
    }

    [Fact]
    public async Task Audits_at_the_same_moment_on_one_project_lose_no_amount()
    {
        // Twelve months of one project and source share one totals row: every audit updates it at once.
        var project = await App.SignedProjectAsync(new DateOnly(2025, 1, 15));
        var records = new List<FundsRecord>();
        for (var month = 1; month <= 12; month++)
            records.Add(await App.ReportAsync("tiexi", Form(project.Id, $"2025-{month:00}", 100m + month)));

        var audits = await Task.WhenAll(records.Select(r => Task.Run(() => App.AsUserAsync("city", sp => FundsOf(sp).AuditAsync(r.Id, r.Version)))));
        Assert.All(audits, a => Assert.True(a.Ok, a.FirstError));

        var expected = Running([.. Enumerable.Range(1, 12).Select(m => (m, (100L + m) * 100))]);
        Assert.Equal([new Row(2025, OriginClass.OtherProvince, project.UnitId, expected)], await TotalsAsync(project.Id), RowComparer);
        await AssertTotalsMatchLedgerAsync(project.Id);
    }

    [Fact]
    public async Task A_rebuild_from_the_records_gives_the_rows_the_triggers_kept()
    {
        // The demo city's funds came in by bulk insert (COPY on PostgreSQL); add some edits through the services.
        var project = await App.SignedProjectAsync(new DateOnly(2025, 1, 15));
        var record = await App.ReportAsync("tiexi", Form(project.Id, "2025-05", 12.34m));
        Assert.True((await App.AsUserAsync("city", sp => FundsOf(sp).AuditAsync(record.Id, record.Version))).Ok);

        var kept = await AllTotalsAsync();
        Assert.NotEmpty(kept);
        await App.AsSystemAsync(async sp => { await FundsTotalsCheck.RebuildAsync(sp.GetRequiredService<AppDbContext>()); return 0; });
        Assert.Equal(kept, await AllTotalsAsync());
    }

    /// <summary>Running amounts of a year from (month, hundredths) pairs.</summary>
    private static long[] Running(params (int Month, long Amount)[] months) =>
        [.. Enumerable.Range(1, 12).Select(m => months.Where(x => x.Month <= m).Sum(x => x.Amount))];

    /// <summary>The totals computed here from the audited records equal the table's.</summary>
    private async Task AssertTotalsMatchLedgerAsync(int projectId)
    {
        var records = (await App.FundsOfAsync(projectId)).Where(f => f.Status == FundsAuditStatus.Audited).ToList();
        var expected = records.GroupBy(f => (Year: f.Period / 100, f.Source, f.UnitId))
            .Select(g => new Row(g.Key.Year, g.Key.Source, g.Key.UnitId, Running([.. g.Select(f => (f.Period % 100, f.Amount))])))
            .OrderBy(r => r.Year).ThenBy(r => r.Source).ToList();
        Assert.Equal(expected, await TotalsAsync(projectId), RowComparer);
    }

    private Task<List<Row>> TotalsAsync(int projectId) => App.AsSystemAsync(async sp =>
        (await sp.GetRequiredService<AppDbContext>().FundsYearTotals.AsNoTracking().Where(t => t.ProjectId == projectId).ToListAsync())
        .Select(ToRow).OrderBy(r => r.Year).ThenBy(r => r.Source).ToList());

    private Task<List<string>> AllTotalsAsync() => App.AsSystemAsync(async sp =>
        (await sp.GetRequiredService<AppDbContext>().FundsYearTotals.AsNoTracking().ToListAsync())
        .Select(t => $"{t.ProjectId} {ToRow(t)}").Order(StringComparer.Ordinal).ToList());

    private static Row ToRow(FundsYearTotal t) => new(t.Year, t.Source, t.UnitId,
        [t.Through1, t.Through2, t.Through3, t.Through4, t.Through5, t.Through6, t.Through7, t.Through8, t.Through9, t.Through10, t.Through11, t.Through12]);

    private static readonly IEqualityComparer<Row> RowComparer = EqualityComparer<Row>.Create(
        (a, b) => a is not null && b is not null && (a.Year, a.Source, a.UnitId) == (b.Year, b.Source, b.UnitId) && a.Through.SequenceEqual(b.Through),
        r => r.Year);
}

[Collection("postgres")]
public sealed class PostgresFundsYearTotalsTests(PostgresFixture fixture) : FundsYearTotalsTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteFundsYearTotalsTests(SqliteFixture fixture) : FundsYearTotalsTests(fixture), IClassFixture<SqliteFixture>;

using System.Globalization;
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

/// <summary>The funds ledger run as real demo users: report, audit (four eyes), return, month locks, every refusal.</summary>
public abstract class FundsServiceTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private static readonly DateOnly Signed = new(2025, 1, 15);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_unit_reports_city_audits_and_only_then_the_funds_count()
    {
        var project = await App.SignedProjectAsync(Signed);
        var record = await App.ReportAsync("tiexi", Form(project.Id, "2025-03", 1234.56m));
        Assert.Equal((FundsAuditStatus.Pending, 123_456L, 202503, "tiexi", project.UnitId), (record.Status, record.Amount, record.Period, record.ReportedBy, record.UnitId));

        var before = await App.AsUserAsync("tiexi", sp => Queries(sp).ListAsync(new FundsFilter(ProjectId: project.Id)));
        Assert.Equal((1, 0L), (before.Total, before.AuditedAmount));

        var audited = await App.AsUserAsync("city", sp => FundsOf(sp).AuditAsync(record.Id, record.Version));
        Assert.True(audited.Ok, audited.FirstError);
        var saved = await App.FundsAsync(record.Id);
        Assert.Equal((FundsAuditStatus.Audited, "city"), (saved.Status, saved.AuditedBy));
        Assert.NotNull(saved.AuditedAt);

        var after = await App.AsUserAsync("tiexi", sp => Queries(sp).ListAsync(new FundsFilter(Year: 2025, Month: 3, ProjectId: project.Id)));
        Assert.Equal((1, 123_456L, 1234.56m, 0.12m), (after.AuditedCount, after.AuditedAmount, after.AuditedWan, after.AuditedYi));
        Assert.Equal("2025-03", Assert.Single(after.Rows).Month);
        // Another county sees neither the record nor its amount.
        var foreign = await App.AsUserAsync("tiedong", sp => Queries(sp).ListAsync(new FundsFilter(ProjectId: project.Id)));
        Assert.Equal((0, 0L), (foreign.Total, foreign.AuditedAmount));

        Assert.Equal(["Create", "Update"], (await App.AuditOfAsync(nameof(FundsRecord), Id(record.Id))).Select(a => a.Action));
        // Audited funds cannot be deleted; a correction sends them back to 待审核 (they stop counting), and the one who
        // stated the new amount is its reporter: the city user who corrects it cannot audit it too.
        var delete = await App.AsUserAsync("tiexi", sp => FundsOf(sp).DeleteAsync(record.Id, saved.Version));
        Assert.Equal("已审核的到位资金不能删除；修改后将退回待审核", delete.FirstError);
        var same = await App.AsUserAsync("city", sp => FundsOf(sp).UpdateAsync(record.Id, With(Form(project.Id, "2025-03", 1234.56m), saved.Version)));
        Assert.True(same.Ok, same.FirstError);
        Assert.Equal((FundsAuditStatus.Audited, saved.Version), ((await App.FundsAsync(record.Id)).Status, same.Version)); // nothing changed, nothing to audit again
        var edit = await App.AsUserAsync("city", sp => FundsOf(sp).UpdateAsync(record.Id, With(Form(project.Id, "2025-03", 1.00m), saved.Version)));
        Assert.True(edit.Ok, edit.FirstError);
        var corrected = await App.FundsAsync(record.Id);
        Assert.Equal((FundsAuditStatus.Pending, (string?)null, (DateTimeOffset?)null, "city", 100L), (corrected.Status, corrected.AuditedBy, corrected.AuditedAt, corrected.ReportedBy, corrected.Amount));
        var dropped = await App.AsUserAsync("tiexi", sp => Queries(sp).ListAsync(new FundsFilter(ProjectId: project.Id)));
        Assert.Equal((0, 0L), (dropped.AuditedCount, dropped.AuditedAmount));
        Assert.Equal("不能审核本人填报的到位资金", (await App.AsUserAsync("city", sp => FundsOf(sp).AuditAsync(record.Id, corrected.Version))).FirstError);
    }

    [Fact]
    public async Task The_reporter_cannot_audit_their_own_record_and_a_unit_user_cannot_audit_at_all()
    {
        var project = await App.SignedProjectAsync(Signed);
        var own = await App.ReportAsync("city", Form(project.Id, "2025-04", 500m));
        var refused = await App.AsUserAsync("city", sp => FundsOf(sp).AuditAsync(own.Id, own.Version));
        Assert.Equal("不能审核本人填报的到位资金", refused.FirstError);
        Assert.Equal(FundsAuditStatus.Pending, (await App.FundsAsync(own.Id)).Status);
        Assert.Contains(await App.AuditOfAsync(nameof(FundsRecord), Id(own.Id)), a => a.Action == "Refused");

        var unit = await App.ReportAsync("tiexi", Form(project.Id, "2025-05", 500m));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync("tiexi", sp => FundsOf(sp).AuditAsync(unit.Id, unit.Version)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync("leader", sp => FundsOf(sp).AuditAsync(unit.Id, unit.Version)));
        Assert.Equal(FundsAuditStatus.Pending, (await App.FundsAsync(unit.Id)).Status);
    }

    [Fact]
    public async Task A_return_needs_a_reason_and_an_edit_sends_the_record_back_to_the_queue()
    {
        var project = await App.SignedProjectAsync(Signed);
        var record = await App.ReportAsync("tiexi", Form(project.Id, "2025-06", 800m));
        var noReason = await App.AsUserAsync("city", sp => FundsOf(sp).ReturnAsync(record.Id, new FundsDecision { Reason = "  ", Version = record.Version }));
        Assert.Equal("请填写原因", noReason.FirstError);

        var returned = await App.AsUserAsync("city", sp => FundsOf(sp).ReturnAsync(record.Id, new FundsDecision { Reason = "缺少银行回单", Version = record.Version }));
        Assert.True(returned.Ok, returned.FirstError);
        var back = await App.FundsAsync(record.Id);
        Assert.Equal((FundsAuditStatus.Returned, "缺少银行回单"), (back.Status, back.ReturnReason));

        var stale = await App.AsUserAsync("tiexi", sp => FundsOf(sp).UpdateAsync(record.Id, With(Form(project.Id, "2025-06", 850m), record.Version)));
        Assert.Equal(CommandOutcome.Stale, stale.Outcome);
        var fixedUp = await App.AsUserAsync("tiexi", sp => FundsOf(sp).UpdateAsync(record.Id, With(Form(project.Id, "2025-06", 850m), back.Version)));
        Assert.True(fixedUp.Ok, fixedUp.FirstError);
        var again = await App.FundsAsync(record.Id);
        Assert.Equal((FundsAuditStatus.Pending, 85_000L, (string?)null), (again.Status, again.Amount, again.ReturnReason));
    }

    [Fact]
    public async Task A_locked_month_refuses_every_change_until_it_is_unlocked()
    {
        // A month of its own: locks are citywide, and no other test reports funds for 2011.
        var project = await App.SignedProjectAsync(new DateOnly(2011, 1, 10));
        var record = await App.ReportAsync("tiexi", Form(project.Id, "2011-03", 100m));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            App.AsUserAsync("tiexi", sp => FundsOf(sp).SetLockAsync(201103, true, new MonthLockCommand { Reason = "月报已上报" })));
        var noReason = await App.AsUserAsync("city", sp => FundsOf(sp).SetLockAsync(201103, true, new MonthLockCommand()));
        Assert.Equal("请填写原因", noReason.FirstError);
        var locked = await App.AsUserAsync("city", sp => FundsOf(sp).SetLockAsync(201103, true, new MonthLockCommand { Reason = "月报已上报" }));
        Assert.True(locked.Ok, locked.FirstError);

        const string message = "2011-03 已锁定，须先解锁才能修改";
        Assert.Equal(message, (await App.AsUserAsync("tiexi", sp => FundsOf(sp).UpdateAsync(record.Id, With(Form(project.Id, "2011-03", 200m), record.Version)))).FirstError);
        Assert.Equal(message, (await App.AsUserAsync("tiexi", sp => FundsOf(sp).ReportAsync(Form(project.Id, "2011-03", 5m, OriginClass.Abroad)))).FirstError);
        Assert.Equal(message, (await App.AsUserAsync("tiexi", sp => FundsOf(sp).DeleteAsync(record.Id, record.Version))).FirstError);
        Assert.Equal(message, (await App.AsUserAsync("city", sp => FundsOf(sp).AuditAsync(record.Id, record.Version))).FirstError);
        Assert.Equal(message, (await App.AsUserAsync("city", sp => FundsOf(sp).ReturnAsync(record.Id, new FundsDecision { Reason = "x", Version = record.Version }))).FirstError);
        // Moving a record into a locked month is a change of that month too.
        var other = await App.ReportAsync("tiexi", Form(project.Id, "2011-04", 7m));
        Assert.Equal(message, (await App.AsUserAsync("tiexi", sp => FundsOf(sp).UpdateAsync(other.Id, With(Form(project.Id, "2011-03", 7m), other.Version)))).FirstError);
        Assert.Equal(2, (await App.FundsOfAsync(project.Id)).Count);
        Assert.Equal(10_000L, (await App.FundsAsync(record.Id)).Amount);

        var unlocked = await App.AsUserAsync("city", sp => FundsOf(sp).SetLockAsync(201103, false, new MonthLockCommand { Reason = "更正梨树县数据" }));
        Assert.True(unlocked.Ok, unlocked.FirstError);
        var audited = await App.AsUserAsync("city", sp => FundsOf(sp).AuditAsync(record.Id, record.Version));
        Assert.True(audited.Ok, audited.FirstError);
        var lockAudit = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.ObjectType == nameof(MonthLock)).OrderBy(e => e.Id).Select(e => new { e.Action, e.NewValues }).ToListAsync());
        Assert.Contains(lockAudit, a => a.Action == "Create" && a.NewValues!.Contains("月报已上报"));
        Assert.Contains(lockAudit, a => a.Action == "Update" && a.NewValues!.Contains("更正梨树县数据"));
        var locks = await App.AsUserAsync("city", sp => Queries(sp).LocksAsync());
        Assert.Contains(locks, l => l.Period == 201103 && !l.IsLocked);
    }

    public static TheoryData<string, decimal, string, string> BadReports() => new()
    {
        { "2024-12", 100m, "Month", "月份早于项目签约月份，不能填报" },
        { "2099-01", 100m, "Month", "不能填报未来月份的到位资金" },
        { "2025-13", 100m, "Month", "月份应为 yyyy-mm，如 2025-08" },
        { "2025-07", 0m, "AmountWan", "到位资金须大于零" },
        { "2025-07", -5m, "AmountWan", "到位资金须大于零" },
        { "2025-07", 1.234m, "AmountWan", "金额以万元为单位，最多两位小数" },
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public async Task Bad_reports_get_a_Chinese_message_on_their_field_and_write_nothing(string month, decimal wan, string field, string message)
    {
        var project = await App.SignedProjectAsync(Signed);
        var result = await App.AsUserAsync("tiexi", sp => FundsOf(sp).ReportAsync(Form(project.Id, month, wan)));
        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal([message], result.Errors[field]);
        Assert.Empty(await App.FundsOfAsync(project.Id));
    }

    [Fact]
    public async Task Funds_of_an_unsigned_project_and_the_same_key_twice_are_refused()
    {
        var unsigned = await App.CreateProjectAsync();
        var early = await App.AsUserAsync("tiexi", sp => FundsOf(sp).ReportAsync(Form(unsigned.Id, "2025-07", 100m)));
        Assert.Equal("项目尚未签约，不能填报到位资金", early.FirstError);

        var project = await App.SignedProjectAsync(Signed);
        var first = await App.ReportAsync("tiexi", Form(project.Id, "2025-07", 100m));
        var twice = await App.AsUserAsync("tiexi", sp => FundsOf(sp).ReportAsync(Form(project.Id, "2025-07", 300m)));
        Assert.Equal($"该项目 2025-07 省外 的到位资金已有记录（编号 {first.Id}，100.00 万元，待审核），同一笔资金不能重复填报，请修改该记录", twice.FirstError);
        // Another source in the same month is other money.
        await App.ReportAsync("tiexi", Form(project.Id, "2025-07", 300m, OriginClass.InProvince));
        // No source given: the investor's class decides.
        var company = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Companies.AsNoTracking().SingleAsync(c => c.Id == project.CompanyId));
        if (company.OriginClass == OriginClass.Abroad)
            await App.ReportAsync("tiexi", Form(project.Id, "2025-08", 1m, null));
        else
        {
            var byDefault = await App.AsUserAsync("tiexi", sp => FundsOf(sp).ReportAsync(Form(project.Id, "2025-08", 1m, null)));
            Assert.True(byDefault.Ok, byDefault.FirstError);
            Assert.Equal(company.OriginClass, (await App.FundsAsync(byDefault.Id!.Value)).Source);
        }
        Assert.Equal(3, (await App.FundsOfAsync(project.Id)).Count);
    }

    [Fact]
    public async Task Another_countys_record_behaves_like_a_missing_one()
    {
        var project = await App.SignedProjectAsync(Signed);
        var record = await App.ReportAsync("tiexi", Form(project.Id, "2025-09", 100m));
        var update = await App.AsUserAsync("tiedong", sp => FundsOf(sp).UpdateAsync(record.Id, With(Form(project.Id, "2025-09", 1m), record.Version)));
        var missing = await App.AsUserAsync("tiedong", sp => FundsOf(sp).UpdateAsync(long.MaxValue, With(Form(project.Id, "2025-09", 1m), 0)));
        Assert.Equal((CommandOutcome.NotFound, missing.FirstError), (update.Outcome, update.FirstError));
        var report = await App.AsUserAsync("tiedong", sp => FundsOf(sp).ReportAsync(Form(project.Id, "2025-10", 1m)));
        Assert.Equal(CommandOutcome.NotFound, report.Outcome);
        var delete = await App.AsUserAsync("tiedong", sp => FundsOf(sp).DeleteAsync(record.Id, record.Version));
        Assert.Equal(CommandOutcome.NotFound, delete.Outcome);
        Assert.Equal(10_000L, (await App.FundsAsync(record.Id)).Amount);

        var deleted = await App.AsUserAsync("tiexi", sp => FundsOf(sp).DeleteAsync(record.Id, record.Version));
        Assert.True(deleted.Ok, deleted.FirstError);
        Assert.Empty(await App.FundsOfAsync(project.Id));
    }

    private static FundsForm With(FundsForm form, int version)
    {
        form.Version = version;
        return form;
    }
}

[Collection("postgres")]
public sealed class PostgresFundsServiceTests(PostgresFixture fixture) : FundsServiceTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteFundsServiceTests(SqliteFixture fixture) : FundsServiceTests(fixture), IClassFixture<SqliteFixture>;

using System.Net;
using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Funds.FundsTestSupport;

namespace InvestTrack.IntegrationTests.Funds;

/// <summary>
/// The funds ledger's filters (unit, project, months from–to, status, reporter) and its .xlsx export (issue 13 item 5): the
/// export holds exactly the rows of the list as filtered, in its order, within the user's unit scope; reporters and auditors
/// are named by display name and unit, never by sign-in name.
/// </summary>
public abstract class FundsLedgerTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private static readonly DateOnly Signed = new(2025, 1, 15);

    private Task<string> UserIdAsync(string userName) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private Task<FundsPage> ListAsync(string user, FundsFilter filter) => App.AsUserAsync(user, sp => Queries(sp).ListAsync(filter with { PageSize = 200 }));

    private static int Period(int year, int month) => FundsRecord.PeriodOf(year, month);

    [Fact]
    public async Task Filters_select_the_records_and_the_export_holds_exactly_the_filtered_list_within_the_users_scope()
    {
        var tiexiProject = await App.SignedProjectAsync(Signed);
        var lishuProject = await App.SignedProjectAsync(Signed, "lishu", ProjectTestSupport.Lishu);
        var march = await App.ReportAsync("tiexi", Form(tiexiProject.Id, "2025-03", 100m));
        var aprilByCity = await App.ReportAsync("city", Form(tiexiProject.Id, "2025-04", 200.5m));
        var june = await App.ReportAsync("tiexi", Form(tiexiProject.Id, "2025-06", 300m));
        Assert.True((await App.AsUserAsync("city", sp => FundsOf(sp).AuditAsync(june.Id, june.Version))).Ok);
        var lishuAprilByCity = await App.ReportAsync("city", Form(lishuProject.Id, "2025-04", 400m));
        await App.ReportAsync("lishu", Form(lishuProject.Id, "2025-05", 500m));
        var cityId = await UserIdAsync("city");

        // Project; project and months; project and status; reporter and months (only what tiexi may see); another unit.
        Assert.Equal([june.Id, aprilByCity.Id, march.Id], (await ListAsync("tiexi", new FundsFilter(ProjectId: tiexiProject.Id))).Rows.Select(r => r.Id));
        Assert.Equal([aprilByCity.Id], (await ListAsync("tiexi", new FundsFilter(ProjectId: tiexiProject.Id, From: Period(2025, 4), To: Period(2025, 5)))).Rows.Select(r => r.Id));
        var audited = await ListAsync("tiexi", new FundsFilter(ProjectId: tiexiProject.Id, Status: FundsAuditStatus.Audited));
        Assert.Equal([june.Id], audited.Rows.Select(r => r.Id));
        Assert.Equal(30_000L, audited.AuditedAmount);
        Assert.Equal([aprilByCity.Id], (await ListAsync("tiexi", new FundsFilter(ReporterId: cityId, From: Period(2025, 4), To: Period(2025, 4)))).Rows.Select(r => r.Id));
        // City staff see both units' (the same month: in the order of the projects' codes, which are random here).
        Assert.Equal(new[] { aprilByCity.Id, lishuAprilByCity.Id }.Order(),
            (await ListAsync("city", new FundsFilter(ReporterId: cityId, From: Period(2025, 4), To: Period(2025, 4)))).Rows.Where(r => r.ProjectId == tiexiProject.Id || r.ProjectId == lishuProject.Id).Select(r => r.Id).Order());
        Assert.Empty((await ListAsync("tiexi", new FundsFilter(UnitId: lishuProject.UnitId))).Rows);
        Assert.Empty((await ListAsync("tiexi", new FundsFilter(ReporterId: "no such user"))).Rows);

        // Names and units, never sign-in names.
        var row = (await ListAsync("tiexi", new FundsFilter(ProjectId: tiexiProject.Id))).Rows.Single(r => r.Id == june.Id);
        Assert.Equal((new PersonName("铁西区 张华", "铁西区"), new PersonName("市经合局 王明", "四平市")), (row.Reporter, row.Auditor));
        // The reporter filter offers the people who may report, of the user's units.
        var offered = await App.AsUserAsync("tiexi", sp => Queries(sp).ReportersAsync());
        Assert.Equal(["铁西区 张华"], offered.Select(r => r.Name));
        var cityOffered = (await App.AsUserAsync("city", sp => Queries(sp).ReportersAsync())).Select(r => r.Name).ToList();
        Assert.Contains("市经合局 王明", cityOffered);
        Assert.Contains("梨树县 陈静", cityOffered);
        Assert.DoesNotContain("安全审计员", cityOffered);
        Assert.DoesNotContain("市领导 李强", cityOffered);

        // The export: the same rows as the list, in its order, with the same filter and scope.
        var tiexi = await App.SignInAsync("tiexi");
        var all = await ExportAsync(tiexi, $"projectId={tiexiProject.Id}");
        var list = (await ListAsync("tiexi", new FundsFilter(ProjectId: tiexiProject.Id))).Rows;
        Assert.Equal(list.Select(r => (r.ProjectCode, r.Month, r.AmountWan, r.Reporter!.Name)),
            all.Column("项目编号").Select((c, i) => (c!.Value, all.Column("月份")[i]!.Value, all.Column("到位资金(万元)")[i]!.Number, all.Column("填报人")[i]!.Value)));
        Assert.Equal(["已审核", "待审核", "待审核"], all.Column("审核状态").Select(c => c!.Value));
        Assert.Equal(["四平市", "铁西区"], new[] { all.Column("审核人单位")[0]!.Value, all.Column("填报人单位")[0]!.Value });
        Assert.DoesNotContain(all.Rows.SelectMany(r => r), c => c?.Value is "tiexi" or "city");

        var byReporter = await ExportAsync(tiexi, $"reporterId={cityId}&from=2025-04&to=2025-04");
        Assert.Equal([(tiexiProject.Code, "2025-04", 200.5m)], byReporter.Column("项目编号").Select((c, i) => (c!.Value, byReporter.Column("月份")[i]!.Value, byReporter.Column("到位资金(万元)")[i]!.Number)));
        // Another unit's project exports nothing, as it lists nothing.
        Assert.Single((await ExportAsync(tiexi, $"projectId={lishuProject.Id}")).Rows);
        // A month that is no month is refused, naming the parameter.
        var bad = await tiexi.GetAsync("/api/funds/export?from=2025-13");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"from\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await tiexi.GetAsync($"/api/funds/?projectId={tiexiProject.Id}&from=2025-04&to=2025-06")).StatusCode);

        // The export is audited with its filter and row count.
        var exports = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == "Export" && e.ObjectType == nameof(FundsRecord) && e.UserName == "tiexi").Select(e => e.NewValues ?? "").ToListAsync());
        Assert.Contains(exports, d => d.Contains("\"rows\":3", StringComparison.Ordinal) && d.Contains($"\"ProjectId\":{tiexiProject.Id}", StringComparison.Ordinal));
    }

    private static async Task<ProbeSheet> ExportAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/funds/export?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var sheet = XlsxProbe.Sheet(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("到位资金", sheet.Name);
        Assert.Equal(["项目编号", "月份", "到位资金(万元)", "资金来源", "审核状态"], sheet.Headers.Take(5));
        return sheet;
    }
}

[Collection("postgres")]
public sealed class PostgresFundsLedgerTests(PostgresFixture fixture) : FundsLedgerTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteFundsLedgerTests(SqliteFixture fixture) : FundsLedgerTests(fixture), IClassFixture<SqliteFixture>;

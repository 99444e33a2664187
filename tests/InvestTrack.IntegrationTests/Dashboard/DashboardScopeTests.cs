using System.Net;
using System.Text.Json;
using InvestTrack.Features.Dashboard;
using InvestTrack.Features.Projects;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Dashboard;

/// <summary>
/// What a county user, the leader and the city staff see. The data is in the demo units 铁西区 and 铁东区, in a
/// year of each test's own (2085–2087) that no other data uses, so the city-wide figures are hand-computable.
/// </summary>
public abstract class DashboardScopeTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private static long H(decimal wan) => DashboardSeed.Hundredths(wan);

    private sealed record Data(int Year, DashboardSeed Tiexi, DashboardSeed Tiedong, int TiexiProject, int TiedongProject, string Industry);

    /// <summary>One project in each unit, of the same industry and investor origin (山东省): 铁西 100万, 铁东 250万 in March.</summary>
    private async Task<Data> DataAsync(int year)
    {
        var tiexi = await DashboardSeed.DemoUnitAsync(App, "220302");
        var tiedong = await DashboardSeed.DemoUnitAsync(App, "220303");
        var industryName = $"范围产业{tiexi.Suffix}";
        var industry = await tiexi.IndustryAsync(industryName);
        var company = await tiexi.CompanyAsync(provinceCode: "370000");
        var x = await tiexi.ProjectAsync(company, 2000m, industryId: industry, kind: SigningKind.Contract, signedOn: new DateOnly(year, 2, 1), contractedWan: 12000m);
        var d = await tiedong.ProjectAsync(company, 3000m, industryId: industry, kind: SigningKind.Contract, signedOn: new DateOnly(year, 3, 1), contractedWan: 8000m);
        await tiexi.FundsAsync(x, year, 3, 100m);
        await tiedong.FundsAsync(d, year, 3, 250m);
        return new Data(year, tiexi, tiedong, x, d, industryName);
    }

    private Task<(DashboardFigures? Figures, DashboardError Error)> ComputeAsUser(string user, Data data, int? unitId) =>
        App.AsUserAsync(user, sp => sp.GetRequiredService<DashboardService>().ComputeAsync(data.Year, 6, unitId));

    private Task<(DrillResult? Result, DashboardError Error)> DrillAsUser(string user, Data data, DrillKind kind, int? unitId, string? key = null) =>
        App.AsUserAsync(user, sp => sp.GetRequiredService<DashboardService>().DrillAsync(new DrillRequest(kind, data.Year, 6, unitId, key)));

    [Fact]
    public async Task A_county_user_sees_the_own_unit_only_and_a_foreign_unit_is_not_found()
    {
        var data = await DataAsync(2087);

        foreach (var asked in new int?[] { null, data.Tiexi.UnitId })
        {
            var (f, error) = await ComputeAsUser("tiexi", data, asked);
            Assert.Equal(DashboardError.None, error);
            Assert.Equal((data.Tiexi.UnitId, "铁西区"), (f!.UnitId, f.ScopeName));
            Assert.Equal(H(100m), f.Of(DashboardIndicator.Funds).Value);
            Assert.Equal((1L, H(12000m)), (f.Of(DashboardIndicator.Signings).Value, f.Of(DashboardIndicator.Signings).Amount));
            Assert.Equal(1L, f.Of(DashboardIndicator.YiSignings).Value);
            Assert.Equal([new FundsSlice(SliceKey.Unit(data.Tiexi.UnitId), "铁西区", H(100m))], f.ByUnit);
            Assert.Equal([new FundsSlice("I:" + data.Industry, data.Industry, H(100m))], f.ByIndustry);
            Assert.Equal([new FundsSlice("P:370000", "山东省", H(100m))], f.ByOrigin);
            Assert.DoesNotContain(f.Largest, l => l.Id == data.TiedongProject);
        }

        Assert.Equal((null, DashboardError.UnitNotFound), await ComputeAsUser("tiexi", data, data.Tiedong.UnitId));
        Assert.Equal((null, DashboardError.UnitNotFound), await ComputeAsUser("tiexi", data, 99999999));
        Assert.Equal((null, DashboardError.UnitNotFound), await DrillAsUser("tiexi", data, DrillKind.Funds, data.Tiedong.UnitId));

        // Another unit's slice key within the own scope lists nothing of that unit.
        var foreignSlice = (await DrillAsUser("tiexi", data, DrillKind.Unit, null, SliceKey.Unit(data.Tiedong.UnitId))).Result!;
        Assert.Equal((0, 0L), (foreignSlice.Count, foreignSlice.Total));
        foreach (var (kind, key) in new (DrillKind, string?)[] { (DrillKind.Funds, null), (DrillKind.Industry, "I:" + data.Industry), (DrillKind.Origin, "P:370000"), (DrillKind.Signings, null), (DrillKind.Month, "3") })
        {
            var drill = (await DrillAsUser("tiexi", data, kind, null, key)).Result!;
            Assert.Equal([data.TiexiProject], drill.Rows.Select(r => r.Id));
            Assert.Equal("铁西区", drill.ScopeName);
        }
        // The whole list, as an export streams it, holds the own unit's projects only.
        var exported = await App.AsUserAsync("tiexi", async sp =>
        {
            var rows = new List<(int, long)>();
            await foreach (var r in sp.GetRequiredService<DashboardService>().RowsAsync(new DrillRequest(DrillKind.Funds, data.Year, 6, null))) rows.Add((r.Id, r.Amount));
            return rows;
        });
        Assert.Equal([(data.TiexiProject, H(100m))], exported);
    }

    [Fact]
    public async Task Leader_and_city_see_the_whole_city_and_any_unit()
    {
        var data = await DataAsync(2086);
        foreach (var user in new[] { "leader", "city" })
        {
            var (f, error) = await ComputeAsUser(user, data, null);
            Assert.Equal(DashboardError.None, error);
            Assert.Equal(((int?)null, "全市"), (f!.UnitId, f.ScopeName));
            // Only this test writes 2086: 100 + 250.
            Assert.Equal(H(350m), f.Of(DashboardIndicator.Funds).Value);
            Assert.Equal([new FundsSlice(SliceKey.Unit(data.Tiedong.UnitId), "铁东区", H(250m)), new FundsSlice(SliceKey.Unit(data.Tiexi.UnitId), "铁西区", H(100m))], f.ByUnit);
            Assert.Equal([new FundsSlice("I:" + data.Industry, data.Industry, H(350m))], f.ByIndustry);

            var slice = (await DrillAsUser(user, data, DrillKind.Unit, null, SliceKey.Unit(data.Tiedong.UnitId))).Result!;
            Assert.Equal([data.TiedongProject], slice.Rows.Select(r => r.Id));
            Assert.Equal((H(250m), "铁东区"), (slice.Total, slice.SliceName));
            var industry = (await DrillAsUser(user, data, DrillKind.Industry, null, "I:" + data.Industry)).Result!;
            Assert.Equal([data.TiedongProject, data.TiexiProject], industry.Rows.Select(r => r.Id));

            var (tiedong, _) = await ComputeAsUser(user, data, data.Tiedong.UnitId);
            Assert.Equal((data.Tiedong.UnitId, "铁东区", H(250m)), (tiedong!.UnitId, tiedong.ScopeName, tiedong.Of(DashboardIndicator.Funds).Value));
        }
    }

    [Fact]
    public async Task Over_the_API_a_foreign_unit_is_404_and_the_own_unit_is_the_default()
    {
        var data = await DataAsync(2085);
        var tiexi = await App.SignInAsync("tiexi");
        tiexi.DefaultRequestHeaders.Add("X-Requested-With", "InvestTrack");

        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync($"/api/dashboard?year={data.Year}&month=6&unitId={data.Tiedong.UnitId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync($"/api/dashboard/records?kind=Funds&year={data.Year}&month=6&unitId={data.Tiedong.UnitId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync($"/api/dashboard/records/export.csv?kind=Funds&year={data.Year}&month=6&unitId={data.Tiedong.UnitId}")).StatusCode);

        var own = JsonDocument.Parse(await tiexi.GetStringAsync($"/api/dashboard?year={data.Year}&month=6")).RootElement;
        Assert.Equal((data.Tiexi.UnitId, "铁西区"), (own.GetProperty("unitId").GetInt32(), own.GetProperty("scopeName").GetString()));
        Assert.Equal(H(100m), own.GetProperty("kpis")[0].GetProperty("value").GetInt64());

        var foreignSlice = JsonDocument.Parse(await tiexi.GetStringAsync(
            $"/api/dashboard/records?kind=Unit&year={data.Year}&month=6&key={Uri.EscapeDataString(SliceKey.Unit(data.Tiedong.UnitId))}")).RootElement;
        Assert.Equal((0, 0L, 0), (foreignSlice.GetProperty("count").GetInt32(), foreignSlice.GetProperty("total").GetInt64(), foreignSlice.GetProperty("rows").GetArrayLength()));
        var industry = JsonDocument.Parse(await tiexi.GetStringAsync(
            $"/api/dashboard/records?kind=Industry&year={data.Year}&month=6&key={Uri.EscapeDataString("I:" + data.Industry)}")).RootElement;
        Assert.Equal([data.TiexiProject], industry.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
    }
}

public sealed class PostgresDashboardScopeTests(PostgresFixture fixture) : DashboardScopeTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteDashboardScopeTests(SqliteFixture fixture) : DashboardScopeTests(fixture), IClassFixture<SqliteFixture>;

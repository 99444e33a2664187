using System.Net;
using System.Text;
using System.Text.Json;
using InvestTrack.Features.Dashboard;
using InvestTrack.Features.Projects;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Dashboard;

/// <summary>GET /api/dashboard, the records behind a figure (paged), bad input and the export, through the test host on both providers.</summary>
public abstract class DashboardApiTests(AppFixture fixture)
{
    private const int Year = 2088;
    private TestApp App => fixture.App;

    private static long H(decimal wan) => DashboardSeed.Hundredths(wan);

    private async Task<HttpClient> ClientAsync(string user)
    {
        var client = await App.SignInAsync(user);
        client.DefaultRequestHeaders.Add("X-Requested-With", "InvestTrack");
        return client;
    }

    /// <summary>Seven projects of a fresh unit with 70, 60 … 10万 audited in February; the largest is named like a formula, its investor too.</summary>
    private async Task<(DashboardSeed Seed, List<int> Ids, List<string> Codes)> SevenAsync()
    {
        var s = await DashboardSeed.NewUnitAsync(App);
        var formula = await s.CompanyAsync(provinceCode: "370000", name: $"@SUM(A1){s.Suffix}");
        var plain = await s.CompanyAsync(provinceCode: "370000");
        var ids = new List<int>();
        for (var i = 0; i < 7; i++)
        {
            var id = await s.ProjectAsync(i == 0 ? formula : plain, 1000m + i, name: i == 0 ? $"=1+2{s.Suffix}" : null);
            await s.FundsAsync(id, Year, 2, 70m - 10m * i);
            ids.Add(id);
        }
        var codes = await App.AsSystemAsync(async sp =>
        {
            var rows = await sp.GetRequiredService<Data.AppDbContext>().Projects.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Code }).ToListAsync();
            return ids.Select(id => rows.Single(r => r.Id == id).Code).ToList();
        });
        return (s, ids, codes);
    }

    private static List<int> Ids(JsonElement page) => [.. page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt32())];

    [Fact]
    public async Task Figures_of_an_explicit_and_of_the_default_period()
    {
        var (s, _, _) = await SevenAsync();
        var city = await ClientAsync("city");
        var f = JsonDocument.Parse(await city.GetStringAsync($"/api/dashboard?year={Year}&month=6&unitId={s.UnitId}")).RootElement;
        Assert.Equal((Year, 6, s.UnitId, s.UnitName), (f.GetProperty("year").GetInt32(), f.GetProperty("month").GetInt32(), f.GetProperty("unitId").GetInt32(), f.GetProperty("scopeName").GetString()));
        // 70 + 60 + … + 10 = 280万, all in February.
        var funds = f.GetProperty("kpis")[0];
        Assert.Equal((H(280m), 0L), (funds.GetProperty("value").GetInt64(), funds.GetProperty("lastYearValue").GetInt64()));
        Assert.Equal(JsonValueKind.Null, funds.GetProperty("growth").ValueKind);
        var months = f.GetProperty("byMonth");
        Assert.Equal((H(280m), 0L, JsonValueKind.Null), (months[1].GetProperty("thisYear").GetInt64(), months[0].GetProperty("thisYear").GetInt64(), months[6].GetProperty("thisYear").ValueKind));
        Assert.Equal($"U:{s.UnitId}", f.GetProperty("byUnit")[0].GetProperty("key").GetString());
        // None is signed, so none is among the largest signed projects.
        Assert.Equal(0, f.GetProperty("largest").GetArrayLength());

        var (year, month) = LastCompleteMonth();
        var byDefault = JsonDocument.Parse(await city.GetStringAsync("/api/dashboard")).RootElement;
        Assert.Equal((year, month, JsonValueKind.Null, "全市"),
            (byDefault.GetProperty("year").GetInt32(), byDefault.GetProperty("month").GetInt32(), byDefault.GetProperty("unitId").ValueKind, byDefault.GetProperty("scopeName").GetString()));
        var tiexi = JsonDocument.Parse(await (await ClientAsync("tiexi")).GetStringAsync("/api/dashboard")).RootElement;
        Assert.Equal((year, month, "铁西区"), (tiexi.GetProperty("year").GetInt32(), tiexi.GetProperty("month").GetInt32(), tiexi.GetProperty("scopeName").GetString()));
    }

    /// <summary>The default period (issue 13, item 8): the month before this one in the city, December in January.</summary>
    private static (int Year, int Month) LastCompleteMonth()
    {
        var local = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var last = new DateOnly(local.Year, local.Month, 1).AddMonths(-1);
        return (last.Year, last.Month);
    }

    [Fact]
    public async Task Records_are_paged_largest_first_and_the_page_size_is_clamped()
    {
        var (s, ids, codes) = await SevenAsync();
        var city = await ClientAsync("city");
        var url = $"/api/dashboard/records?kind=Funds&year={Year}&month=6&unitId={s.UnitId}";

        var page2 = JsonDocument.Parse(await city.GetStringAsync(url + "&page=2&pageSize=3")).RootElement;
        Assert.Equal((7, H(280m), 2, 3), (page2.GetProperty("count").GetInt32(), page2.GetProperty("total").GetInt64(), page2.GetProperty("page").GetInt32(), page2.GetProperty("pageSize").GetInt32()));
        Assert.Equal(ids[3..6], Ids(page2));
        var row = page2.GetProperty("rows")[0];
        Assert.Equal((codes[3], H(40m), H(1003m), s.UnitName), (row.GetProperty("code").GetString(), row.GetProperty("amount").GetInt64(), row.GetProperty("plannedInvestment").GetInt64(), row.GetProperty("unitName").GetString()));
        Assert.Equal("2088年1月至6月", page2.GetProperty("periodLabel").GetString());

        Assert.Equal([ids[6]], Ids(JsonDocument.Parse(await city.GetStringAsync(url + "&page=3&pageSize=3")).RootElement));
        Assert.Empty(Ids(JsonDocument.Parse(await city.GetStringAsync(url + "&page=4&pageSize=3")).RootElement));
        var first = JsonDocument.Parse(await city.GetStringAsync(url + "&page=0&pageSize=0")).RootElement;
        Assert.Equal((1, 1), (first.GetProperty("page").GetInt32(), first.GetProperty("pageSize").GetInt32()));
        Assert.Equal([ids[0]], Ids(first));
        var all = JsonDocument.Parse(await city.GetStringAsync(url + "&pageSize=100000")).RootElement;
        Assert.Equal(DashboardApi.MaxPageSize, all.GetProperty("pageSize").GetInt32());
        Assert.Equal(ids, Ids(all));
        var byDefault = JsonDocument.Parse(await city.GetStringAsync(url)).RootElement;
        Assert.Equal((1, 50), (byDefault.GetProperty("page").GetInt32(), byDefault.GetProperty("pageSize").GetInt32()));
        Assert.Equal(ids, Ids(byDefault));
        // The month bar of February lists the same seven.
        Assert.Equal(ids, Ids(JsonDocument.Parse(await city.GetStringAsync($"/api/dashboard/records?kind=Month&year={Year}&month=6&unitId={s.UnitId}&key=2")).RootElement));
    }

    [Fact]
    public async Task Bad_input_is_a_validation_problem_or_not_found()
    {
        var (s, _, _) = await SevenAsync();
        var city = await ClientAsync("city");

        foreach (var url in new[] { $"/api/dashboard?year={Year}&month=13", "/api/dashboard?year=1800&month=6", $"/api/dashboard?year={Year}&month=0",
                     $"/api/dashboard/records?kind=Funds&year={Year}&month=13", "/api/dashboard/records?kind=Funds&year=1800&month=6" })
        {
            var response = await city.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Contains("年份或月份无效", problem.GetProperty("errors").GetProperty("month")[0].GetString(), StringComparison.Ordinal);
        }
        foreach (var url in new[] { $"/api/dashboard?year=abc&month=6", $"/api/dashboard/records?kind=Nope&year={Year}&month=6", $"/api/dashboard/records?year={Year}&month=6",
                     $"/api/dashboard/records?kind=Funds&year={Year}&month=6&page=x", $"/api/dashboard/records/export.csv?kind=Nope&year={Year}&month=6",
                     $"/api/dashboard/records/export.csv?kind=Funds&year=1800&month=6" })
            Assert.Equal(HttpStatusCode.BadRequest, (await city.GetAsync(url)).StatusCode);
        foreach (var (kind, key) in new[] { ("Month", "13"), ("Month", "0"), ("Month", "x"), ("Month", ""), ("Unit", "abc"), ("Unit", "3"), ("Industry", "X:1"), ("Origin", "Q:110000"), ("Origin", "P:") })
            Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync($"/api/dashboard/records?kind={kind}&year={Year}&month=6&unitId={s.UnitId}&key={Uri.EscapeDataString(key)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync($"/api/dashboard?year={Year}&month=6&unitId=99999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync($"/api/dashboard/records/export.pdf?kind=Funds&year={Year}&month=6&unitId={s.UnitId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync($"/api/dashboard/records/export.csv?kind=Month&year={Year}&month=6&unitId={s.UnitId}&key=13")).StatusCode);
    }

    [Fact]
    public async Task Export_as_csv_and_xlsx_lists_the_rows_neutralised_and_is_audited()
    {
        var (s, ids, codes) = await SevenAsync();
        var city = await ClientAsync("city");
        var query = $"kind=Funds&year={Year}&month=6&unitId={s.UnitId}";

        var csv = await city.GetAsync($"/api/dashboard/records/export.csv?{query}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', DashboardApi.ExportHeaders), lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(codes, rows.Select(r => r[0]));
        Assert.Equal(["70.00", "60.00", "50.00", "40.00", "30.00", "20.00", "10.00"], rows.Select(r => r[7]));
        Assert.Equal(["1000.00", "1001.00", "1002.00", "1003.00", "1004.00", "1005.00", "1006.00"], rows.Select(r => r[6]));
        Assert.Equal(($"'=1+2{s.Suffix}", $"'@SUM(A1){s.Suffix}", s.UnitName, "签约", "正常"), (rows[0][1], rows[0][2], rows[0][3], rows[0][4], rows[0][5]));
        Assert.All(rows.Skip(1), r => Assert.StartsWith("看板项目", r[1], StringComparison.Ordinal));

        var xlsx = await city.GetAsync($"/api/dashboard/records/export.xlsx?{query}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var sheet = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(DashboardApi.ExportHeaders, sheet[0].Keys);
        Assert.Equal(codes, sheet.Select(r => r["项目编号"]?.ToString()));
        Assert.Equal(($"'=1+2{s.Suffix}", $"'@SUM(A1){s.Suffix}", "70.00"), (sheet[0]["项目名称"]?.ToString(), sheet[0]["投资方"]?.ToString(), sheet[0]["金额(万元)"] is double d ? d.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : null));

        var audit = await App.AsSystemAsync(sp => sp.GetRequiredService<Data.AppDbContext>().AuditEntries
            .Where(e => e.Action == "Export" && e.ObjectType == "DashboardRecords").ToListAsync());
        var ours = audit.Where(e => e.NewValues != null && e.NewValues.Contains($"\"unitId\":{s.UnitId},", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, ours.Count);
        Assert.All(ours, e => Assert.Contains("\"kind\":\"Funds\"", e.NewValues, StringComparison.Ordinal));
        Assert.All(ours, e => Assert.Contains("\"rows\":7", e.NewValues, StringComparison.Ordinal));
        Assert.All(ours, e => Assert.Equal("city", e.UserName));
        Assert.Equal(ids.Count, rows.Count);
    }
}

public sealed class PostgresDashboardApiTests(PostgresFixture fixture) : DashboardApiTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteDashboardApiTests(SqliteFixture fixture) : DashboardApiTests(fixture), IClassFixture<SqliteFixture>;

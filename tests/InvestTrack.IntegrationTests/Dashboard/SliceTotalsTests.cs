using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Dashboard;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.Statistics;
using InvestTrack.Features.Units;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// The statements are built from ids and codes read from the test's own database: changes made outside the services.
#pragma warning disable EF1002

namespace InvestTrack.IntegrationTests.Dashboard;

/// <summary>
/// The slice totals that the dashboard reads (FundsSliceTotal, decision 0011) stay the grouping of the running totals by
/// project industry and investor origin through random changes made in SQL, outside the services: audits, returns, edits
/// of amounts and months, deletes, new records, projects moved between units, industry and investor changes (also all in
/// one statement), investors' origins, threshold crossings, rolled-back transactions and a rebuild; and the dashboard's
/// funds figures equal the former computation (a year of per-project totals joined to projects and investors).
/// Each test has a database of its own, since it changes the demo city freely.
/// </summary>
public abstract class SliceTotalsTests(DatabaseProviderKind provider) : IAsyncLifetime
{
    private readonly TestApp _app = new(provider);

    public async Task InitializeAsync() => await _app.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const int Steps = 11;

    // The dashboard is read for 24 views (the last two years, months 1, 7 and 12, the city and three units): all of them on
    // the demo data, and after each change 6 drawn at random, so that the rounds together read every view several times.
    private const int DashboardViews = 24;
    private const int DashboardViewsPerRound = 6;

    [Fact]
    public async Task The_slice_totals_follow_random_changes_and_the_dashboard_counts_as_before()
    {
        var random = new Random(20261205);
        await AssertSameAsync("demo data", random, DashboardViews);
        for (var round = 0; round < 40; round++)
        {
            var step = round < Steps ? round : random.Next(Steps); // every kind once, then at random
            var seed = random.Next();
            var what = await _app.AsSystemAsync(sp => ChangeAsync(sp.GetRequiredService<AppDbContext>(), step, new Random(seed)));
            await AssertSameAsync($"round {round}, {what}", random, DashboardViewsPerRound);
        }
    }

    private static async Task<string> ChangeAsync(AppDbContext db, int step, Random random)
    {
        var sql = db.Database;
        var projects = await db.Projects.IgnoreQueryFilters().Select(p => p.Id).OrderBy(p => p).ToListAsync();
        var withFunds = await db.FundsRecords.IgnoreQueryFilters().Select(f => f.ProjectId).Distinct().OrderBy(p => p).ToListAsync();
        var units = await db.Units.Select(u => u.Id).OrderBy(u => u).ToListAsync();
        var industries = await db.Industries.Select(i => i.Id).OrderBy(i => i).ToListAsync();
        var companies = await db.Companies.Select(c => c.Id).OrderBy(c => c).ToListAsync();
        var provinces = await db.Provinces.Select(p => p.Code).OrderBy(p => p).ToListAsync();
        var countries = await db.Countries.Select(c => c.Code).OrderBy(c => c).ToListAsync();
        T Pick<T>(List<T> list) => list[random.Next(list.Count)];
        string Some<T>(List<T> list, int count) => string.Join(",", Enumerable.Range(0, count).Select(_ => Pick(list)).Distinct());
        async Task<string> RecordsAsync(FundsAuditStatus status, int count) =>
            string.Join(",", (await db.FundsRecords.IgnoreQueryFilters().Where(f => f.Status == status).Select(f => f.Id).OrderBy(f => f).ToListAsync())
                .OrderBy(_ => random.Next()).Take(count).DefaultIfEmpty(0));
        // A typed NULL: PostgreSQL cannot type a CASE whose branches are all a bare NULL.
        string Industry() => random.Next(4) == 0 ? "CAST(NULL AS INTEGER)" : Pick(industries).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Code(List<string> codes) => random.Next(3) switch { 0 => "NULL", 1 => "''", _ => $"'{Pick(codes)}'" };

        switch (step)
        {
            case 0:
                var audited = await RecordsAsync(FundsAuditStatus.Pending, 5);
                await sql.ExecuteSqlRawAsync($"""UPDATE "FundsRecords" SET "Status" = 1 WHERE "Id" IN ({audited})""");
                return "audits of " + audited;
            case 1:
                var returned = await RecordsAsync(FundsAuditStatus.Audited, 4);
                await sql.ExecuteSqlRawAsync($"""UPDATE "FundsRecords" SET "Status" = 2, "AuditedInSource" = {Bool(false)}, "ReturnReason" = 'x' WHERE "Id" IN ({returned})""");
                return "returns of " + returned;
            case 2:
                var edited = await RecordsAsync(FundsAuditStatus.Audited, 6);
                await sql.ExecuteSqlRawAsync($"""UPDATE "FundsRecords" SET "Amount" = "Amount" + {random.Next(1, 100_000)} WHERE "Id" IN ({edited})""");
                // Each to another month of its year where its project has no record of its source (one a month and source).
                foreach (var id in edited.Split(','))
                {
                    var month = random.Next(1, 13);
                    await sql.ExecuteSqlRawAsync($"""
                        UPDATE "FundsRecords" SET "Period" = ("Period" / 100) * 100 + {month}
                        WHERE "Id" = {id} AND NOT EXISTS (SELECT 1 FROM "FundsRecords" g WHERE g."ProjectId" = "FundsRecords"."ProjectId"
                          AND g."Source" = "FundsRecords"."Source" AND g."Period" = ("FundsRecords"."Period" / 100) * 100 + {month})
                        """);
                }
                return "edits of " + edited;
            case 3:
                var moved = Some(withFunds, 6);
                await sql.ExecuteSqlRawAsync($"""UPDATE "Projects" SET "UnitId" = {Pick(units)} WHERE "Id" IN ({moved})""");
                return "projects moved: " + moved;
            case 4:
                var changed = Some(withFunds, 8);
                await sql.ExecuteSqlRawAsync($"""UPDATE "Projects" SET "IndustryId" = {Industry()} WHERE "Id" IN ({changed})""");
                return "industry of " + changed;
            case 5:
                var invested = Some(withFunds, 8);
                await sql.ExecuteSqlRawAsync($"""UPDATE "Projects" SET "CompanyId" = {Pick(companies)} WHERE "Id" IN ({invested})""");
                return "investor of " + invested;
            case 6:
                // Unit, industry and investor in one statement, each project its own.
                var all = Some(withFunds, 6);
                await sql.ExecuteSqlRawAsync($"""
                    UPDATE "Projects" SET "UnitId" = {Pick(units)}, "IndustryId" = CASE WHEN "Id" % 2 = 0 THEN {Industry()} ELSE {Industry()} END,
                      "CompanyId" = CASE WHEN "Id" % 3 = 0 THEN {Pick(companies)} ELSE "CompanyId" END
                    WHERE "Id" IN ({all})
                    """);
                return "unit, industry and investor of " + all;
            case 7:
                var origins = string.Join(",", (await db.Projects.IgnoreQueryFilters().Where(p => withFunds.Contains(p.Id)).Select(p => p.CompanyId).Distinct().OrderBy(c => c).ToListAsync())
                    .OrderBy(_ => random.Next()).Take(5));
                await sql.ExecuteSqlRawAsync($"""UPDATE "Companies" SET "OriginProvinceCode" = {Code(provinces)}, "OriginCountryCode" = {Code(countries)} WHERE "Id" IN ({origins})""");
                return "origins of investors " + origins;
            case 8:
                // A transaction that changes everything and is rolled back leaves no trace.
                await using (var transaction = await sql.BeginTransactionAsync())
                {
                    await sql.ExecuteSqlRawAsync($"""UPDATE "FundsRecords" SET "Status" = 1 WHERE "Status" = 0""");
                    await sql.ExecuteSqlRawAsync($"""UPDATE "Projects" SET "IndustryId" = {Pick(industries)}, "UnitId" = {Pick(units)} WHERE "Id" IN ({Some(withFunds, 10)})""");
                    await sql.ExecuteSqlRawAsync($"""UPDATE "Companies" SET "OriginProvinceCode" = NULL, "OriginCountryCode" = '{Pick(countries)}'""");
                    await transaction.RollbackAsync();
                }
                return "a rolled-back transaction";
            case 9:
                var deleted = await RecordsAsync(FundsAuditStatus.Audited, 3);
                await sql.ExecuteSqlRawAsync($"""DELETE FROM "FundsEvidence" WHERE "FundsRecordId" IN ({deleted})""");
                await sql.ExecuteSqlRawAsync($"""DELETE FROM "FundsRecords" WHERE "Id" IN ({deleted})""");
                // New audited records by copying pending ones into other months.
                var copied = await RecordsAsync(FundsAuditStatus.Pending, 3);
                foreach (var id in copied.Split(','))
                {
                    var month = random.Next(1, 13);
                    await sql.ExecuteSqlRawAsync($"""
                        INSERT INTO "FundsRecords" ("ProjectId", "UnitId", "Period", "Source", "Amount", "CapitalKind", "Status", "ReportedBy", "ReportedAt", "AuditedBy", "AuditedAt", "AuditedInSource", "Version")
                        SELECT f."ProjectId", f."UnitId", (f."Period" / 100) * 100 + {month}, f."Source", f."Amount" + 7, f."CapitalKind", 1, f."ReportedBy", f."ReportedAt", 'test', f."ReportedAt", {Bool(false)}, 1
                        FROM "FundsRecords" f WHERE f."Id" = {id} AND NOT EXISTS (SELECT 1 FROM "FundsRecords" g
                          WHERE g."ProjectId" = f."ProjectId" AND g."Source" = f."Source" AND g."Period" = (f."Period" / 100) * 100 + {month})
                        """);
                }
                return $"deletes of {deleted}, copies of {copied}";
            default:
                // Projects crossing the dispatch threshold both ways (no slice moves; the dashboard's other figures do).
                var crossing = Some(withFunds, 10);
                await sql.ExecuteSqlRawAsync($"""UPDATE "Projects" SET "PlannedInvestment" = CASE WHEN "PlannedInvestment" >= 100000 THEN 99999 ELSE 100000 END WHERE "Id" IN ({crossing})""");
                if (random.Next(2) == 0) await FundsTotalsCheck.RebuildAsync(db);
                return "threshold crossings of " + crossing;
        }

        string Bool(bool value) => db.Database.IsNpgsql() ? (value ? "true" : "false") : (value ? "1" : "0");
    }

    private async Task AssertSameAsync(string after, Random random, int views)
    {
        var (expected, actual) = await _app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var projects = await db.Projects.IgnoreQueryFilters().ToDictionaryAsync(p => p.Id, p => new { p.IndustryId, p.CompanyId });
            var companies = await db.Companies.ToDictionaryAsync(c => c.Id, c => new { c.OriginProvinceCode, c.OriginCountryCode });
            var expected = (await db.FundsYearTotals.IgnoreQueryFilters().AsNoTracking().ToListAsync())
                .GroupBy(t => (t.Year, t.UnitId, Industry: projects[t.ProjectId].IndustryId ?? 0,
                    Province: companies[projects[t.ProjectId].CompanyId].OriginProvinceCode ?? "", Country: companies[projects[t.ProjectId].CompanyId].OriginCountryCode ?? ""))
                .Select(g => Line(g.Key.Year, g.Key.UnitId, g.Key.Industry, g.Key.Province, g.Key.Country,
                    [g.Sum(t => t.Through1), g.Sum(t => t.Through2), g.Sum(t => t.Through3), g.Sum(t => t.Through4), g.Sum(t => t.Through5), g.Sum(t => t.Through6),
                     g.Sum(t => t.Through7), g.Sum(t => t.Through8), g.Sum(t => t.Through9), g.Sum(t => t.Through10), g.Sum(t => t.Through11), g.Sum(t => t.Through12)]))
                .OfType<string>().Order(StringComparer.Ordinal).ToList();
            var actual = (await db.FundsSliceTotals.IgnoreQueryFilters().AsNoTracking().ToListAsync())
                .Select(t => Line(t.Year, t.UnitId, t.IndustryId, t.OriginProvinceCode, t.OriginCountryCode,
                    [t.Through1, t.Through2, t.Through3, t.Through4, t.Through5, t.Through6, t.Through7, t.Through8, t.Through9, t.Through10, t.Through11, t.Through12]))
                .OfType<string>().Order(StringComparer.Ordinal).ToList();
            return (expected, actual);
        });
        Assert.True(expected.SequenceEqual(actual), $"after {after}: expected\n{string.Join("\n", expected.Except(actual))}\nfound\n{string.Join("\n", actual.Except(expected))}");
        Assert.NotEmpty(actual);

        await _app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var years = await db.FundsYearTotals.IgnoreQueryFilters().Select(t => t.Year).Distinct().OrderBy(y => y).ToListAsync();
            var units = await db.Units.Select(u => u.Id).OrderBy(u => u).Take(3).ToListAsync();
            var names = new SliceNames("未分类", "未知", "市本级");
            var all = (from year in years.TakeLast(2) from month in new[] { 1, 7, 12 } from unit in units.Cast<int?>().Prepend(null) select (year, month, unit)).ToList();
            foreach (var (year, month, unit) in all.OrderBy(_ => random.Next()).Take(views))
            {
                var period = Period.Of(year, month)!;
                var figures = await DashboardQueries.ComputeAsync(db, sp.GetRequiredService<IDbContextFactory<AppDbContext>>(), period, unit, "scope", names,
                    sp.GetRequiredService<IOptions<StatisticsOptions>>().Value, TimeProvider.System, default);
                var former = await FormerAsync(db, period, unit, names);
                var label = $"after {after}: {year}-{month} unit {unit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "city"}";
                Assert.True(former.ByMonth.SequenceEqual(figures.ByMonth), label + " by month");
                Assert.True(former.ByUnit.SequenceEqual(figures.ByUnit), label + $" by unit: {string.Join(";", former.ByUnit)} ≠ {string.Join(";", figures.ByUnit)}");
                Assert.True(former.ByIndustry.SequenceEqual(figures.ByIndustry), label + $" by industry: {string.Join(";", former.ByIndustry)} ≠ {string.Join(";", figures.ByIndustry)}");
                Assert.True(former.ByOrigin.SequenceEqual(figures.ByOrigin), label + $" by origin: {string.Join(";", former.ByOrigin)} ≠ {string.Join(";", figures.ByOrigin)}");
                var funds = figures.Kpis.Single(k => k.Indicator == DashboardIndicator.Funds);
                Assert.Equal((former.Funds, former.FundsLast), (funds.Value, funds.LastYearValue));
            }
            return 0;
        });
    }

    private static string? Line(int year, int unit, int industry, string province, string country, long[] through) =>
        through.All(t => t == 0) ? null : $"{year} u{unit} i{industry} p'{province}' c'{country}': {string.Join(",", through)}";

    private sealed record Former(List<MonthFunds> ByMonth, List<FundsSlice> ByUnit, List<FundsSlice> ByIndustry, List<FundsSlice> ByOrigin, long Funds, long FundsLast);

    /// <summary>The dashboard's funds figures as computed before decision 0011, from the per-project running totals.</summary>
    private static async Task<Former> FormerAsync(AppDbContext db, Period period, int? unitId, SliceNames names)
    {
        var totals = db.FundsYearTotals.Where(t => t.Year == period.Year || t.Year == period.Year - 1);
        if (unitId is { } u) totals = totals.Where(t => t.UnitId == u);
        var rows = await totals.AsNoTracking().ToListAsync();
        long Through(FundsYearTotal t, int m) => (long)typeof(FundsYearTotal).GetProperty("Through" + m)!.GetValue(t)!;
        long InMonth(FundsYearTotal t, int m) => Through(t, m) - (m > 1 ? Through(t, m - 1) : 0);
        var thisYear = rows.Where(r => r.Year == period.Year).ToList();
        var lastYear = rows.Where(r => r.Year == period.Year - 1).ToList();
        var byMonth = Enumerable.Range(1, 12).Select(m => new MonthFunds(m,
            m <= period.Month ? thisYear.Sum(r => InMonth(r, m)) : null, lastYear.Sum(r => InMonth(r, m)))).ToList();
        // The city's own level is named 市本级 among units (issue 13, item 8).
        var unitNames = await db.Units.ToDictionaryAsync(x => x.Id, x => x.Kind == Features.Units.UnitKind.City ? names.CityLevel : x.Name);
        var byUnit = Ranked(thisYear.GroupBy(r => r.UnitId).Select(g => new FundsSlice(SliceKey.Unit(g.Key), unitNames.GetValueOrDefault(g.Key, "#" + g.Key), g.Sum(r => Through(r, period.Month)))));

        var slices = await (from f in AuditedFunds.ToMonth(db, period.Year, period.Month, unitId)
                            join p in db.Projects on f.ProjectId equals p.Id
                            join c in db.Companies on p.CompanyId equals c.Id
                            group f.Amount by new { p.IndustryId, c.OriginProvinceCode, c.OriginCountryCode } into g
                            select new { g.Key.IndustryId, g.Key.OriginProvinceCode, g.Key.OriginCountryCode, Amount = g.Sum() }).ToListAsync();
        var industries = await db.Industries.ToDictionaryAsync(i => i.Id, i => i.Name);
        var provinces = await db.Provinces.ToDictionaryAsync(p => p.Code, p => p.Name);
        var countries = await db.Countries.ToDictionaryAsync(c => c.Code, c => c.Name);
        var byIndustry = slices.GroupBy(r => r.IndustryId is { } id ? industries.GetValueOrDefault(id) : null)
            .Select(g => new FundsSlice(SliceKey.Industry(g.Key), g.Key ?? names.NoIndustry, g.Sum(r => r.Amount)));
        var byOrigin = slices.GroupBy(r => SliceKey.Origin(r.OriginProvinceCode, r.OriginCountryCode)).Select(g => new FundsSlice(g.Key,
            DashboardQueries.OriginName(g.First().OriginProvinceCode, g.First().OriginCountryCode, provinces, countries, names), g.Sum(r => r.Amount)));
        return new Former(byMonth, byUnit, Ranked(byIndustry), Ranked(byOrigin), thisYear.Sum(r => Through(r, period.Month)), lastYear.Sum(r => Through(r, period.Month)));
    }

    private static List<FundsSlice> Ranked(IEnumerable<FundsSlice> slices) =>
        [.. slices.Where(s => s.Amount != 0).OrderByDescending(s => s.Amount).ThenBy(s => s.Key, StringComparer.Ordinal)];
}

[Collection("postgres")]
public sealed class PostgresSliceTotalsTests() : SliceTotalsTests(DatabaseProviderKind.Postgres);

public sealed class SqliteSliceTotalsTests() : SliceTotalsTests(DatabaseProviderKind.Sqlite);

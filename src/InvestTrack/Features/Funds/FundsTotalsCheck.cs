using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.ReferenceData;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Funds;

/// <summary>
/// The verb check-totals: compares FundsYearTotals with the audited records it sums and, with --repair, rebuilds it
/// under a lock that keeps writers out (readers go on), so that no change slips in between the delete and the insert.
/// The triggers keep the table right by themselves; this is for an operator who suspects a repair script or a restore.
/// </summary>
public static class FundsTotalsCheck
{
    /// <summary>One (year, source, project, unit) whose running totals differ; Through[k−1] is months 1..k.</summary>
    public sealed record Difference(int Year, OriginClass Source, int ProjectId, int UnitId, long[] Ledger, long[] Stored)
    {
        public override string ToString()
        {
            var months = Enumerable.Range(1, 12).Where(m => Ledger[m - 1] != Stored[m - 1])
                .Select(m => string.Create(CultureInfo.InvariantCulture, $"1–{m}月 台账 ledger {Ledger[m - 1]} / 汇总 totals {Stored[m - 1]}"));
            return string.Create(CultureInfo.InvariantCulture, $"{Year} {Source} 项目 project #{ProjectId} 单位 unit #{UnitId}: ") + string.Join("; ", months);
        }
    }

    /// <summary>Every key whose stored running totals are not the sums of its audited records (amounts in hundredths of a 万元).</summary>
    public static async Task<List<Difference>> CompareAsync(AppDbContext db, CancellationToken ct = default)
    {
        const FundsAuditStatus audited = FundsAuditStatus.Audited;
        var ledger = await db.FundsRecords.IgnoreQueryFilters().Where(r => r.Status == audited)
            .GroupBy(r => new { Year = r.Period / 100, r.Source, r.ProjectId, r.UnitId })
            .Select(g => new
            {
                g.Key.Year, g.Key.Source, g.Key.ProjectId, g.Key.UnitId,
                T1 = g.Sum(r => r.Period % 100 <= 1 ? r.Amount : 0), T2 = g.Sum(r => r.Period % 100 <= 2 ? r.Amount : 0),
                T3 = g.Sum(r => r.Period % 100 <= 3 ? r.Amount : 0), T4 = g.Sum(r => r.Period % 100 <= 4 ? r.Amount : 0),
                T5 = g.Sum(r => r.Period % 100 <= 5 ? r.Amount : 0), T6 = g.Sum(r => r.Period % 100 <= 6 ? r.Amount : 0),
                T7 = g.Sum(r => r.Period % 100 <= 7 ? r.Amount : 0), T8 = g.Sum(r => r.Period % 100 <= 8 ? r.Amount : 0),
                T9 = g.Sum(r => r.Period % 100 <= 9 ? r.Amount : 0), T10 = g.Sum(r => r.Period % 100 <= 10 ? r.Amount : 0),
                T11 = g.Sum(r => r.Period % 100 <= 11 ? r.Amount : 0), T12 = g.Sum(r => r.Amount),
            }).ToListAsync(ct);
        var stored = await db.FundsYearTotals.IgnoreQueryFilters().AsNoTracking().ToListAsync(ct);

        var byKey = stored.ToDictionary(t => (t.Year, t.Source, t.ProjectId, t.UnitId), t => new[]
            { t.Through1, t.Through2, t.Through3, t.Through4, t.Through5, t.Through6, t.Through7, t.Through8, t.Through9, t.Through10, t.Through11, t.Through12 });
        var none = new long[12];
        var differences = new List<Difference>();
        foreach (var l in ledger)
        {
            long[] sums = [l.T1, l.T2, l.T3, l.T4, l.T5, l.T6, l.T7, l.T8, l.T9, l.T10, l.T11, l.T12];
            var key = (l.Year, l.Source, l.ProjectId, l.UnitId);
            var have = byKey.Remove(key, out var s) ? s : none;
            if (!sums.SequenceEqual(have)) differences.Add(new Difference(l.Year, l.Source, l.ProjectId, l.UnitId, sums, have));
        }
        // Stored rows without audited records behind them.
        differences.AddRange(byKey.Select(x => new Difference(x.Key.Year, x.Key.Source, x.Key.ProjectId, x.Key.UnitId, none, x.Value)));
        return [.. differences.OrderBy(d => d.Year).ThenBy(d => d.ProjectId).ThenBy(d => d.Source).ThenBy(d => d.UnitId)];
    }

    /// <summary>
    /// Empties FundsYearTotals and fills it again from the audited records, then the dashboard's FundsSliceTotals from
    /// those totals, their projects and investors (decision 0011), in one transaction that writers wait for.
    /// </summary>
    public static async Task RebuildAsync(AppDbContext db, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // SQLite has one writer at a time already; PostgreSQL needs the lock (SHARE ROW EXCLUSIVE: readers go on).
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "FundsRecords", "Projects", "Companies" IN SHARE ROW EXCLUSIVE MODE;""", ct);
        await db.Database.ExecuteSqlRawAsync(Rebuild, ct);
        await db.Database.ExecuteSqlRawAsync(RebuildSlices, ct);
        await tx.CommitAsync(ct);
    }

    private const string Rebuild = """
        DELETE FROM "FundsYearTotals";
        INSERT INTO "FundsYearTotals" ("Year", "Source", "ProjectId", "UnitId", "Through1", "Through2", "Through3", "Through4", "Through5", "Through6", "Through7", "Through8", "Through9", "Through10", "Through11", "Through12")
        SELECT "Period" / 100, "Source", "ProjectId", "UnitId",
            SUM(CASE WHEN "Period" % 100 <= 1 THEN "Amount" ELSE 0 END),
            SUM(CASE WHEN "Period" % 100 <= 2 THEN "Amount" ELSE 0 END),
            SUM(CASE WHEN "Period" % 100 <= 3 THEN "Amount" ELSE 0 END),
            SUM(CASE WHEN "Period" % 100 <= 4 THEN "Amount" ELSE 0 END),
            SUM(CASE WHEN "Period" % 100 <= 5 THEN "Amount" ELSE 0 END),
            SUM(CASE WHEN "Period" % 100 <= 6 THEN "Amount" ELSE 0 END),
            SUM(CASE WHEN "Period" % 100 <= 7 THEN "Amount" ELSE 0 END),
            SUM(CASE WHEN "Period" % 100 <= 8 THEN "Amount" ELSE 0 END),
            SUM(CASE WHEN "Period" % 100 <= 9 THEN "Amount" ELSE 0 END),
            SUM(CASE WHEN "Period" % 100 <= 10 THEN "Amount" ELSE 0 END),
            SUM(CASE WHEN "Period" % 100 <= 11 THEN "Amount" ELSE 0 END),
            SUM("Amount")
        FROM "FundsRecords" WHERE "Status" = 1
        GROUP BY "Period" / 100, "Source", "ProjectId", "UnitId";
        """;

    // The triggers moved the slices along with the rebuild already; filling them afresh also mends slices changed by hand.
    private const string RebuildSlices = """
        DELETE FROM "FundsSliceTotals";
        INSERT INTO "FundsSliceTotals" ("Year", "UnitId", "IndustryId", "OriginProvinceCode", "OriginCountryCode", "Through1", "Through2", "Through3", "Through4", "Through5", "Through6", "Through7", "Through8", "Through9", "Through10", "Through11", "Through12")
        SELECT t."Year", t."UnitId", COALESCE(p."IndustryId", 0), COALESCE(c."OriginProvinceCode", ''), COALESCE(c."OriginCountryCode", ''),
            SUM(t."Through1"), SUM(t."Through2"), SUM(t."Through3"), SUM(t."Through4"), SUM(t."Through5"), SUM(t."Through6"),
            SUM(t."Through7"), SUM(t."Through8"), SUM(t."Through9"), SUM(t."Through10"), SUM(t."Through11"), SUM(t."Through12")
        FROM "FundsYearTotals" t JOIN "Projects" p ON p."Id" = t."ProjectId" JOIN "Companies" c ON c."Id" = p."CompanyId"
        GROUP BY t."Year", t."UnitId", COALESCE(p."IndustryId", 0), COALESCE(c."OriginProvinceCode", ''), COALESCE(c."OriginCountryCode", '');
        """;
}

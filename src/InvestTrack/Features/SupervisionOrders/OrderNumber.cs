using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.SupervisionOrders;

/// <summary>
/// 督〔2026〕12号: one sequence per year, taken inside the issuing transaction. The UPDATE locks the year's row until
/// the transaction ends, so two city staff issuing at once get consecutive numbers (the second waits, then reads the
/// first's committed value); a rolled-back issue gives its number back, so a number is never held by two orders and
/// never skipped by a failure. The unique index on (Year, Number) is the last line of defence.
/// </summary>
public static class OrderNumber
{
    public static string Format(int year, int number) => $"督〔{year}〕{number}号";

    /// <summary>Takes the next number of the year; must run inside the caller's transaction.</summary>
    public static async Task<int> TakeAsync(AppDbContext db, int year, CancellationToken ct)
    {
        // Both PostgreSQL and SQLite (3.35+) know ON CONFLICT and RETURNING; the statements are the same on both.
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "OrderNumberSequences" ("Year", "LastNumber") VALUES ({year}, 0) ON CONFLICT ("Year") DO NOTHING""", ct);
        var taken = await db.Database.SqlQuery<int>(
            $"""UPDATE "OrderNumberSequences" SET "LastNumber" = "LastNumber" + 1 WHERE "Year" = {year} RETURNING "LastNumber" AS "Value" """).ToListAsync(ct);
        return taken.Single();
    }

    /// <summary>The number the next order of the year would get (for the form; the real one is taken at issue).</summary>
    public static async Task<int> PeekAsync(AppDbContext db, int year, CancellationToken ct) =>
        (await db.OrderNumberSequences.AsNoTracking().Where(s => s.Year == year).Select(s => (int?)s.LastNumber).SingleOrDefaultAsync(ct) ?? 0) + 1;
}

using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Funds;
using InvestTrack.Features.ReferenceData;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Imports;

/// <summary>Loads, once per import, what the funds rows are matched against.</summary>
internal static class FundsImportLookups
{
    /// <summary>
    /// Only the projects the funds rows name, and only their records: a province holds millions of records, and a
    /// sheet of a few hundred rows must not read them all.
    /// </summary>
    public static async Task<FundsImportPlanner> PlannerAsync(AppDbContext db, IReadOnlyList<ProjectImportRow> projectRows, IReadOnlyList<FundsImportRow> fundsRows,
        bool canAudit, DateOnly today, CultureInfo culture, CancellationToken ct)
    {
        var codes = fundsRows.Select(r => r.ProjectCode).Distinct(StringComparer.Ordinal).ToList();
        // Stored projects through the unit filter: another unit's code answers like an unknown one.
        var stored = await db.Projects.AsNoTracking().Where(p => codes.Contains(p.Code))
            .Join(db.Companies, p => p.CompanyId, c => c.Id, (p, c) => new { p.Code, p.Id, p.UnitId, p.SignedOn, c.OriginClass })
            .ToListAsync(ct);
        var projects = stored.ToDictionary(p => p.Code, p => new FundsProjectFacts(p.Id, p.UnitId, p.SignedOn, p.OriginClass), StringComparer.Ordinal);
        // A project of the same workbook is as that row makes it: the import writes its dates and investor as given.
        foreach (var row in projectRows)
        {
            projects.TryGetValue(row.Code, out var before);
            projects[row.Code] = new FundsProjectFacts(before?.Id, row.UnitId, row.SignedOn, row.Place.Class);
        }
        var ids = stored.Select(p => p.Id).ToList();
        var records = await db.FundsRecords.AsNoTracking().Where(r => ids.Contains(r.ProjectId)).ToListAsync(ct);
        var byKey = records.ToDictionary(r => (r.ProjectId, r.Period, r.Source));
        var locked = (await db.MonthLocks.AsNoTracking().Where(m => m.IsLocked).Select(m => m.Period).ToListAsync(ct)).ToHashSet();
        return new FundsImportPlanner(projects, byKey, locked, canAudit, today, culture);
    }
}

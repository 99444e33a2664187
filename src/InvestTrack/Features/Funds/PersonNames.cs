using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Funds;

/// <summary>A person as the pages show them: the display name and the unit, never the sign-in name.</summary>
/// <param name="UnitName">Null for a name that is no user's (a label such as "demo" written by the demo data).</param>
public sealed record PersonName(string Name, string? UnitName);

/// <summary>
/// Puts names on the records' reporters, auditors and importers, which the records keep as sign-in names (the four-eyes rule
/// compares those). One query for the users of a page, not one per row; users are not unit-owned, and a name shown here is
/// only that of someone who touched a record the reader may see.
/// </summary>
public static class PersonNames
{
    public static async Task<IReadOnlyList<FundsRow>> NameAsync(AppDbContext db, IReadOnlyList<FundsRow> rows, CancellationToken ct)
    {
        var names = await OfAsync(db, rows.SelectMany(r => new[] { r.ReportedBy, r.AuditedBy, r.ImportedBy }), ct);
        return [.. rows.Select(r => r with { Reporter = Of(names, r.ReportedBy), Auditor = Of(names, r.AuditedBy), Importer = Of(names, r.ImportedBy) })];
    }

    public static async Task<IReadOnlyDictionary<string, PersonName>> OfAsync(AppDbContext db, IEnumerable<string?> userNames, CancellationToken ct)
    {
        var wanted = userNames.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return new Dictionary<string, PersonName>();
        var found = await (from u in db.Users.AsNoTracking()
                           where wanted.Contains(u.UserName!)
                           join unit in db.Units on u.UnitId equals unit.Id
                           select new { u.UserName, u.DisplayName, Unit = unit.Name }).ToListAsync(ct);
        return found.ToDictionary(f => f.UserName!, f => new PersonName(f.DisplayName, f.Unit), StringComparer.Ordinal);
    }

    private static PersonName? Of(IReadOnlyDictionary<string, PersonName> names, string? userName) =>
        userName is null ? null : names.GetValueOrDefault(userName) ?? new PersonName(userName, null);
}

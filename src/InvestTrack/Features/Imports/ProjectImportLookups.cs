using System.Collections.Concurrent;
using InvestTrack.Data;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Imports;

public sealed record LookupUnit(int Id, string Name);

public sealed record LookupCatalog(int Id, int StartYear, IReadOnlyDictionary<string, int> IndustriesByName);

/// <summary>
/// The reference data a 项目 sheet is checked against, loaded once per import so that validating
/// 100 000 rows costs no query per row.
/// </summary>
public sealed class ProjectImportLookups
{
    // The reference files are read once per province, not once per import.
    private static readonly ConcurrentDictionary<string, Places> PlacesByProvince = new(StringComparer.Ordinal);

    /// <summary>A unit by its name, short name or code, exactly as written.</summary>
    public required IReadOnlyDictionary<string, LookupUnit> Units { get; init; }
    public required UnitScope Scope { get; init; }
    public required Places Places { get; init; }
    public required IReadOnlyList<LookupCatalog> Catalogs { get; init; }
    /// <summary>Today in China: the latest date a row's signing, start or production may have.</summary>
    public required DateOnly Today { get; init; }

    /// <summary>The catalog year of an unsigned project: this year, in China.</summary>
    public int CurrentYear => Today.Year;

    public LookupCatalog? CatalogFor(int year) => CatalogInForce.For(Catalogs, year, c => c.StartYear);

    public static async Task<ProjectImportLookups> LoadAsync(AppDbContext db, UnitScope scope, DateOnly today, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code, u.Name, u.ShortName }).ToListAsync(ct);
        var byKey = new Dictionary<string, LookupUnit>(StringComparer.Ordinal);
        // Codes and full names are unique; a short name only counts when no other unit claims it.
        foreach (var u in units) byKey[u.Code] = byKey[u.Name] = new LookupUnit(u.Id, u.Name);
        foreach (var group in units.Where(u => !string.IsNullOrWhiteSpace(u.ShortName)).GroupBy(u => u.ShortName!))
            if (group.Count() == 1 && !byKey.ContainsKey(group.Key)) byKey[group.Key] = new LookupUnit(group.First().Id, group.First().Name);

        var catalogs = await db.IndustryCatalogs.AsNoTracking().Select(c => new { c.Id, c.StartYear }).ToListAsync(ct);
        var industries = await db.Industries.AsNoTracking().Select(i => new { i.Id, i.CatalogId, i.Name }).ToListAsync(ct);
        var settings = await db.CitySettings.AsNoTracking().SingleAsync(ct);
        return new ProjectImportLookups
        {
            Units = byKey,
            Scope = scope,
            Places = PlacesByProvince.GetOrAdd(settings.ProvinceCode, Places.FromFiles),
            Catalogs = [.. catalogs.Select(c => new LookupCatalog(c.Id, c.StartYear,
                industries.Where(i => i.CatalogId == c.Id).ToDictionary(i => i.Name, i => i.Id, StringComparer.Ordinal)))],
            Today = today,
        };
    }
}

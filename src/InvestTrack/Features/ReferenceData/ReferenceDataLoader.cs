using InvestTrack.Data;
using InvestTrack.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.ReferenceData;

/// <summary>Loads the regions, countries, industry sections and a city's units and catalogs into an empty database.</summary>
public static class ReferenceDataLoader
{
    /// <returns>false when the database already has units (nothing is changed then).</returns>
    public static async Task<bool> LoadIfEmptyAsync(AppDbContext db, string city, CancellationToken ct = default)
    {
        if (await db.Units.AnyAsync(ct)) return false;
        var cityFile = ReferenceDataFiles.City(city);
        Validate(cityFile);

        foreach (var region in ReferenceDataFiles.Regions())
        {
            db.Provinces.Add(new Province { Code = region.Code, Name = region.Name, ShortName = region.ShortName, Kind = region.Kind });
            db.PrefectureCities.AddRange(region.Cities.Select(c => new PrefectureCity
            {
                Code = c.Code,
                Name = c.Name,
                ProvinceCode = region.Code,
                DirectlyAdministered = c.DirectlyAdministered,
            }));
        }
        db.Countries.AddRange(ReferenceDataFiles.Countries().Select(c => new Country { Code = c.Code, Name = c.Name }));
        db.IndustrySections.AddRange(ReferenceDataFiles.IndustrySections().Select(s => new IndustrySection { Code = s.Code, Name = s.Name }));

        // Units in file order; parents are saved first so that children can point at them.
        var byCode = new Dictionary<string, Unit>(StringComparer.Ordinal);
        var order = 0;
        foreach (var u in cityFile.Units)
        {
            var unit = new Unit { Code = u.Code, Name = u.Name, ShortName = u.ShortName, Kind = u.Kind, SortOrder = ++order };
            byCode[u.Code] = unit;
            db.Units.Add(unit);
        }
        await db.SaveChangesAsync(ct);
        foreach (var u in cityFile.Units.Where(u => u.Parent is not null))
            byCode[u.Code].ParentId = byCode[u.Parent!].Id;

        foreach (var catalog in cityFile.IndustryCatalogs)
        {
            var sort = 0;
            db.IndustryCatalogs.Add(new IndustryCatalog
            {
                Name = catalog.Name,
                StartYear = catalog.StartYear,
                Industries = [.. catalog.Industries.Select(i => new Industry { Name = i.Name, Tier = i.Tier, SortOrder = ++sort })],
            });
        }
        db.CitySettings.Add(new CitySettings { CityUnitCode = cityFile.City.UnitCode, ShortName = cityFile.City.ShortName, ProvinceCode = cityFile.City.ProvinceCode });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>A city file must name its city unit, a known province, and parents that exist.</summary>
    public static void Validate(CityFile file)
    {
        var codes = file.Units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        if (codes.Count != file.Units.Count) throw new InvalidDataException("Unit codes in the city file are not unique.");
        if (file.Units.Select(u => u.Name).Distinct().Count() != file.Units.Count) throw new InvalidDataException("Unit names in the city file are not unique.");
        var city = file.Units.SingleOrDefault(u => u.Code == file.City.UnitCode && u.Kind == UnitKind.City)
            ?? throw new InvalidDataException($"The city unit {file.City.UnitCode} is missing from the units.");
        if (city.Parent is not null) throw new InvalidDataException("The city unit has no parent.");
        foreach (var u in file.Units.Where(u => u.Code != city.Code))
            if (u.Parent is null || !codes.Contains(u.Parent))
                throw new InvalidDataException($"Unit {u.Code} {u.Name}: parent '{u.Parent}' is not a unit of the file.");
        if (ReferenceDataFiles.Regions().All(r => r.Code != file.City.ProvinceCode))
            throw new InvalidDataException($"Province {file.City.ProvinceCode} is not a province-level code.");
    }
}

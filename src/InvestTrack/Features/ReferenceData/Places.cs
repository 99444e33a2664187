namespace InvestTrack.Features.ReferenceData;

/// <summary>Where an investor comes from, measured against the city's own province (投资方所在地).</summary>
public enum OriginClass
{
    /// <summary>省内: the city's own province.</summary>
    InProvince = 0,
    /// <summary>省外: another province-level division of the mainland.</summary>
    OtherProvince = 1,
    /// <summary>境外: abroad, and 香港, 澳门, 台湾 as in investment statistics.</summary>
    Abroad = 2,
}

/// <summary>A place as written in a ledger, resolved against the reference data.</summary>
public sealed record Place(string? ProvinceCode, string? CityCode, string? CountryCode, string Display, OriginClass Class);

/// <summary>
/// Reads 山东省济南市, 北京市, 山东济南, 俄罗斯, 香港 and the like. Pure: give it the reference lists once
/// and reuse it (imports parse thousands of rows).
/// </summary>
public sealed class Places
{
    private readonly string _homeProvinceCode;
    private readonly List<(string Name, RegionFile Region)> _provinceNames;
    private readonly Dictionary<string, CodeNameFile> _countries;

    public Places(IEnumerable<RegionFile> regions, IEnumerable<CodeNameFile> countries, string homeProvinceCode)
    {
        _homeProvinceCode = homeProvinceCode;
        // Longest names first, so that 内蒙古自治区 wins over a shorter prefix.
        _provinceNames = [.. regions.SelectMany(r => new[] { (r.Name, r), (r.ShortName, r) }).OrderByDescending(p => p.Item1.Length)];
        _countries = countries.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    public static Places FromFiles(string homeProvinceCode) =>
        new(ReferenceDataFiles.Regions(), ReferenceDataFiles.Countries(), homeProvinceCode);

    /// <summary>null when the text is not a known place.</summary>
    public Place? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var value = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal);
        if (_countries.TryGetValue(value, out var country))
            return new Place(null, null, country.Code, country.Name, OriginClass.Abroad);

        foreach (var (name, region) in _provinceNames)
        {
            if (!value.StartsWith(name, StringComparison.Ordinal)) continue;
            var rest = value[name.Length..];
            var cls = region.Kind is RegionKind.SpecialAdministrativeRegion or RegionKind.Taiwan ? OriginClass.Abroad
                : region.Code == _homeProvinceCode ? OriginClass.InProvince : OriginClass.OtherProvince;
            if (rest.Length == 0)
            {
                // A municipality is a province and a city at once.
                var self = region.Kind == RegionKind.Municipality ? region.Cities.FirstOrDefault()?.Code : null;
                return new Place(region.Code, self, null, region.Name, cls);
            }
            var city = region.Cities.FirstOrDefault(c => c.Name == rest || StripSuffix(c.Name) == rest);
            if (city is null) return null;
            return new Place(region.Code, city.Code, null, region.Kind == RegionKind.Municipality ? region.Name : region.Name + city.Name, cls);
        }
        return null;
    }

    private static string StripSuffix(string cityName) =>
        cityName.EndsWith('市') || cityName.EndsWith('盟') ? cityName[..^1]
        : cityName.EndsWith("地区", StringComparison.Ordinal) ? cityName[..^2]
        : cityName;
}

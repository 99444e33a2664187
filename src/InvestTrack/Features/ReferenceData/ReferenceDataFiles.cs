using System.Text.Json;
using System.Text.Json.Serialization;
using InvestTrack.Features.Units;

namespace InvestTrack.Features.ReferenceData;

/// <summary>The JSON shapes of ReferenceData/*.json; another city supplies its own city file.</summary>
public sealed record CityFile(CityFile.CityPart City, List<CityFile.UnitPart> Units, List<CityFile.CatalogPart> IndustryCatalogs, List<string>? LeadSources)
{
    /// <param name="ProjectCodePrefix">The letters before year and number of the city's project codes (SP2026001); optional.</param>
    public sealed record CityPart(string UnitCode, string ShortName, string ProvinceCode, string? ProjectCodePrefix = null);
    public sealed record UnitPart(string Code, string Name, string? ShortName, UnitKind Kind, string? Parent);
    public sealed record CatalogPart(string Name, int StartYear, List<IndustryPart> Industries);
    public sealed record IndustryPart(string Name, string? Tier);
}

public sealed record RegionFile(string Code, string Name, string ShortName, RegionKind Kind, List<RegionFile.CityPart> Cities)
{
    public sealed record CityPart(string Code, string Name, bool DirectlyAdministered);
}

public sealed record CodeNameFile(string Code, string Name);

public static class ReferenceDataFiles
{
    public const string DefaultCity = "siping";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static List<RegionFile> Regions() => ReadEmbedded<List<RegionFile>>("china-regions.json");
    public static List<CodeNameFile> Countries() => ReadEmbedded<List<CodeNameFile>>("countries.json");
    public static List<CodeNameFile> IndustrySections() => ReadEmbedded<List<CodeNameFile>>("gbt4754-sections.json");

    /// <summary>A built-in city by name (e.g. "siping"), or a JSON file path for another city.</summary>
    public static CityFile City(string cityOrPath)
    {
        if (File.Exists(cityOrPath))
        {
            using var file = File.OpenRead(cityOrPath);
            return JsonSerializer.Deserialize<CityFile>(file, Options) ?? throw new InvalidDataException($"{cityOrPath} is empty");
        }
        return ReadEmbedded<CityFile>($"cities.{cityOrPath}.json");
    }

    private static T ReadEmbedded<T>(string name)
    {
        var resource = $"InvestTrack.ReferenceData.{name}";
        using var stream = typeof(ReferenceDataFiles).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Reference data '{name}' is not built in; give a file path instead.");
        return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidDataException($"{name} is empty");
    }
}

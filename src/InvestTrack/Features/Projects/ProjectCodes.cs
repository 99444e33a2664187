using System.Collections.Concurrent;
using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.ReferenceData;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Projects;

/// <summary>
/// The city's project codes: a prefix, the year and a sequence of at least three digits (SP2026001, as the demo ledger
/// writes them). The prefix is the city file's <c>projectCodePrefix</c>, or <c>Projects:CodePrefix</c>, else "XM" (项目).
/// A new project whose code is left empty gets the next free code of the year. Codes are unique across the city
/// (import contract), so the sequence is read over every unit's projects, past the unit filter: a county user's
/// suggestion never collides with a code of a project they cannot see.
/// </summary>
public static class ProjectCodes
{
    public const string FallbackPrefix = "XM";

    private static readonly ConcurrentDictionary<string, string> PrefixOfCity = new(StringComparer.Ordinal);

    public static string Prefix(IConfiguration configuration)
    {
        if (Clean(configuration["Projects:CodePrefix"]) is { } configured) return configured;
        var city = configuration["ReferenceData:City"] ?? ReferenceDataFiles.DefaultCity;
        return PrefixOfCity.GetOrAdd(city, c => Clean(ReferenceDataFiles.City(c).City.ProjectCodePrefix) ?? FallbackPrefix);
    }

    /// <summary>A prefix of up to 10 ASCII letters and digits; anything else is ignored (the code is typed into ledgers).</summary>
    private static string? Clean(string? prefix)
    {
        var p = prefix?.Trim().ToUpperInvariant();
        return p is { Length: > 0 and <= 10 } && p.All(char.IsAsciiLetterOrDigit) ? p : null;
    }

    public static string Format(string prefix, int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{year:D4}{sequence:D3}");

    /// <summary>The sequence of a code of the year's form (prefix, year, three or more digits), else null.</summary>
    public static int? SequenceOf(string code, string prefix, int year)
    {
        var stem = string.Create(CultureInfo.InvariantCulture, $"{prefix}{year:D4}");
        if (!code.StartsWith(stem, StringComparison.OrdinalIgnoreCase)) return null;
        var rest = code.AsSpan(stem.Length);
        return rest.Length is >= 3 and <= 9 && IsDigits(rest) && int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (c is < '0' or > '9') return false;
        return true;
    }

    /// <summary>The next code of the year: one above the highest sequence of the year's codes in the whole city.</summary>
    public static async Task<string> NextAsync(AppDbContext db, string prefix, int year, CancellationToken ct = default)
    {
        var stem = string.Create(CultureInfo.InvariantCulture, $"{prefix}{year:D4}");
        // Codes of other units count too: the code is unique across the city.
        var codes = await db.Projects.IgnoreQueryFilters().AsNoTracking().Where(p => p.Code.StartsWith(stem)).Select(p => p.Code).ToListAsync(ct);
        var next = codes.Select(c => SequenceOf(c, prefix, year) ?? 0).DefaultIfEmpty(0).Max() + 1;
        var code = Format(prefix, year, next);
        // A code such as SP2026007X does not carry a sequence but may still hold the exact text: step past it.
        while (await db.Projects.IgnoreQueryFilters().AnyAsync(p => p.Code == code, ct)) code = Format(prefix, year, ++next);
        return code;
    }
}

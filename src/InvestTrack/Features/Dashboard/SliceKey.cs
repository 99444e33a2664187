namespace InvestTrack.Features.Dashboard;

/// <summary>
/// The keys of chart slices, as they travel in drill-down links: U:3; I:装备制造 (industries by name, because each
/// year's catalog has its own rows of the same names), I alone = no industry; P:110000, C:RU, X = unknown origin.
/// </summary>
public static class SliceKey
{
    public const string UnknownOrigin = "X";

    public static string Unit(int id) => "U:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public const string NoIndustry = "I";

    public static string Industry(string? name) => name is null ? NoIndustry : "I:" + name;

    /// <summary>The industry name of a key; "" for <see cref="NoIndustry"/>; null when the key is not an industry's.</summary>
    public static string? IndustryNameOf(string? key) =>
        key == NoIndustry ? "" : key is { Length: > 2 and <= 102 } && key.StartsWith("I:", StringComparison.Ordinal) ? key[2..] : null;
    public static string Origin(string? provinceCode, string? countryCode) =>
        provinceCode is { Length: > 0 } ? "P:" + provinceCode : countryCode is { Length: > 0 } ? "C:" + countryCode : UnknownOrigin;

    public static int? IntOf(string? key, char prefix) =>
        key is { Length: > 2 } && key[0] == prefix && key[1] == ':'
        && int.TryParse(key.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
}

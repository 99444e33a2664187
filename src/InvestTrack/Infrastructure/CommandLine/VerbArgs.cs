using System.Globalization;

namespace InvestTrack.Infrastructure.CommandLine;

/// <summary>
/// The `--name value` options of a verb. An option written without a value reads as absent, and a number is read the same
/// on every machine (invariant culture). Verbs answer 64 for a usage error and 65 for a value that is wrong (sysexits).
/// </summary>
public static class VerbArgs
{
    /// <summary>The value after <paramref name="name"/>; null when the option is absent or is the last argument.</summary>
    public static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>The integer after <paramref name="name"/>; null when absent or not a whole number.</summary>
    public static int? Int(string[] args, string name) =>
        int.TryParse(Text(args, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// The unit of `--unit U` (a code or a name, looked up by <paramref name="find"/>); Known is false, the reason already
    /// written to standard error, when there is no such unit. Without the option: Known, and no unit (the whole city).
    /// </summary>
    public static async Task<(bool Known, int? UnitId)> UnitAsync(string[] args, Func<string, Task<int?>> find)
    {
        if (Text(args, "--unit") is not { } unit) return (true, null);
        if (await find(unit) is { } unitId) return (true, unitId);
        Console.Error.WriteLine($"没有这个单位 no such unit: {unit}");
        return (false, null);
    }
}

using System.Globalization;

namespace InvestTrack.Kernel;

/// <summary>
/// Amounts are entered in 万元 with at most two decimals and stored as whole hundredths of a 万元
/// (a <see cref="long"/>), so that SUM in SQL is exact on SQLite and PostgreSQL alike
/// (docs/decisions/0001-money.md).
/// </summary>
public static class Money
{
    public const long HundredthsPerWan = 100;
    public const long HundredthsPerYi = 10_000 * HundredthsPerWan;

    /// <summary>Converts an amount in 万元 to stored hundredths; refuses negatives and more than two decimals.</summary>
    public static bool TryFromWan(decimal wan, out long hundredths)
    {
        hundredths = 0;
        if (wan < 0) return false;
        var scaled = wan * HundredthsPerWan;
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue) return false;
        hundredths = (long)scaled;
        return true;
    }

    public static decimal ToWan(long hundredths) => hundredths / (decimal)HundredthsPerWan;

    /// <summary>亿元 with two decimals, rounded half up, as the statistics contract demands.</summary>
    public static decimal ToYi(long hundredths) =>
        Math.Round(hundredths / (decimal)HundredthsPerYi, 2, MidpointRounding.AwayFromZero);

    public static string FormatWan(long hundredths) => ToWan(hundredths).ToString("N2", CultureInfo.InvariantCulture);

    public static string FormatYi(long hundredths) => ToYi(hundredths).ToString("0.00", CultureInfo.InvariantCulture);
}

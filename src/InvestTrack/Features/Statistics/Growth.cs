using System.Globalization;

namespace InvestTrack.Features.Statistics;

/// <summary>
/// 同比: the percentage rounded half up to two decimals, and whether it is a fall. The fall is decided on the exact
/// value before rounding (statistics.md), so a fall of 0.004% is 同比下降0.00%, never 同比增长0.00%.
/// </summary>
public sealed record YearOnYear(decimal Percent, bool Falls)
{
    /// <summary>The rounded percentage without its sign, as the wording writes it.</summary>
    public decimal Magnitude => Math.Abs(Percent);
}

/// <summary>同比 and rates: exact decimal arithmetic on summed hundredths, two decimals rounded half up.</summary>
public static class Growth
{
    /// <summary>(this − last) ÷ last × 100; null when last year had nothing, so no growth is stated.</summary>
    public static YearOnYear? Of(long current, long lastYear)
    {
        if (lastYear == 0) return null;
        var exact = (current - lastYear) * 100m / lastYear;
        var rounded = Round(exact);
        // decimal keeps a sign on zero (-0.00): a fall that rounds to nothing is 0.00 with Falls set.
        return new YearOnYear(rounded == 0 ? 0m : rounded, exact < 0);
    }

    /// <summary>part ÷ whole × 100; null when the whole is zero (a rate of nothing is not 0%).</summary>
    public static decimal? Rate(long part, long whole) => whole == 0 ? null : Round(part * 100m / whole);

    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>"同比增长34.50%" at zero or above, "同比下降12.30%" (no sign) below, "" with no growth.</summary>
    public static string Wording(YearOnYear? growth) => growth switch
    {
        null => "",
        { Falls: false } => "同比增长" + Format(growth.Magnitude) + "%",
        _ => "同比下降" + Format(growth.Magnitude) + "%",
    };

    public static string Format(decimal percent) => percent.ToString("0.00", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace InvestTrack.Features.Statistics;

/// <summary>同比 and rates: exact decimal arithmetic on summed hundredths, two decimals rounded half up.</summary>
public static class Growth
{
    /// <summary>(this − last) ÷ last × 100; null when last year had nothing, so no growth is stated.</summary>
    public static decimal? Percent(long current, long lastYear) =>
        lastYear == 0 ? null : Round((current - lastYear) * 100m / lastYear);

    /// <summary>part ÷ whole × 100; null when the whole is zero (a rate of nothing is not 0%).</summary>
    public static decimal? Rate(long part, long whole) => whole == 0 ? null : Round(part * 100m / whole);

    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>"同比增长34.50%" at zero or above, "同比下降12.30%" (no sign) below, "" with no growth.</summary>
    public static string Wording(decimal? percent) => percent switch
    {
        null => "",
        >= 0 => "同比增长" + Format(percent.Value) + "%",
        _ => "同比下降" + Format(-percent.Value) + "%",
    };

    public static string Format(decimal percent) => percent.ToString("0.00", CultureInfo.InvariantCulture);
}

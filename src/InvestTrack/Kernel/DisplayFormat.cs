using System.Globalization;

namespace InvestTrack.Kernel;

/// <summary>Dates as the users write them: 2023年8月31日 in Chinese, 31 Aug 2023 in English.</summary>
public static class DisplayFormat
{
    public static bool IsChinese(CultureInfo culture) => culture.TwoLetterISOLanguageName == "zh";

    public static string Date(DateOnly date, CultureInfo culture) =>
        IsChinese(culture)
            ? $"{date.Year}年{date.Month}月{date.Day}日"
            : date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => Date(date, CultureInfo.CurrentUICulture);

    /// <summary>A moment shown in the city's time zone (China Standard Time, UTC+8, no daylight saving).</summary>
    public static string DateTime(DateTimeOffset moment, CultureInfo culture)
    {
        var local = moment.ToOffset(TimeSpan.FromHours(8));
        return IsChinese(culture)
            ? $"{local.Year}年{local.Month}月{local.Day}日 {local:HH:mm:ss}"
            : local.ToString("d MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture);
    }

    public static string DateTime(DateTimeOffset moment) => DateTime(moment, CultureInfo.CurrentUICulture);
}

using System.Globalization;

namespace InvestTrack.Kernel;

/// <summary>Dates and months as the users write them: 2023年8月31日 and 2026年1月至11月 in Chinese, 31 Aug 2023 and Jan–Nov 2026 in English.</summary>
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

    /// <summary>The colon after a label: full-width in Chinese, "label: value" in English.</summary>
    public static string Colon => IsChinese(CultureInfo.CurrentUICulture) ? "：" : ": ";

    /// <summary>The comma between clauses: full-width in Chinese.</summary>
    public static string Comma => IsChinese(CultureInfo.CurrentUICulture) ? "，" : ", ";

    /// <summary>Between items of a list: 、 in Chinese (铁西区、铁东区), ", " in English.</summary>
    public static string ListSeparator => IsChinese(CultureInfo.CurrentUICulture) ? "、" : ", ";

    /// <summary>Between messages or entries that are clauses of their own: full-width in Chinese.</summary>
    public static string Semicolon => IsChinese(CultureInfo.CurrentUICulture) ? "；" : "; ";

    /// <summary>A remark in brackets after what it qualifies: （停滞） in Chinese, " (Stalled)" in English.</summary>
    public static string Bracketed(string remark) => IsChinese(CultureInfo.CurrentUICulture) ? $"（{remark}）" : $" ({remark})";

    /// <summary>11月 / Nov.</summary>
    public static string Month(int month) =>
        IsChinese(CultureInfo.CurrentUICulture) ? $"{month}月" : CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(month);

    /// <summary>2025年3月 / Mar 2025.</summary>
    public static string MonthOfYear(int year, int month) =>
        IsChinese(CultureInfo.CurrentUICulture) ? $"{year}年{month}月" : $"{Month(month)} {year}";

    /// <summary>Months 1..M of a year: 2026年1月至11月 / Jan–Nov 2026; January alone: 2026年1月 / Jan 2026.</summary>
    public static string MonthsToDate(int year, int month) =>
        month == 1 ? MonthOfYear(year, 1)
        : IsChinese(CultureInfo.CurrentUICulture) ? $"{year}年1月至{month}月" : $"{Month(1)}–{Month(month)} {year}";
}

using System.Globalization;

namespace InvestTrack.Kernel;

/// <summary>
/// A date as people type it: 2026年12月6日, 2026-12-6, 2026/12/06, 2026.12.6, 20261206, or 6 Dec 2026, whatever the
/// interface language, so that a date field accepts the keyboard as readily as the calendar.
/// </summary>
public static class DateText
{
    private static readonly string[] Formats =
    [
        "yyyy年M月d日", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "d MMM yyyy", "d MMMM yyyy", "MMM d yyyy", "MMM d, yyyy",
    ];

    /// <summary>A month as people type it: 2026年3月, 2026-3, 2026-03, 2026/3, 2026.3, 202603, Mar 2026, March 2026.</summary>
    private static readonly string[] MonthFormats = ["yyyy年M月", "yyyy-M", "yyyy/M", "yyyy.M", "yyyyMM", "MMM yyyy", "MMMM yyyy"];

    public static bool TryParse(string? text, out DateOnly date) => TryParseExact(text, Formats, out date);

    /// <summary>A typed month; <paramref name="month"/> is its first day.</summary>
    public static bool TryParseMonth(string? text, out DateOnly month) => TryParseExact(text, MonthFormats, out month);

    private static bool TryParseExact(string? text, string[] formats, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var words = text.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        // Chinese dates carry no spaces (2026 年 12 月 → 2026年12月); English ones keep single spaces.
        var trimmed = words.Any(w => w.Contains('年') || w is "年" or "月" or "日") ? string.Concat(words) : string.Join(' ', words);
        return DateOnly.TryParseExact(trimmed, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}

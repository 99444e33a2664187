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

    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var words = text.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        // Chinese dates carry no spaces (2026 年 12 月 → 2026年12月); English ones keep single spaces.
        var trimmed = words.Any(w => w.Contains('年') || w is "年" or "月" or "日") ? string.Concat(words) : string.Join(' ', words);
        return DateOnly.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}

using System.Globalization;
using InvestTrack.Kernel;

namespace InvestTrack.Features.WeeklyDispatch;

/// <summary>
/// A dispatch week (周调度): Monday to Sunday on the city's calendar (UTC+8), numbered as ISO 8601 numbers weeks
/// (week 1 holds the year's first Thursday, so 29 December may open next year's week 1 and a year may have a week
/// 53). Written "2026-W50" in URLs and the API, and "2026年第50周（12月7日—12月13日）" on screen.
/// </summary>
public readonly record struct WeeklyDispatchWeek : IComparable<WeeklyDispatchWeek>
{
    private WeeklyDispatchWeek(DateOnly monday) => Monday = monday;

    public DateOnly Monday { get; }
    public DateOnly Sunday => Monday.AddDays(6);
    public int Year => ISOWeek.GetYear(Monday.ToDateTime(TimeOnly.MinValue));
    public int Number => ISOWeek.GetWeekOfYear(Monday.ToDateTime(TimeOnly.MinValue));

    public static WeeklyDispatchWeek Containing(DateOnly date) => new(date.AddDays(-(((int)date.DayOfWeek + 6) % 7)));

    /// <summary>The week the city is in at this moment.</summary>
    public static WeeklyDispatchWeek Current(TimeProvider clock) => Containing(ChinaTime.Today(clock));

    public static WeeklyDispatchWeek? Of(int year, int number) =>
        year is < 1900 or > 9000 || number < 1 || number > ISOWeek.GetWeeksInYear(year)
            ? null
            : new WeeklyDispatchWeek(DateOnly.FromDateTime(ISOWeek.ToDateTime(year, number, DayOfWeek.Monday)));

    /// <summary>"2026-W50" (also "2026W50", "2026-w50"); null when it names no week.</summary>
    public static WeeklyDispatchWeek? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Trim().ToUpperInvariant().Replace("-W", "W", StringComparison.Ordinal).Split('W');
        return parts.Length == 2 && parts[0].Length == 4 && parts[1].Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? Of(year, number) : null;
    }

    public WeeklyDispatchWeek Next => new(Monday.AddDays(7));
    public WeeklyDispatchWeek Previous => new(Monday.AddDays(-7));

    /// <summary>The moment (UTC) by which this week's dispatch is due: the configured day of this week at the configured time, China time.</summary>
    public DateTimeOffset Deadline(DayOfWeek day, TimeOnly time)
    {
        var date = Monday.AddDays(((int)day + 6) % 7);
        return new DateTimeOffset(date.ToDateTime(time), ChinaTime.Offset).ToUniversalTime();
    }

    /// <summary>The weeks from the one holding <paramref name="from"/> to the one holding <paramref name="to"/>, both included.</summary>
    public static IEnumerable<WeeklyDispatchWeek> Range(DateOnly from, DateOnly to)
    {
        for (var w = Containing(from); w.Monday <= to; w = w.Next) yield return w;
    }

    public override string ToString() => $"{Year:D4}-W{Number:D2}";

    /// <summary>2026年第50周（12月7日—12月13日）; a date outside the week's ISO year carries its year. English: 2026 week 50 (7 Dec – 13 Dec).</summary>
    public string Label(CultureInfo culture)
    {
        var year = Year;
        if (DisplayFormat.IsChinese(culture))
        {
            string Day(DateOnly d) => d.Year == year ? $"{d.Month}月{d.Day}日" : $"{d.Year}年{d.Month}月{d.Day}日";
            return $"{year}年第{Number}周（{Day(Monday)}—{Day(Sunday)}）";
        }
        string En(DateOnly d) => d.Year == year ? d.ToString("d MMM", CultureInfo.InvariantCulture) : d.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        return $"{year} week {Number} ({En(Monday)} – {En(Sunday)})";
    }

    public string Label() => Label(CultureInfo.CurrentUICulture);

    public int CompareTo(WeeklyDispatchWeek other) => Monday.CompareTo(other.Monday);

    public static bool operator <(WeeklyDispatchWeek a, WeeklyDispatchWeek b) => a.Monday < b.Monday;
    public static bool operator >(WeeklyDispatchWeek a, WeeklyDispatchWeek b) => a.Monday > b.Monday;
    public static bool operator <=(WeeklyDispatchWeek a, WeeklyDispatchWeek b) => a.Monday <= b.Monday;
    public static bool operator >=(WeeklyDispatchWeek a, WeeklyDispatchWeek b) => a.Monday >= b.Monday;
}

using System.Globalization;

namespace InvestTrack.Features.Activities;

/// <summary>
/// Year Y, months M1 to M2 (statistics.md "Period", widened to a range): an activity counts in it when its start date
/// lies from the first day of M1 to the last day of M2.
/// </summary>
public sealed record ActivityPeriod(int Year, int FromMonth, int ToMonth)
{
    /// <summary>Null when the year or a month is out of range or the months are reversed.</summary>
    public static ActivityPeriod? Of(int year, int from, int to) =>
        year is >= 1990 and <= 2200 && from is >= 1 and <= 12 && to is >= 1 and <= 12 && from <= to ? new ActivityPeriod(year, from, to) : null;

    public DateOnly First => new(Year, FromMonth, 1);
    public DateOnly Last => new(Year, ToMonth, DateTime.DaysInMonth(Year, ToMonth));

    /// <summary>"1月至8月"; "M月" alone for a single month (1月 as statistics.md says, and likewise 5月 for May alone).</summary>
    public string Label => FromMonth == ToMonth
        ? string.Create(CultureInfo.InvariantCulture, $"{ToMonth}月")
        : string.Create(CultureInfo.InvariantCulture, $"{FromMonth}月至{ToMonth}月");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}年{Label}");
}

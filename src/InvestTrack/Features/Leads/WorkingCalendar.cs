namespace InvestTrack.Features.Leads;

/// <summary>
/// Working days: Monday to Friday, except the calendar's 法定节假日, plus its 调休 weekend days. A clock of n working
/// days started on a date is due on the n-th working day after it (the start day itself never counts).
/// </summary>
public sealed class WorkingCalendar(IEnumerable<HolidayDate> dates)
{
    private readonly Dictionary<DateOnly, HolidayKind> _dates = dates.ToDictionary(d => d.Date, d => d.Kind);

    public static readonly WorkingCalendar WeekendsOnly = new([]);

    public bool IsWorkingDay(DateOnly day) => _dates.TryGetValue(day, out var kind)
        ? kind == HolidayKind.Workday
        : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = start;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) counted++;
        }
        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (0 when to ≤ from).</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
            if (IsWorkingDay(day)) count++;
        return count;
    }
}

using InvestTrack.Features.Targets;

namespace InvestTrack.Features.Bulletins;

/// <summary>Which months may have a bulletin, and how it is numbered.</summary>
public static class BulletinRules
{
    public const int MaxPreface = 2000;

    /// <summary>The years the targets accept (2000–2100).</summary>
    public static bool YearInRange(int year) => year is >= TargetIndicators.MinYear and <= TargetIndicators.MaxYear;

    /// <summary>A bulletin reports a month that has ended (China time): the last day must lie before today.</summary>
    public static bool Ended(int year, int month, DateOnly today) => new DateOnly(year, month, DateTime.DaysInMonth(year, month)) < today;

    /// <summary>The first working day of its month: working, and no working day before it since the 1st (调休 included).</summary>
    public static bool IsFirstWorkingDay(DateOnly day, Leads.WorkingCalendar calendar)
    {
        if (!calendar.IsWorkingDay(day)) return false;
        for (var d = new DateOnly(day.Year, day.Month, 1); d < day; d = d.AddDays(1))
            if (calendar.IsWorkingDay(d)) return false;
        return true;
    }

    /// <summary>"四平" → "四招通": the city's short name's first character and 招通 (招商局通报).</summary>
    public static string DefaultNumberPrefix(string cityShortName) => (cityShortName.Length > 0 ? cityShortName[..1] : "") + "招通";
}

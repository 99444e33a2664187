using InvestTrack.Features.Leads;

namespace InvestTrack.UnitTests.Leads;

/// <summary>Working days: weekends, 法定节假日, 调休 workdays and year ends, on the 2026 calendar the demo city carries.</summary>
public class WorkingCalendarTests
{
    private static readonly WorkingCalendar China2026 = new(HolidayCalendar.China2026());

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Weekends_do_not_count()
    {
        // Friday 2026-03-06 + 3 working days: Mon 9, Tue 10, Wed 11.
        Assert.Equal(D(2026, 3, 11), WorkingCalendar.WeekendsOnly.AddWorkingDays(D(2026, 3, 6), 3));
        // Started on a Saturday: the first working day is Monday.
        Assert.Equal(D(2026, 3, 9), WorkingCalendar.WeekendsOnly.AddWorkingDays(D(2026, 3, 7), 1));
        Assert.Equal(D(2026, 3, 6), WorkingCalendar.WeekendsOnly.AddWorkingDays(D(2026, 3, 6), 0));
    }

    [Fact]
    public void Holidays_do_not_count_and_adjusted_weekend_days_do()
    {
        // 国庆: 9-20 (Sunday) is worked; 10-1..7 are off; 10-10 (Saturday) is worked.
        Assert.True(China2026.IsWorkingDay(D(2026, 9, 20)));
        Assert.False(China2026.IsWorkingDay(D(2026, 10, 1)));
        Assert.True(China2026.IsWorkingDay(D(2026, 10, 10)));
        // Wednesday 9-30 + 3: Thu 10-8, Fri 10-9, Sat 10-10 (调休).
        Assert.Equal(D(2026, 10, 10), China2026.AddWorkingDays(D(2026, 9, 30), 3));
        // 春节: Friday 2-13 + 1 is Saturday 2-14 (调休); + 2 jumps the nine days off to Tuesday 2-24.
        Assert.Equal(D(2026, 2, 14), China2026.AddWorkingDays(D(2026, 2, 13), 1));
        Assert.Equal(D(2026, 2, 24), China2026.AddWorkingDays(D(2026, 2, 13), 2));
        Assert.Equal(2, China2026.WorkingDaysBetween(D(2026, 2, 13), D(2026, 2, 24)));
        // Without the calendar the same span is seven weekdays.
        Assert.Equal(7, WorkingCalendar.WeekendsOnly.WorkingDaysBetween(D(2026, 2, 13), D(2026, 2, 24)));
    }

    [Fact]
    public void Clocks_run_across_the_year_end()
    {
        // Wednesday 2025-12-31 + 3: 元旦 1-1..3 off, Sunday 1-4 worked (调休), then Mon 1-5, Tue 1-6.
        Assert.Equal(D(2026, 1, 6), China2026.AddWorkingDays(D(2025, 12, 31), 3));
        // Without a calendar for the next year, only weekends are skipped: Thursday 2026-12-31 + 1 is Friday 2027-01-01.
        Assert.Equal(D(2027, 1, 1), China2026.AddWorkingDays(D(2026, 12, 31), 1));
        Assert.Equal(D(2027, 1, 4), China2026.AddWorkingDays(D(2026, 12, 31), 2));
    }

    [Fact]
    public void The_demo_calendar_holds_the_2026_days_off_and_workdays()
    {
        var dates = HolidayCalendar.China2026().ToList();
        Assert.Equal(dates.Count, dates.Select(d => d.Date).Distinct().Count());
        Assert.Equal(6, dates.Count(d => d.Kind == HolidayKind.Workday));
        Assert.Equal(33, dates.Count(d => d.Kind == HolidayKind.DayOff));
        Assert.All(dates.Where(d => d.Kind == HolidayKind.Workday), d => Assert.True(d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, d.Date.ToString()));
    }
}

using System.Globalization;
using InvestTrack.Features.WeeklyDispatch;

namespace InvestTrack.UnitTests.WeeklyDispatch;

public class WeeklyDispatchWeekTests
{
    private static readonly CultureInfo Zh = new("zh-CN");
    private static readonly CultureInfo En = new("en");

    [Theory]
    [InlineData("2026-12-07", "2026-12-07", 2026, 50)] // Monday
    [InlineData("2026-12-13", "2026-12-07", 2026, 50)] // Sunday
    [InlineData("2026-12-05", "2026-11-30", 2026, 49)] // Saturday
    [InlineData("2025-12-31", "2025-12-29", 2026, 1)]  // a Wednesday of 2025 in week 1 of 2026
    [InlineData("2026-01-01", "2025-12-29", 2026, 1)]
    [InlineData("2027-01-03", "2026-12-28", 2026, 53)] // 2026 begins on a Thursday: it has a week 53
    [InlineData("2021-01-03", "2020-12-28", 2020, 53)]
    [InlineData("2021-01-04", "2021-01-04", 2021, 1)]
    [InlineData("2024-12-30", "2024-12-30", 2025, 1)]
    public void A_date_lies_in_the_ISO_week_from_its_Monday_to_its_Sunday(string date, string monday, int year, int number)
    {
        var week = WeeklyDispatchWeek.Containing(DateOnly.Parse(date, CultureInfo.InvariantCulture));
        Assert.Equal(DateOnly.Parse(monday, CultureInfo.InvariantCulture), week.Monday);
        Assert.Equal(week.Monday.AddDays(6), week.Sunday);
        Assert.Equal((year, number), (week.Year, week.Number));
        Assert.Equal(week, WeeklyDispatchWeek.Parse(week.ToString()));
    }

    [Fact]
    public void Labels_name_the_week_and_its_days_and_the_year_of_a_day_outside_the_weeks_year()
    {
        Assert.Equal("2026年第50周（12月7日—12月13日）", WeeklyDispatchWeek.Of(2026, 50)!.Value.Label(Zh));
        Assert.Equal("2026年第53周（12月28日—2027年1月3日）", WeeklyDispatchWeek.Of(2026, 53)!.Value.Label(Zh));
        Assert.Equal("2026年第1周（2025年12月29日—1月4日）", WeeklyDispatchWeek.Of(2026, 1)!.Value.Label(Zh));
        Assert.Equal("2026 week 50 (7 Dec – 13 Dec)", WeeklyDispatchWeek.Of(2026, 50)!.Value.Label(En));
        Assert.Equal("2026-W01", WeeklyDispatchWeek.Of(2026, 1)!.Value.ToString());
    }

    [Theory]
    [InlineData("2026-W53", true)]
    [InlineData("2025-W53", false)] // 2025 has 52 weeks
    [InlineData("2026w5", true)]
    [InlineData("2026-W00", false)]
    [InlineData("2026-12-07", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_a_week_that_exists_parses(string? text, bool parses) =>
        Assert.Equal(parses, WeeklyDispatchWeek.Parse(text) is not null);

    [Fact]
    public void The_week_after_53_is_week_1_of_the_next_year()
    {
        var w53 = WeeklyDispatchWeek.Of(2026, 53)!.Value;
        Assert.Equal((2027, 1), (w53.Next.Year, w53.Next.Number));
        Assert.Equal(w53, w53.Next.Previous);
    }

    [Fact]
    public void The_deadline_is_the_configured_day_and_time_in_China_and_17_00_exactly_is_on_time()
    {
        var options = new WeeklyDispatchOptions();
        var week = WeeklyDispatchWeek.Of(2026, 50)!.Value;
        var deadline = options.DeadlineOf(week);
        // Friday 11 December 2026 17:00 in China is 09:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 11, 9, 0, 0, TimeSpan.Zero), deadline);
        var atFive = new DateTimeOffset(2026, 12, 11, 17, 0, 0, TimeSpan.FromHours(8));
        Assert.False(atFive > deadline, "a submission at 17:00:00 exactly is not after the deadline");
        Assert.True(atFive.AddTicks(1) > deadline);
        options.Deadline = new WeeklyDispatchOptions.DeadlineOptions { Day = DayOfWeek.Sunday, Time = new TimeOnly(23, 59) };
        Assert.Equal(new DateTimeOffset(2026, 12, 13, 15, 59, 0, TimeSpan.Zero), options.DeadlineOf(week));
        options.Deadline = new WeeklyDispatchOptions.DeadlineOptions { Day = DayOfWeek.Monday, Time = new TimeOnly(7, 0) };
        // Monday 07:00 in China is still Sunday in UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 23, 0, 0, TimeSpan.Zero), options.DeadlineOf(week));
    }

    [Fact]
    public void The_current_week_follows_Chinas_calendar_not_UTCs()
    {
        // Sunday 13 December 2026 16:30 UTC is Monday 14 December 00:30 in China: week 51.
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 13, 16, 30, 0, TimeSpan.Zero));
        Assert.Equal(51, WeeklyDispatchWeek.Current(clock).Number);
    }

    [Fact]
    public void A_range_holds_every_week_that_touches_it()
    {
        var weeks = WeeklyDispatchWeek.Range(new DateOnly(2026, 12, 30), new DateOnly(2027, 1, 11)).ToList();
        Assert.Equal(["2026-W53", "2027-W01", "2027-W02"], weeks.Select(w => w.ToString()));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

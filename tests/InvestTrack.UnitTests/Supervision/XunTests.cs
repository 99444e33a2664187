using InvestTrack.Features.Supervision;

namespace InvestTrack.UnitTests.Supervision;

public class XunTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Theory]
    [InlineData(2026, 2, 28)] // February of a common year
    [InlineData(2028, 2, 29)] // leap year
    [InlineData(2026, 4, 30)]
    [InlineData(2026, 3, 31)]
    public void The_late_xun_ends_on_the_months_last_day(int year, int month, int lastDay)
    {
        var late = new Xun(year, month, XunPart.Late);
        Assert.Equal(D(year, month, 21), late.FirstDay);
        Assert.Equal(D(year, month, lastDay), late.LastDay);
        Assert.Equal(late, Xun.Containing(D(year, month, lastDay)));
        Assert.Equal(new Xun(year, month, XunPart.Early), late.Next.Previous.Previous.Previous);
    }

    [Theory]
    [InlineData(1, XunPart.Early)]
    [InlineData(10, XunPart.Early)]
    [InlineData(11, XunPart.Middle)]
    [InlineData(20, XunPart.Middle)]
    [InlineData(21, XunPart.Late)]
    [InlineData(31, XunPart.Late)]
    public void A_day_belongs_to_one_xun(int day, XunPart part)
    {
        var xun = Xun.Containing(D(2026, 3, day));
        Assert.Equal(new Xun(2026, 3, part), xun);
        Assert.True(xun.Contains(D(2026, 3, day)));
        Assert.False(xun.Contains(xun.LastDay.AddDays(1)));
        Assert.False(xun.Contains(xun.FirstDay.AddDays(-1)));
    }

    [Fact]
    public void Early_and_middle_xun_are_days_1_to_10_and_11_to_20()
    {
        Assert.Equal((D(2026, 2, 1), D(2026, 2, 10)), (new Xun(2026, 2, XunPart.Early).FirstDay, new Xun(2026, 2, XunPart.Early).LastDay));
        Assert.Equal((D(2026, 2, 11), D(2026, 2, 20)), (new Xun(2026, 2, XunPart.Middle).FirstDay, new Xun(2026, 2, XunPart.Middle).LastDay));
    }

    [Fact]
    public void A_moment_is_read_on_chinas_calendar()
    {
        // 2026-03-10 15:59:59 UTC is 23:59:59 in China (上旬); one second later it is 3-11 (中旬).
        Assert.Equal(new Xun(2026, 3, XunPart.Early), Xun.Containing(new DateTimeOffset(2026, 3, 10, 15, 59, 59, TimeSpan.Zero)));
        Assert.Equal(new Xun(2026, 3, XunPart.Middle), Xun.Containing(new DateTimeOffset(2026, 3, 10, 16, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Records_are_read_at_the_end_of_the_last_day_china_time()
    {
        var asOf = new Xun(2028, 2, XunPart.Late).RecordsAsOf;
        Assert.Equal(new DateTimeOffset(2028, 2, 29, 23, 59, 59, TimeSpan.FromHours(8)), asOf);
        Assert.Equal(TimeSpan.FromHours(8), asOf.Offset);
        Assert.Equal(new DateTimeOffset(2028, 2, 29, 15, 59, 59, TimeSpan.Zero), asOf.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 23, 59, 59, TimeSpan.FromHours(8)), new Xun(2026, 3, XunPart.Early).RecordsAsOf);
    }

    [Fact]
    public void Previous_and_next_cross_months_and_years()
    {
        Assert.Equal(new Xun(2025, 12, XunPart.Late), new Xun(2026, 1, XunPart.Early).Previous);
        Assert.Equal(new Xun(2027, 1, XunPart.Early), new Xun(2026, 12, XunPart.Late).Next);
        Assert.Equal(new Xun(2026, 3, XunPart.Early), new Xun(2026, 2, XunPart.Late).Next);
        Assert.Equal(new Xun(2026, 3, XunPart.Late), new Xun(2026, 3, XunPart.Middle).Next);
        Assert.Equal(new Xun(2026, 2, XunPart.Late), new Xun(2026, 3, XunPart.Early).Previous);
    }

    [Fact]
    public void Label_and_short_form()
    {
        Assert.Equal("2026年3月上旬", new Xun(2026, 3, XunPart.Early).Label);
        Assert.Equal("2028年2月下旬", new Xun(2028, 2, XunPart.Late).Label);
        Assert.Equal("2026年12月中旬", new Xun(2026, 12, XunPart.Middle).Label);
        // In English (issue 13, item 10).
        Assert.Equal(("Early Mar 2026", "Mid Dec 2026", "Late Feb 2028"), (new Xun(2026, 3, XunPart.Early).Display(System.Globalization.CultureInfo.GetCultureInfo("en")),
            new Xun(2026, 12, XunPart.Middle).Display(System.Globalization.CultureInfo.GetCultureInfo("en")), new Xun(2028, 2, XunPart.Late).Display(System.Globalization.CultureInfo.GetCultureInfo("en"))));
        Assert.Equal("2026年3月上旬", new Xun(2026, 3, XunPart.Early).Display(System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("2026-03-1", new Xun(2026, 3, XunPart.Early).ToString());
        Assert.Equal("2026-12-3", new Xun(2026, 12, XunPart.Late).ToString());
    }

    [Theory]
    [InlineData("2026-03-1", 2026, 3, XunPart.Early)]
    [InlineData("2026-3-2", 2026, 3, XunPart.Middle)]
    [InlineData(" 2026-03-3 ", 2026, 3, XunPart.Late)]
    [InlineData("2026-03-上旬", 2026, 3, XunPart.Early)]
    [InlineData("2026-03-中", 2026, 3, XunPart.Middle)]
    [InlineData("2026年3月下旬", 2026, 3, XunPart.Late)]
    [InlineData("2026年12月上旬", 2026, 12, XunPart.Early)]
    public void Parses_the_short_form_and_the_label(string text, int year, int month, XunPart part)
    {
        Assert.True(Xun.TryParse(text, out var xun));
        Assert.Equal(new Xun(year, month, part), xun);
        Assert.Equal(xun, Xun.Parse(xun.ToString()));
        Assert.Equal(xun, Xun.Parse(xun.Label));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-03")]
    [InlineData("2026-03-4")]
    [InlineData("2026-03-0")]
    [InlineData("2026-13-1")]
    [InlineData("2026-00-1")]
    [InlineData("0000-01-1")]
    [InlineData("26-03-1")]
    [InlineData("2026年3月")]
    public void Refuses_what_is_not_a_xun(string? text)
    {
        Assert.False(Xun.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Xun.Parse(text ?? ""));
    }

    [Fact]
    public void Orders_by_time()
    {
        Assert.True(new Xun(2026, 2, XunPart.Late) < new Xun(2026, 3, XunPart.Early));
        Assert.True(new Xun(2026, 3, XunPart.Middle) > new Xun(2026, 3, XunPart.Early));
        Assert.True(new Xun(2025, 12, XunPart.Late) < new Xun(2026, 1, XunPart.Early));
    }

    [Fact]
    public void Refuses_an_impossible_xun()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Xun(2026, 13, XunPart.Early));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Xun(2026, 1, (XunPart)4));
    }
}

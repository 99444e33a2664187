using System.Globalization;
using InvestTrack.Kernel;

namespace InvestTrack.UnitTests;

public class DisplayFormatTests
{
    [Fact]
    public void Chinese_dates_read_as_the_users_write_them() =>
        Assert.Equal("2023年8月31日", DisplayFormat.Date(new DateOnly(2023, 8, 31), new CultureInfo("zh-CN")));

    [Fact]
    public void English_dates_are_unambiguous() =>
        Assert.Equal("31 Aug 2023", DisplayFormat.Date(new DateOnly(2023, 8, 31), new CultureInfo("en")));

    [Fact]
    public void Moments_are_shown_in_china_time() =>
        Assert.Equal("2023年9月1日 07:30:00", DisplayFormat.DateTime(new DateTimeOffset(2023, 8, 31, 23, 30, 0, TimeSpan.Zero), new CultureInfo("zh-CN")));

    [Theory]
    [InlineData("zh-CN", "11月", "2025年3月", "2026年1月至11月", "2026年1月", "：", "（停滞）")]
    [InlineData("en", "Nov", "Mar 2025", "Jan–Nov 2026", "Jan 2026", ": ", " (停滞)")]
    public void Months_and_periods_in_the_users_language(string culture, string month, string monthOfYear, string toDate, string january, string colon, string bracketed)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            Assert.Equal([month, monthOfYear, toDate, january, colon, bracketed],
                [DisplayFormat.Month(11), DisplayFormat.MonthOfYear(2025, 3), DisplayFormat.MonthsToDate(2026, 11), DisplayFormat.MonthsToDate(2026, 1), DisplayFormat.Colon,
                    DisplayFormat.Bracketed("停滞")]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

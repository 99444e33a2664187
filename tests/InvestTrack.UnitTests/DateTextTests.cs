using InvestTrack.Kernel;

namespace InvestTrack.UnitTests;

/// <summary>The date field reads dates as people type them, in either language, and nothing else.</summary>
public sealed class DateTextTests
{
    [Theory]
    [InlineData("2026年12月6日")]
    [InlineData("2026 年 12 月 6 日")]
    [InlineData("2026-12-6")]
    [InlineData("2026-12-06")]
    [InlineData(" 2026/12/06 ")]
    [InlineData("2026.12.6")]
    [InlineData("20261206")]
    [InlineData("6 Dec 2026")]
    [InlineData("6 December 2026")]
    [InlineData("Dec 6, 2026")]
    public void Reads_the_ways_people_write_a_date(string text)
    {
        Assert.True(DateText.TryParse(text, out var date), text);
        Assert.Equal(new DateOnly(2026, 12, 6), date);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("明天")]
    [InlineData("2026-13-01")]
    [InlineData("2026-2-30")]
    [InlineData("12/06/2026")]
    [InlineData("2026-12-6<script>")]
    public void Refuses_what_is_no_date_or_is_ambiguous(string? text) => Assert.False(DateText.TryParse(text, out _));

    [Theory]
    [InlineData("2026年3月")]
    [InlineData("2026 年 3 月")]
    [InlineData("2026-3")]
    [InlineData("2026-03")]
    [InlineData(" 2026/03 ")]
    [InlineData("2026.3")]
    [InlineData("202603")]
    [InlineData("Mar 2026")]
    [InlineData("March 2026")]
    public void Reads_the_ways_people_write_a_month(string text)
    {
        Assert.True(DateText.TryParseMonth(text, out var month), text);
        Assert.Equal(new DateOnly(2026, 3, 1), month);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("上个月")]
    [InlineData("2026-13")]
    [InlineData("2026-3-1")]
    [InlineData("03/2026")]
    [InlineData("2026-03<b>")]
    public void Refuses_what_is_no_month(string? text) => Assert.False(DateText.TryParseMonth(text, out _));
}

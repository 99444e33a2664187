using System.Globalization;
using InvestTrack.Features.Funds;

namespace InvestTrack.Features.Statistics;

/// <summary>
/// A reporting period: year Y, months 1 to M (statistics.md). Funds months are yyyymm integers, so a
/// period is the integer range <see cref="FirstMonth"/>..<see cref="LastMonth"/> in SQL.
/// </summary>
public sealed record Period
{
    public int Year { get; }
    public int Month { get; }

    private Period(int year, int month) => (Year, Month) = (year, month);

    /// <summary>Null when the year or month is out of range, so that bad input never reaches a query.</summary>
    public static Period? Of(int year, int month) =>
        year is >= 1990 and <= 2200 && month is >= 1 and <= 12 ? new Period(year, month) : null;

    public int FirstMonth => FundsRecord.PeriodOf(Year, 1);
    public int LastMonth => FundsRecord.PeriodOf(Year, Month);
    public DateOnly YearStart => new(Year, 1, 1);
    /// <summary>The last day of month M ("截至M月末").</summary>
    public DateOnly End => new(Year, Month, DateTime.DaysInMonth(Year, Month));

    /// <summary>
    /// The last month that has ended on <paramref name="today"/>: the default period of the reports (December of last year in
    /// January), since the current month's figures are still coming in.
    /// </summary>
    public static (int Year, int Month) LastCompleteMonth(DateOnly today)
    {
        var last = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return (last.Year, last.Month);
    }

    /// <summary>The same months of the year before.</summary>
    public Period LastYear => new(Year - 1, Month);

    /// <summary>"1月至8月", or "1月" alone for January.</summary>
    public string Label => Month == 1 ? "1月" : string.Create(CultureInfo.InvariantCulture, $"1月至{Month}月");

    /// <summary>"8月末", as in 截至8月末.</summary>
    public string EndLabel => string.Create(CultureInfo.InvariantCulture, $"{Month}月末");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}年{Label}");
}

using System.Globalization;
using System.Text.RegularExpressions;
using InvestTrack.Kernel;

namespace InvestTrack.Features.Supervision;

/// <summary>The three parts of a month; the numbers are the digit of the short form (2026-03-1).</summary>
public enum XunPart { Early = 1, Middle = 2, Late = 3 }

/// <summary>
/// A 旬 (docs/supervision.md): 上旬 days 1–10, 中旬 11–20, 下旬 21 to the month's last day. A warning run belongs to one
/// 旬 and reads the records as they are at <see cref="RecordsAsOf"/>. The default value (year 0) is not a 旬: build one
/// with the constructor, <see cref="Containing"/> or <see cref="TryParse"/>.
/// </summary>
public readonly partial record struct Xun : IComparable<Xun>
{
    public Xun(int year, int month, XunPart part)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        if (!Enum.IsDefined(part)) throw new ArgumentOutOfRangeException(nameof(part));
        Year = year;
        Month = month;
        Part = part;
    }

    public int Year { get; }
    public int Month { get; }
    public XunPart Part { get; }

    public DateOnly FirstDay => new(Year, Month, Part switch { XunPart.Early => 1, XunPart.Middle => 11, _ => 21 });

    /// <summary>10, 20, or the month's last day (28, 29, 30 or 31).</summary>
    public DateOnly LastDay => new(Year, Month, Part switch { XunPart.Early => 10, XunPart.Middle => 20, _ => DateTime.DaysInMonth(Year, Month) });

    /// <summary>
    /// 23:59:59 China time (UTC+8) on the last day, as the contract words it: the whole last day is inside the 旬,
    /// so a run repeated later for the same 旬 sees the same records.
    /// </summary>
    public DateTimeOffset RecordsAsOf => new(LastDay.ToDateTime(new TimeOnly(23, 59, 59)), ChinaTime.Offset);

    public bool Contains(DateOnly day) => day >= FirstDay && day <= LastDay;

    public static Xun Containing(DateOnly day) =>
        new(day.Year, day.Month, day.Day switch { <= 10 => XunPart.Early, <= 20 => XunPart.Middle, _ => XunPart.Late });

    /// <summary>The 旬 that holds a moment, read on China's calendar.</summary>
    public static Xun Containing(DateTimeOffset moment) => Containing(ChinaTime.DateOf(moment));

    public Xun Previous => Containing(FirstDay.AddDays(-1));

    public Xun Next => Containing(LastDay.AddDays(1));

    /// <summary>2026年3月上旬.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Year}年{Month}月{PartNames[(int)Part - 1]}");

    /// <summary>The label in a language: 2026年3月上旬 in Chinese; Early Mar 2026, Mid Mar 2026, Late Mar 2026 in English.</summary>
    public string Display(CultureInfo culture) => culture.TwoLetterISOLanguageName == "zh"
        ? Label
        : string.Create(CultureInfo.InvariantCulture, $"{EnglishParts[(int)Part - 1]} {CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(Month)} {Year}");

    private static readonly string[] EnglishParts = ["Early", "Mid", "Late"];

    /// <summary>2026-03-1: sorts as text, and <see cref="TryParse"/> reads it back.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{(int)Part}");

    public int CompareTo(Xun other) => (Year, Month, Part).CompareTo((other.Year, other.Month, other.Part));

    public static bool operator <(Xun left, Xun right) => left.CompareTo(right) < 0;
    public static bool operator >(Xun left, Xun right) => left.CompareTo(right) > 0;
    public static bool operator <=(Xun left, Xun right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Xun left, Xun right) => left.CompareTo(right) >= 0;

    private static readonly string[] PartNames = ["上旬", "中旬", "下旬"];

    /// <summary>
    /// Reads 2026-03-1 (also 2026-3-1, 2026-03-上, 2026-03-上旬) and the label 2026年3月上旬; 1/2/3 are 上/中/下旬.
    /// </summary>
    public static bool TryParse(string? text, out Xun xun)
    {
        xun = default;
        var match = ShortForm().Match(text?.Trim() ?? "");
        if (!match.Success) match = LabelForm().Match(text?.Trim() ?? "");
        if (!match.Success) return false;
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var part = match.Groups["p"].Value[0] switch { '1' or '上' => XunPart.Early, '2' or '中' => XunPart.Middle, '3' or '下' => XunPart.Late, _ => (XunPart)0 };
        if (year < 1 || month is < 1 or > 12 || part == 0) return false;
        xun = new Xun(year, month, part);
        return true;
    }

    public static Xun Parse(string text) =>
        TryParse(text, out var xun) ? xun : throw new FormatException($"“{text}”不是旬，应为 2026-03-1（上旬）、2026-03-2（中旬）或 2026-03-3（下旬）");

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<p>[123]|[上中下]旬?)$")]
    private static partial Regex ShortForm();

    [GeneratedRegex(@"^(?<y>[0-9]{4})年(?<m>[0-9]{1,2})月(?<p>[上中下])旬$")]
    private static partial Regex LabelForm();
}

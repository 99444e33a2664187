using System.Globalization;
using InvestTrack.Kernel;
using MudBlazor;

namespace InvestTrack.Components;

/// <summary>
/// A month field's text: shown as 2026年3月 in Chinese and 2026-03 otherwise, read back from whatever DateText.TryParseMonth
/// accepts, so that a month can be typed as readily as it is picked (the keyboard's way in: the picker's months lie in a
/// popover that Tab does not reach).
/// </summary>
/// <param name="invalidMessage">What the field says under typed text that is no month.</param>
public sealed class MonthTextConverter(Func<string> invalidMessage) : IReversibleConverter<DateTime?, string?>
{
    public static string Format(CultureInfo culture) => DisplayFormat.IsChinese(culture) ? "yyyy年M月" : "yyyy-MM";

    public string? Convert(DateTime? input) =>
        input is { } value ? value.ToString(Format(CultureInfo.CurrentUICulture), CultureInfo.InvariantCulture) : null;

    public DateTime? ConvertBack(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        if (DateText.TryParseMonth(input, out var month)) return month.ToDateTime(TimeOnly.MinValue);
        throw new FormatException(invalidMessage());
    }
}

using System.Globalization;
using InvestTrack.Kernel;
using MudBlazor;

namespace InvestTrack.Components;

/// <summary>
/// Shows a picked date as the reader writes dates (DisplayFormat.Date) and reads back whatever DateText accepts, so the
/// field answers the user's language, never the browser's.
/// </summary>
/// <param name="invalidMessage">What the field says under typed text that is no date (MudBlazor shows the exception's message).</param>
public sealed class DateTextConverter(Func<string> invalidMessage) : IReversibleConverter<DateTime?, string?>
{
    public string? Convert(DateTime? input) =>
        input is { } value ? DisplayFormat.Date(DateOnly.FromDateTime(value), CultureInfo.CurrentUICulture) : null;

    public DateTime? ConvertBack(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        if (DateText.TryParse(input, out var date)) return date.ToDateTime(TimeOnly.MinValue);
        throw new FormatException(invalidMessage());
    }
}

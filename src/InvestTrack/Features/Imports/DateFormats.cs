using DocumentFormat.OpenXml.Spreadsheet;

namespace InvestTrack.Features.Imports;

/// <summary>
/// Which cell styles show a number as a date. Excel stores a date as a plain number (days since
/// 1899-12-30) and only the number format says it is a date.
/// </summary>
internal sealed class DateFormats
{
    private readonly HashSet<uint> dateStyles = [];

    private DateFormats() { }

    public bool IsDateStyle(uint? styleIndex) => styleIndex is uint index && dateStyles.Contains(index);

    public static DateFormats From(Stylesheet? stylesheet)
    {
        var result = new DateFormats();
        if (stylesheet is null) return result;
        var custom = new Dictionary<uint, string>();
        foreach (var format in stylesheet.NumberingFormats?.Elements<NumberingFormat>() ?? [])
            if (format.NumberFormatId?.Value is uint id) custom[id] = format.FormatCode?.Value ?? "";
        uint index = 0;
        foreach (var cellFormat in stylesheet.CellFormats?.Elements<CellFormat>() ?? [])
        {
            var id = cellFormat.NumberFormatId?.Value ?? 0;
            if (custom.TryGetValue(id, out var code) ? IsDateFormatCode(code) : IsBuiltInDate(id)) result.dateStyles.Add(index);
            index++;
        }
        return result;
    }

    /// <summary>Excel's built-in date and time formats, the East Asian ones (27–36, 50–58) included.</summary>
    public static bool IsBuiltInDate(uint id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    /// <summary>
    /// A custom format is a date when, outside quoted text, escapes and [brackets], it has y, d, or m
    /// without h or s (with h or s, m means minutes: "h:mm" and "[h]:mm" are times, not dates).
    /// </summary>
    public static bool IsDateFormatCode(string code)
    {
        var section = code.Split(';')[0];
        bool y = false, m = false, d = false, h = false, s = false;
        for (var i = 0; i < section.Length; i++)
        {
            var c = char.ToLowerInvariant(section[i]);
            switch (c)
            {
                case '"': i = SkipTo(section, i, '"'); break;
                case '[':
                    var end = SkipTo(section, i, ']');
                    // [h]:mm is elapsed time; other brackets are colours, locales or conditions.
                    if (end > i + 1 && section[(i + 1)..Math.Min(end, section.Length)].All(ch => "hmsHMS".Contains(ch))) h = true;
                    i = end;
                    break;
                case '\\' or '_' or '*': i++; break; // the next character is literal or padding
                case 'y': y = true; break;
                case 'm': m = true; break;
                case 'd': d = true; break;
                case 'h': h = true; break;
                case 's': s = true; break;
            }
        }
        return y || d || (m && !h && !s);
    }

    private static int SkipTo(string text, int start, char end)
    {
        var i = text.IndexOf(end, start + 1);
        return i < 0 ? text.Length : i;
    }
}

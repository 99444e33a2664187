namespace InvestTrack.Kernel;

/// <summary>
/// Text cells of exported spreadsheets (CSV and .xlsx, written by <see cref="SpreadsheetExport"/>) are neutralised
/// against formula injection (docs/security.md 16): Excel and WPS treat text beginning with = + - @, a tab or a carriage
/// return as a formula or command when the file is opened, so such text gets a leading single quote and is shown,
/// never run. Number and date cells are not text and are left as they are (-5 stays a number).
/// </summary>
public static class SpreadsheetSafe
{
    private static readonly char[] Dangerous = ['=', '+', '-', '@', '\t', '\r', '\0'];

    public static string? Cell(string? text) =>
        string.IsNullOrEmpty(text) || Array.IndexOf(Dangerous, text[0]) < 0 ? text : "'" + text;

    /// <summary>A value as written into a CSV row: neutralised, then quoted per RFC 4180 when it needs to be.</summary>
    public static string CsvField(string? text)
    {
        var value = Cell(text) ?? "";
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

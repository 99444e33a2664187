namespace InvestTrack.Kernel;

/// <summary>
/// Cells of exported spreadsheets (CSV and .xlsx) are neutralised against formula injection (docs/security.md 16):
/// Excel and WPS treat text beginning with = + - @, a tab or a carriage return as a formula or command when
/// the file is opened, so such text gets a leading single quote and is shown, never run.
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

    /// <summary>A CSV file: UTF-8 with a byte-order mark (so that Excel reads Chinese), CRLF rows, every cell neutralised.</summary>
    public static byte[] Csv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new System.Text.StringBuilder();
        text.AppendJoin(',', headers.Select(CsvField)).Append("\r\n");
        foreach (var row in rows) text.AppendJoin(',', row.Select(CsvField)).Append("\r\n");
        return [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>An .xlsx file with one sheet of text cells, every cell neutralised; the header row is there even with no rows.</summary>
    public static byte[] Xlsx(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows, string sheetName)
    {
        using var table = new System.Data.DataTable();
        foreach (var header in headers) table.Columns.Add(header, typeof(string));
        foreach (var row in rows) table.Rows.Add([.. row.Select(Cell)]);
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, table, sheetName: sheetName);
        return stream.ToArray();
    }
}

using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace InvestTrack.Kernel;

/// <summary>
/// The one writer of exported spreadsheets. In .xlsx, amounts, counts and percentages are number cells with a
/// number format, dates are date cells shown yyyy-mm-dd, so that a list can be summed and sorted as it is; the
/// header row is bold and frozen and the columns have widths. Only text is neutralised against formula
/// injection (SECURITY.md 16): a number cell is never a formula, and -5 stays a number. CSV is UTF-8 with a
/// byte-order mark (so that Excel reads Chinese), RFC 4180, numbers as plain invariant digits.
/// Amounts are exact: stored hundredths become a decimal and are written as its digits, never through a double.
/// </summary>
public static class SpreadsheetExport
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";

    // Style indexes of the stylesheet below (cellXfs).
    private const uint HeaderStyle = 1, TextStyle = 2, AmountStyle = 3, CountStyle = 4, NumberStyle = 5, DateStyle = 6, PercentStyle = 7, WrapStyle = 8;
    /// <summary>The date format's id: the built-in date formats (14…) follow the reader's locale, this one does not.</summary>
    public const uint DateFormatId = 164;
    public const string DateFormatCode = "yyyy-mm-dd";
    private static readonly int Epoch = new DateOnly(1899, 12, 30).DayNumber;
    /// <summary>Column widths are fitted to the header and this many first rows.</summary>
    private const int SampledRows = 200;

    public static byte[] Xlsx(params IReadOnlyList<ExportSheet> sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();
            var list = new Sheets();
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                WriteSheet(part, sheet);
                list.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = sheet.Name });
            }
            workbook.Workbook = new Workbook(list);
        }
        return stream.ToArray();
    }

    public static byte[] Csv(ExportSheet sheet)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', sheet.Columns.Select(c => SpreadsheetSafe.CsvField(c.Header))).Append("\r\n");
        foreach (var row in sheet.Rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0) text.Append(',');
                var kind = sheet.Columns[i].Kind;
                text.Append(kind == CellKind.Text ? SpreadsheetSafe.CsvField((string?)row[i]) : Plain(kind, row[i]));
            }
            text.Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>
    /// A non-text value as digits: what the .xlsx cell holds and what CSV shows. 万元 keep their two decimals;
    /// 亿元 keep every decimal they have (up to six), so that a sum of the column is the exact total.
    /// </summary>
    public static string? Plain(CellKind kind, object? value) => value switch
    {
        null => null,
        long hundredths when kind == CellKind.Wan => Money.ToWan(hundredths).ToString("0.00", CultureInfo.InvariantCulture),
        long hundredths when kind == CellKind.Yi => (hundredths / (decimal)Money.HundredthsPerYi).ToString("0.00####", CultureInfo.InvariantCulture),
        long count when kind == CellKind.Count => count.ToString(CultureInfo.InvariantCulture),
        decimal number when kind == CellKind.Number => number.ToString(CultureInfo.InvariantCulture),
        decimal percent when kind == CellKind.Percent => (percent / 100m).ToString(CultureInfo.InvariantCulture),
        DateOnly date when kind == CellKind.Date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"a {kind} cell cannot hold {value.GetType().Name}"),
    };

    private static void WriteSheet(WorksheetPart part, ExportSheet sheet)
    {
        var columns = sheet.Columns;
        using var rows = sheet.Rows.GetEnumerator();
        var sample = new List<object?[]>();
        while (sample.Count < SampledRows && rows.MoveNext()) sample.Add(rows.Current);

        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        // The header row stays in view while scrolling.
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0 }));
        writer.WriteElement(new Columns(columns.Select((c, i) => new Column
        {
            Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width ?? FittedWidth(c, i, sample), CustomWidth = true,
        })));
        writer.WriteStartElement(new SheetData());
        var rowNumber = 1;
        WriteRow(writer, rowNumber, columns.Select(c => Text(c.Header, HeaderStyle)));
        foreach (var row in sample) WriteRow(writer, ++rowNumber, Cells(columns, row));
        while (rows.MoveNext()) WriteRow(writer, ++rowNumber, Cells(columns, rows.Current));
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, int number, IEnumerable<Cell?> cells)
    {
        writer.WriteStartElement(new Row { RowIndex = (uint)number });
        var column = 0;
        foreach (var cell in cells)
        {
            if (cell is not null)
            {
                cell.CellReference = ColumnName(column) + number.ToString(CultureInfo.InvariantCulture);
                writer.WriteElement(cell);
            }
            column++;
        }
        writer.WriteEndElement();
    }

    private static IEnumerable<Cell?> Cells(IReadOnlyList<ExportSheetColumn> columns, object?[] row)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            yield return row[i] is null ? null : column.Kind switch
            {
                CellKind.Text => Text(SpreadsheetSafe.Cell((string)row[i]!)!, column.Wrap ? WrapStyle : TextStyle),
                CellKind.Date => Number((((DateOnly)row[i]!).DayNumber - Epoch).ToString(CultureInfo.InvariantCulture), DateStyle),
                var kind => Number(Plain(kind, row[i])!, kind switch
                {
                    CellKind.Wan or CellKind.Yi => AmountStyle,
                    CellKind.Count => CountStyle,
                    CellKind.Percent => PercentStyle,
                    _ => NumberStyle,
                }),
            };
        }
    }

    private static Cell Number(string digits, uint style) => new() { StyleIndex = style, CellValue = new CellValue(digits) };

    private static Cell Text(string text, uint style) => new()
    {
        DataType = CellValues.InlineString, StyleIndex = style,
        InlineString = new InlineString(new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }),
    };

    /// <summary>Characters XML 1.0 cannot carry (NUL, most control characters, a lone surrogate) become U+FFFD instead of breaking the file.</summary>
    private static string XmlSafe(string text)
    {
        if (!text.Any(c => Unfit(c) || char.IsSurrogate(c))) return text;
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) result.Append(c).Append(text[++i]);
            else result.Append(Unfit(c) || char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        return result.ToString();

        static bool Unfit(char c) => c < ' ' && c is not ('\t' or '\n' or '\r') || c is '\uFFFE' or '\uFFFF';
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>Characters as Excel measures them: a Chinese character is about two digits wide.</summary>
    private static double FittedWidth(ExportSheetColumn column, int index, List<object?[]> sample)
    {
        var widest = Math.Max(DisplayWidth(column.Header) + 2, 8); // the header is bold
        foreach (var row in sample)
        {
            var shown = row[index] switch
            {
                null => "",
                string text => text,
                var value => Shown(column.Kind, value),
            };
            widest = Math.Max(widest, DisplayWidth(shown) + 1);
        }
        return Math.Min(widest + 1, 60);
    }

    private static string Shown(CellKind kind, object value) => kind switch
    {
        CellKind.Wan or CellKind.Yi => decimal.Parse(Plain(kind, value)!, CultureInfo.InvariantCulture).ToString("#,##0.00", CultureInfo.InvariantCulture),
        CellKind.Percent => ((decimal)value).ToString("0.00", CultureInfo.InvariantCulture) + "%",
        _ => Plain(kind, value)!,
    };

    private static int DisplayWidth(string text) => text.Sum(c => c >= '\u2E80' ? 2 : 1);

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = DateFormatCode }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true, NumberFormatId = 49, ApplyNumberFormat = true }, // header: bold text
            new CellFormat { NumberFormatId = 49, ApplyNumberFormat = true },                               // text "@"
            new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true },                                // amount "#,##0.00"
            new CellFormat { NumberFormatId = 1, ApplyNumberFormat = true },                                // count "0"
            new CellFormat { NumberFormatId = 0, ApplyNumberFormat = true },                                // number: General
            new CellFormat { NumberFormatId = DateFormatId, ApplyNumberFormat = true },                     // date yyyy-mm-dd
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true },                               // percent "0.00%"
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 49, ApplyNumberFormat = true, ApplyAlignment = true })
        { Count = 9 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}

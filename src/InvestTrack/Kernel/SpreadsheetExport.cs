using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace InvestTrack.Kernel;

/// <summary>
/// The one writer of exported spreadsheets. In .xlsx, amounts, counts and percentages are number cells with a
/// number format, dates are date cells shown yyyy-mm-dd, so that a list can be summed and sorted as it is; the
/// header row is bold and frozen and the columns have widths. Only text is neutralised against formula
/// injection (docs/security.md 16): a number cell is never a formula, and -5 stays a number. CSV is UTF-8 with a
/// byte-order mark (so that Excel reads Chinese), RFC 4180, numbers as plain invariant digits.
/// Amounts are exact: stored hundredths become a decimal and are written as its digits, never through a double.
/// Both formats stream: rows are read one at a time (an IAsyncEnumerable, e.g. EF Core's AsAsyncEnumerable) and the
/// file leaves in pieces of <see cref="ChunkBytes"/> as it is written, so an export of 100 000 rows holds about
/// one chunk, the compressor's window and the rows sampled for the widths, never the file or the list.
/// </summary>
public static class SpreadsheetExport
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";

    // Style indexes of the stylesheet below (cellXfs).
    private const string HeaderStyle = "1", TextStyle = "2", AmountStyle = "3", CountStyle = "4", NumberStyle = "5", DateStyle = "6", PercentStyle = "7", WrapStyle = "8";
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    private const string Declaration = """<?xml version="1.0" encoding="utf-8" standalone="yes"?>""";
    private static readonly System.Buffers.SearchValues<char> Markup = System.Buffers.SearchValues.Create("&<>");
    /// <summary>The date format's id: the built-in date formats (14…) follow the reader's locale, this one does not.</summary>
    public const uint DateFormatId = 164;
    public const string DateFormatCode = "yyyy-mm-dd";
    private static readonly int Epoch = new DateOnly(1899, 12, 30).DayNumber;
    /// <summary>Column widths are fitted to the header and this many first rows.</summary>
    private const int SampledRows = 200;

    /// <summary>The file goes out when this much has gathered (and at the end).</summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>Writes the workbook to <paramref name="output"/> (a response body: only asynchronous writes reach it).</summary>
    /// <param name="progress">Told of the rows written ("writing", rows, of the sheets' rows when known).</param>
    public static async Task WriteXlsxAsync(Stream output, IReadOnlyList<ExportSheet> sheets, CancellationToken ct = default, IProgress<WorkProgress>? progress = null)
    {
        var counter = new RowCounter(progress, sheets.All(s => s.RowCount is not null) ? sheets.Sum(s => s.RowCount!.Value) : null);
        // The zip writes synchronously into the chunk; the chunk goes out asynchronously, between rows.
        var chunk = new Chunk();
        using (var zip = new ZipArchive(chunk, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", ContentTypes(sheets.Count));
            Part(zip, "_rels/.rels", $"""<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="{Relationships}"><Relationship Id="rId1" Type="{OfficeDocument}" Target="xl/workbook.xml"/></Relationships>""");
            Part(zip, "xl/workbook.xml", Workbook(sheets));
            Part(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships(sheets.Count));
            Part(zip, "xl/styles.xml", Styles);
            for (var i = 0; i < sheets.Count; i++)
            {
                using var stream = zip.CreateEntry(SheetPath(i + 1), CompressionLevel.Fastest).Open();
                using var xml = new StreamWriter(stream, new UTF8Encoding(false), ChunkBytes);
                await WriteSheetAsync(xml, sheets[i], chunk, output, counter, ct);
            }
        }
        await chunk.SendAsync(output, ct);
        counter.Finish();
    }

    /// <summary>Writes one sheet as CSV to <paramref name="output"/>, streaming as <see cref="WriteXlsxAsync"/> does.</summary>
    public static async Task WriteCsvAsync(Stream output, ExportSheet sheet, CancellationToken ct = default, IProgress<WorkProgress>? progress = null)
    {
        var counter = new RowCounter(progress, sheet.RowCount);
        var chunk = new Chunk();
        using (var text = new StreamWriter(chunk, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), ChunkBytes, leaveOpen: true))
        {
            text.Write(string.Join(',', sheet.Columns.Select(c => SpreadsheetSafe.CsvField(c.Header))));
            text.Write("\r\n");
            await foreach (var row in sheet.Rows.WithCancellation(ct))
            {
                for (var i = 0; i < row.Length; i++)
                {
                    if (i > 0) text.Write(',');
                    var kind = sheet.Columns[i].Kind;
                    text.Write(kind == CellKind.Text ? SpreadsheetSafe.CsvField((string?)row[i]) : Plain(kind, row[i]));
                }
                text.Write("\r\n");
                counter.Row();
                if (chunk.Length >= ChunkBytes) await chunk.SendAsync(output, ct);
            }
        }
        await chunk.SendAsync(output, ct);
        counter.Finish();
    }

    /// <summary>The whole workbook in memory: for templates and tests, whose files are small.</summary>
    public static async Task<byte[]> XlsxAsync(params IReadOnlyList<ExportSheet> sheets)
    {
        using var memory = new MemoryStream();
        await WriteXlsxAsync(memory, sheets);
        return memory.ToArray();
    }

    /// <summary>The whole CSV in memory, byte-order mark first: for tests.</summary>
    public static async Task<byte[]> CsvAsync(ExportSheet sheet)
    {
        using var memory = new MemoryStream();
        await WriteCsvAsync(memory, sheet);
        return memory.ToArray();
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

    /// <summary>
    /// The worksheet's XML written straight to its part as text: an element object per cell (the SDK's DOM or
    /// OpenXmlWriter), or even XmlWriter's calls, cost seconds more for the largest list (200,000 projects). Only
    /// cell text comes from data, and <see cref="WriteText"/> escapes it; everything else is fixed markup and digits.
    /// The first rows are read ahead to fit the column widths; the rest are written as they arrive.
    /// </summary>
    private static async Task WriteSheetAsync(StreamWriter xml, ExportSheet sheet, Chunk chunk, Stream output, RowCounter counter, CancellationToken ct)
    {
        var columns = sheet.Columns;
        await using var rows = sheet.Rows.GetAsyncEnumerator(ct);
        var sample = new List<object?[]>();
        var more = true;
        while (sample.Count < SampledRows && (more = await rows.MoveNextAsync())) sample.Add(rows.Current);
        var names = columns.Select((_, i) => ColumnName(i)).ToArray();

        xml.Write($"""<?xml version="1.0" encoding="utf-8" standalone="yes"?><worksheet xmlns="{Main}">""");
        // The header row stays in view while scrolling.
        xml.Write("""<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>""");
        xml.Write("<cols>");
        for (var i = 0; i < columns.Count; i++)
        {
            var width = columns[i].Width ?? FittedWidth(columns[i], i, sample);
            xml.Write(string.Create(CultureInfo.InvariantCulture, $"""<col min="{i + 1}" max="{i + 1}" width="{width}" customWidth="1"/>"""));
        }
        xml.Write("</cols><sheetData><row r=\"1\">");
        for (var i = 0; i < columns.Count; i++) WriteText(xml, names[i], "1", columns[i].Header, HeaderStyle);
        xml.Write("</row>");
        var number = 1;
        foreach (var row in sample)
        {
            WriteRow(xml, columns, names, ++number, row);
            counter.Row();
        }
        sample.Clear();
        while (more && await rows.MoveNextAsync())
        {
            WriteRow(xml, columns, names, ++number, rows.Current);
            counter.Row();
            if (chunk.Length >= ChunkBytes) await chunk.SendAsync(output, ct);
        }
        xml.Write("</sheetData></worksheet>");
    }

    private static void WriteRow(StreamWriter xml, IReadOnlyList<ExportSheetColumn> columns, string[] names, int number, object?[] row)
    {
        var r = Digits(number);
        xml.Write("<row r=\"");
        xml.Write(r);
        xml.Write("\">");
        for (var i = 0; i < columns.Count; i++)
        {
            if (row[i] is not { } value) continue; // an empty value is no cell, not an empty string
            var column = columns[i];
            switch (column.Kind)
            {
                case CellKind.Text:
                    WriteText(xml, names[i], r, SpreadsheetSafe.Cell((string)value)!, column.Wrap ? WrapStyle : TextStyle);
                    break;
                case CellKind.Date:
                    WriteNumber(xml, names[i], r, Digits(((DateOnly)value).DayNumber - Epoch), DateStyle);
                    break;
                case var kind:
                    WriteNumber(xml, names[i], r, Plain(kind, value)!, kind switch
                    {
                        CellKind.Wan or CellKind.Yi => AmountStyle,
                        CellKind.Count => CountStyle,
                        CellKind.Percent => PercentStyle,
                        _ => NumberStyle,
                    });
                    break;
            }
        }
        xml.Write("</row>");
    }

    /// <summary>A number cell (no type attribute: "n"): its value is the digits, exactly as given.</summary>
    private static void WriteNumber(StreamWriter xml, string column, string row, string digits, string style)
    {
        xml.Write("<c r=\"");
        xml.Write(column);
        xml.Write(row);
        xml.Write("\" s=\"");
        xml.Write(style);
        xml.Write("\"><v>");
        xml.Write(digits);
        xml.Write("</v></c>");
    }

    /// <summary>An inline string cell; the text is escaped for XML and stripped of what XML cannot carry.</summary>
    private static void WriteText(StreamWriter xml, string column, string row, string text, string style)
    {
        xml.Write("<c r=\"");
        xml.Write(column);
        xml.Write(row);
        xml.Write("\" s=\"");
        xml.Write(style);
        xml.Write("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
        var safe = XmlSafe(text);
        if (safe.AsSpan().IndexOfAny(Markup) < 0) xml.Write(safe);
        else xml.Write(safe.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal));
        xml.Write("</t></is></c>");
    }

    private static string Digits(int n) => n.ToString(CultureInfo.InvariantCulture);

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

    // The package's fixed parts (ECMA-376 part 2: content types, relationships); the workbook and the styles come from
    // the SDK's elements, as they did when the SDK wrote the whole package.
    private static void Part(ZipArchive zip, string path, string xml)
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        writer.Write(xml);
    }

    private static string SheetPath(int number) => string.Create(CultureInfo.InvariantCulture, $"xl/worksheets/sheet{number}.xml");

    private static string ContentTypes(int sheets) =>
        $"""{Declaration}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"""
        + """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"""
        + """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"""
        + """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"""
        + string.Concat(Enumerable.Range(1, sheets).Select(n =>
            $"""<Override PartName="/{SheetPath(n)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""))
        + "</Types>";

    /// <summary>Sheet n is relationship rIdn; the styles come after the sheets.</summary>
    private static string WorkbookRelationships(int sheets) =>
        $"""{Declaration}<Relationships xmlns="{Relationships}">"""
        + string.Concat(Enumerable.Range(1, sheets).Select(n => string.Create(CultureInfo.InvariantCulture,
            $"""<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>""")))
        + string.Create(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>""")
        + "</Relationships>";

    private static string Workbook(IReadOnlyList<ExportSheet> sheets) => Declaration + new Workbook(new Sheets(sheets.Select((sheet, i) =>
        new Sheet { Id = string.Create(CultureInfo.InvariantCulture, $"rId{i + 1}"), SheetId = (uint)(i + 1), Name = sheet.Name }))).OuterXml;

    private static readonly string Styles = Declaration + Stylesheet().OuterXml;

    /// <summary>
    /// The rows written so far, told to the progress about every hundredth of the total (every 1 000 rows when the total is
    /// unknown) and once at the end, so that a bar moves smoothly without a report per row.
    /// </summary>
    private sealed class RowCounter(IProgress<WorkProgress>? progress, long? total)
    {
        private readonly long _step = total is { } t ? Math.Max(1, t / 100) : 1000;
        private long _done;

        public void Row()
        {
            if (progress is null) return;
            if (++_done % _step == 0) progress.Report(new WorkProgress("writing", _done, total));
        }

        public void Finish() => progress?.Report(new WorkProgress("writing", _done, total ?? _done));
    }

    /// <summary>
    /// Where the writers put their bytes (synchronously, as ZipArchive and StreamWriter do) until they are sent on to the
    /// response (asynchronously, as ASP.NET Core requires) — a bounded buffer between a synchronous writer and a network.
    /// </summary>
    private sealed class Chunk : Stream
    {
        private readonly MemoryStream _bytes = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _bytes.Length;
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public async Task SendAsync(Stream output, CancellationToken ct)
        {
            if (_bytes.Length == 0) return;
            await output.WriteAsync(_bytes.GetBuffer().AsMemory(0, (int)_bytes.Length), ct);
            _bytes.SetLength(0);
        }

        public override void Write(byte[] buffer, int offset, int count) => _bytes.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => _bytes.Write(buffer);
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

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

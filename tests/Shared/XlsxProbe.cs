using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace InvestTrack.Tests;

/// <summary>A cell as Excel will see it: its type ("n" number, "s" shared string, "inlineStr", "str"), its raw value and its number format.</summary>
public sealed record ProbeCell(string Reference, string Type, string Value, uint NumberFormatId, string FormatCode)
{
    public bool IsNumber => Type == "n";
    public bool IsText => Type is "s" or "inlineStr" or "str";
    public decimal Number => IsNumber ? decimal.Parse(Value, NumberStyles.Float, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"{Reference} is {Type}, not a number");
    public DateOnly Date => DateOnly.FromDayNumber(new DateOnly(1899, 12, 30).DayNumber + (int)Number);
}

/// <summary>One worksheet read with the OpenXML SDK: cells by row and header, the frozen rows and the column widths.</summary>
public sealed record ProbeSheet(string Name, IReadOnlyList<IReadOnlyList<ProbeCell?>> Rows, double FrozenRows, string? FrozenState, IReadOnlyList<double?> Widths)
{
    public IReadOnlyList<string> Headers => [.. Rows[0].Select(c => c?.Value ?? "")];

    /// <summary>The data rows' cells of the column with this header (null where a cell is empty).</summary>
    public IReadOnlyList<ProbeCell?> Column(string header)
    {
        var index = Headers.ToList().IndexOf(header);
        Assert.True(index >= 0, $"no column {header} in {string.Join(",", Headers)}");
        return [.. Rows.Skip(1).Select(r => index < r.Count ? r[index] : null)];
    }
}

public static class XlsxProbe
{
    /// <summary>Built-in formats by id (ECMA-376 part 1, 18.8.30), the ones exports use.</summary>
    private static readonly Dictionary<uint, string> BuiltIn = new() { [0] = "General", [1] = "0", [4] = "#,##0.00", [10] = "0.00%", [14] = "m/d/yyyy", [49] = "@" };

    public static IReadOnlyList<ProbeSheet> Read(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var custom = stylesheet?.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var formats = stylesheet?.CellFormats?.Elements<CellFormat>().Select(f => f.NumberFormatId?.Value ?? 0).ToList() ?? [];
        var sheets = new List<ProbeSheet>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
            var rows = new List<IReadOnlyList<ProbeCell?>>();
            foreach (var row in worksheet.Descendants<Row>())
            {
                var cells = new List<ProbeCell?>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference!.Value!);
                    while (cells.Count < column) cells.Add(null);
                    var type = cell.DataType is null ? "n" : cell.DataType.Value == CellValues.SharedString ? "s"
                        : cell.DataType.Value == CellValues.InlineString ? "inlineStr" : cell.DataType.Value == CellValues.String ? "str"
                        : cell.DataType.Value == CellValues.Number ? "n" : cell.DataType.InnerText ?? "?";
                    var value = type switch
                    {
                        "s" => shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)],
                        "inlineStr" => cell.InlineString!.InnerText,
                        _ => cell.CellValue?.Text ?? "",
                    };
                    var format = cell.StyleIndex is { } style ? formats[(int)style.Value] : 0u;
                    cells.Add(new ProbeCell(cell.CellReference.Value!, type, value, format,
                        custom.TryGetValue(format, out var code) ? code : BuiltIn.GetValueOrDefault(format, $"builtin {format}")));
                }
                rows.Add(cells);
            }
            var pane = worksheet.Descendants<Pane>().FirstOrDefault();
            var widths = new List<double?>();
            foreach (var col in worksheet.Descendants<Column>())
                for (var i = col.Min!.Value; i <= col.Max!.Value; i++)
                {
                    while (widths.Count < i - 1) widths.Add(null);
                    widths.Add(col.CustomWidth?.Value == true ? col.Width?.Value : null);
                }
            sheets.Add(new ProbeSheet(sheet.Name!.Value!, rows, pane?.VerticalSplit?.Value ?? 0, pane?.State?.InnerText, widths));
        }
        return sheets;
    }

    public static ProbeSheet Sheet(byte[] xlsx, string? name = null)
    {
        var sheets = Read(xlsx);
        return name is null ? sheets[0] : sheets.Single(s => s.Name == name);
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter)) index = index * 26 + (c - 'A' + 1);
        return index - 1;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using InvestTrack.Features.Imports;

namespace InvestTrack.IntegrationTests.Imports;

/// <summary>
/// The import template opened with the Open XML SDK, as Excel reads it: its sheets, headers, validations, the lists
/// they point at, the cell formats of its columns and the examples on 填表说明; and filled in as a user would.
/// </summary>
internal sealed partial class TemplateFile(byte[] bytes) : IDisposable
{
    private readonly SpreadsheetDocument _document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);

    private WorkbookPart Book => _document.WorkbookPart!;
    private IEnumerable<Sheet> AllSheets => Book.Workbook.Sheets!.Elements<Sheet>();

    public IReadOnlyList<string> SheetNames => [.. AllSheets.Select(s => s.Name!.Value!)];
    public IReadOnlyList<string> HiddenSheets => [.. AllSheets.Where(s => s.State?.Value == SheetStateValues.Hidden).Select(s => s.Name!.Value!)];

    public void Dispose() => _document.Dispose();

    private Worksheet Worksheet(string name) => ((WorksheetPart)Book.GetPartById(AllSheets.Single(s => s.Name == name).Id!)).Worksheet;

    public int RowCount(string sheet) => Worksheet(sheet).Descendants<Row>().Count();

    public IReadOnlyList<string> Headers(string sheet) => [.. Worksheet(sheet).Descendants<Row>().First().Elements<Cell>().Select(Text)];

    private static string Text(Cell cell) => cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "";

    private int Index(string sheet, string header)
    {
        var index = Headers(sheet).ToList().IndexOf(header);
        Assert.True(index >= 0, $"no column {header} on {sheet}");
        return index;
    }

    /// <summary>The one validation of the column, over rows 2 to the last row the import reads.</summary>
    public DataValidation Validation(string sheet, string header)
    {
        var letter = ColumnLetters.FromIndex(Index(sheet, header));
        var sqref = string.Create(CultureInfo.InvariantCulture, $"{letter}2:{letter}{TemplateWorkbook.LastRow}");
        return Assert.Single(Worksheet(sheet).Descendants<DataValidation>(), v => v.SequenceOfReferences!.InnerText == sqref);
    }

    public string Formula1(DataValidation validation) => validation.GetFirstChild<Formula1>()!.Text;

    /// <summary>The validation's type and bounds, and the number format of the column's cells.</summary>
    public (DataValidationValues Type, string Formula1, string? Formula2, string Format) Rule(string sheet, string header)
    {
        var v = Validation(sheet, header);
        return (v.Type!.Value, Formula1(v), v.GetFirstChild<Formula2>()?.Text, ColumnFormat(sheet, header));
    }

    private string ColumnFormat(string sheet, string header)
    {
        var number = (uint)Index(sheet, header) + 1;
        var column = Worksheet(sheet).Descendants<Column>().Single(c => c.Min!.Value <= number && number <= c.Max!.Value);
        return FormatOf(column.Style!.Value);
    }

    private string FormatOf(uint style)
    {
        var styles = Book.WorkbookStylesPart!.Stylesheet;
        var id = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)style).NumberFormatId?.Value ?? 0;
        var custom = styles.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(f => f.NumberFormatId!.Value == id);
        return custom?.FormatCode!.Value ?? id switch { 0 => "General", 1 => "0", 4 => "#,##0.00", 49 => "@", _ => $"builtin {id}" };
    }

    /// <summary>The texts of a range such as '下拉选项'!$A$2:$A$34.</summary>
    public IReadOnlyList<string> Range(string formula)
    {
        var match = RangeFormula().Match(formula);
        Assert.True(match.Success, formula);
        var cells = Worksheet(match.Groups["sheet"].Value).Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        var (from, to) = (int.Parse(match.Groups["from"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["to"].Value, CultureInfo.InvariantCulture));
        return [.. Enumerable.Range(from, to - from + 1).Select(r => Text(cells[match.Groups["col"].Value + r.ToString(CultureInfo.InvariantCulture)]))];
    }

    /// <summary>
    /// The examples on 填表说明, per sheet in the order of the sheet's headers: the 示例 cell (column E) of each column's
    /// row in the table under 工作表“…”; numbers as decimals, date cells as dates.
    /// </summary>
    public Dictionary<string, object?[]> Examples()
    {
        var result = new Dictionary<string, object?[]>();
        string? sheet = null;
        var values = new Dictionary<string, object?>();
        void Flush()
        {
            if (sheet is not null) result[sheet] = [.. Headers(sheet).Select(h => values.GetValueOrDefault(h))];
        }
        foreach (var row in Worksheet("填表说明").Descendants<Row>())
        {
            var cells = row.Elements<Cell>().ToList();
            if (cells.Count == 0) continue;
            var first = Text(cells[0]);
            if (SectionTitle().Match(first) is { Success: true } title)
            {
                Flush();
                (sheet, values) = (title.Groups["name"].Value, []);
            }
            else if (sheet is not null && first != "列名")
            {
                var example = cells.FirstOrDefault(c => c.CellReference!.Value!.StartsWith('E'));
                values[first] = example is null ? null : Value(example);
            }
        }
        Flush();
        return result;
    }

    private object Value(Cell cell)
    {
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString!.InnerText;
        var number = decimal.Parse(cell.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return FormatOf(cell.StyleIndex?.Value ?? 0).StartsWith("yyyy", StringComparison.Ordinal)
            ? DateOnly.FromDayNumber(new DateOnly(1899, 12, 30).DayNumber + (int)number) : number;
    }

    /// <summary>
    /// The template with one row typed into each named sheet (row 2), values in the sheet's column order: text as text,
    /// decimals as numbers, dates as date cells; each cell takes its column's format, as a cell typed in Excel does.
    /// </summary>
    public static byte[] Fill(byte[] template, Dictionary<string, object?[]> rows)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var book = document.WorkbookPart!;
            foreach (var (name, values) in rows)
            {
                var id = book.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name).Id!.Value!;
                var worksheet = ((WorksheetPart)book.GetPartById(id)).Worksheet;
                var columns = worksheet.Descendants<Column>().ToList();
                var row = new Row { RowIndex = 2 };
                for (var i = 0; i < values.Length; i++)
                {
                    if (values[i] is not { } value) continue;
                    var style = columns.Single(c => c.Min!.Value <= i + 1 && i + 1 <= c.Max!.Value).Style!.Value;
                    var cell = new Cell { CellReference = ColumnLetters.FromIndex(i) + "2", StyleIndex = style };
                    switch (value)
                    {
                        case string text:
                            (cell.DataType, cell.InlineString) = (CellValues.InlineString, new InlineString(new Text(text)));
                            break;
                        case decimal number:
                            cell.CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture));
                            break;
                        case DateOnly date:
                            cell.CellValue = new CellValue(TemplateWorkbook.Serial(date));
                            break;
                        default:
                            throw new ArgumentException($"no cell for {value.GetType().Name}", nameof(rows));
                    }
                    row.Append(cell);
                }
                worksheet.GetFirstChild<SheetData>()!.Append(row);
            }
        }
        return stream.ToArray();
    }

    [GeneratedRegex(@"^'(?<sheet>[^']+)'!\$(?<col>[A-Z]+)\$(?<from>\d+):\$\k<col>\$(?<to>\d+)$")]
    private static partial Regex RangeFormula();

    [GeneratedRegex("^工作表“(?<name>[^”]+)”")]
    private static partial Regex SectionTitle();
}

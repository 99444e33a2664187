using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace InvestTrack.UnitTests.Imports;

/// <summary>Cell values the test workbooks understand beside string, numbers, DateOnly and bool.</summary>
internal sealed record Formula(string Text, string CachedValue);
internal sealed record Inline(string Text);
internal sealed record CustomDate(DateOnly Date);
internal sealed record RawNumber(string Text);

/// <summary>
/// Builds .xlsx files in memory for the reader tests. Strings go to the shared string table, dates
/// are number cells with a date style (built-in 14, or a custom 年月日 format), as Excel writes them.
/// </summary>
internal static class TestXlsx
{
    private const uint DateStyle = 1;
    private const uint CustomDateStyle = 2;

    public static byte[] Build(params (string Name, object?[][] Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook(new Sheets());
            AddStyles(workbookPart);
            var shared = workbookPart.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable();
            var sheetId = 1u;
            foreach (var (name, rows) in sheets)
            {
                var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < rows.Length; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < rows[r].Length; c++)
                        if (rows[r][c] is { } value) row.Append(MakeCell(value, $"{Letters(c)}{r + 1}", shared.SharedStringTable));
                    data.Append(row);
                }
                worksheetPart.Worksheet = new Worksheet(data);
                workbookPart.Workbook.Sheets!.Append(new Sheet { Name = name, SheetId = sheetId++, Id = workbookPart.GetIdOfPart(worksheetPart) });
            }
        }
        return stream.ToArray();
    }

    /// <summary>A sheet "项目" with a header and then <paramref name="emptyRows"/> empty rows, written by streaming.</summary>
    public static byte[] WithEmptyRows(int emptyRows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook(new Sheets());
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(worksheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                writer.WriteElement(new Row(new Cell { CellReference = "A1", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("项目编号")) }) { RowIndex = 1 });
                for (var r = 2; r <= emptyRows + 1; r++)
                {
                    writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", r.ToString(CultureInfo.InvariantCulture))]);
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbookPart.Workbook.Sheets!.Append(new Sheet { Name = "项目", SheetId = 1, Id = workbookPart.GetIdOfPart(worksheetPart) });
        }
        return stream.ToArray();
    }

    /// <summary>Replaces (or adds) one file inside a zip.</summary>
    public static byte[] WithEntry(byte[] zip, string entryName, byte[] content)
    {
        using var stream = new MemoryStream();
        stream.Write(zip);
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            archive.GetEntry(entryName)?.Delete();
            using var entry = archive.CreateEntry(entryName).Open();
            entry.Write(content);
        }
        return stream.ToArray();
    }

    public static string ReadEntry(byte[] zip, string entryName)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var reader = new StreamReader(archive.GetEntry(entryName)!.Open());
        return reader.ReadToEnd();
    }

    private static Cell MakeCell(object value, string reference, SharedStringTable shared)
    {
        var cell = new Cell { CellReference = reference };
        switch (value)
        {
            case string text:
                shared.Append(new SharedStringItem(new Text(text)));
                cell.DataType = CellValues.SharedString;
                cell.CellValue = new CellValue((shared.ChildElements.Count - 1).ToString(CultureInfo.InvariantCulture));
                break;
            case Inline inline:
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(inline.Text));
                break;
            case DateOnly date:
                cell.StyleIndex = DateStyle;
                cell.CellValue = new CellValue(Serial(date));
                break;
            case CustomDate custom:
                cell.StyleIndex = CustomDateStyle;
                cell.CellValue = new CellValue(Serial(custom.Date));
                break;
            case bool flag:
                cell.DataType = CellValues.Boolean;
                cell.CellValue = new CellValue(flag ? "1" : "0");
                break;
            case Formula formula:
                cell.CellFormula = new CellFormula(formula.Text);
                cell.CellValue = new CellValue(formula.CachedValue);
                break;
            case RawNumber raw:
                cell.CellValue = new CellValue(raw.Text);
                break;
            case IFormattable number:
                cell.CellValue = new CellValue(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                throw new ArgumentException($"No cell for {value.GetType()}");
        }
        return cell;
    }

    private static string Serial(DateOnly date) => (date.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture);

    private static void AddStyles(WorkbookPart workbookPart)
    {
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy\"年\"m\"月\"d\"日\"" }) { Count = 1 },
            new Fonts(new Font()) { Count = 1 },
            new Fills(new Fill()) { Count = 1 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0 },
                new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true })
            { Count = 3 });
    }

    private static string Letters(int index) => index < 26 ? ((char)('A' + index)).ToString() : Letters(index / 26 - 1) + (char)('A' + index % 26);
}

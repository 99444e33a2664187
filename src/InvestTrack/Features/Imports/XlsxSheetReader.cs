using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace InvestTrack.Features.Imports;

/// <summary>
/// Streams one worksheet part row by row (SAX), so a huge sheet is refused at the row cap without
/// being loaded. Only one cell at a time is materialised.
/// </summary>
internal sealed class XlsxSheetReader(IReadOnlyList<string> sharedStrings, DateFormats dates, bool date1904)
{
    private static readonly DateOnly Epoch1900 = new(1899, 12, 30);
    private static readonly DateOnly Epoch1904 = new(1904, 1, 1);

    public void Read(WorksheetPart part, SheetCollector sheet)
    {
        using var reader = OpenXmlReader.Create(part);
        var rowNumber = 0;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            rowNumber = RowNumberOf(reader) ?? rowNumber + 1;
            if (!sheet.BeginRow(rowNumber)) return;
            var column = -1;
            if (reader.ReadFirstChild())
            {
                do
                {
                    if (reader.ElementType != typeof(Cell)) continue;
                    var cell = (Cell)reader.LoadCurrentElement()!;
                    column = ColumnLetters.TryParseReference(cell.CellReference?.Value, out var c, out _) ? c : column + 1;
                    ReadCell(cell, column, sheet);
                } while (reader.ReadNextSibling());
            }
            sheet.EndRow();
        }
    }

    private static int? RowNumberOf(OpenXmlReader reader)
    {
        foreach (var attribute in reader.Attributes)
            if (attribute.LocalName == "r" && int.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0)
                return r;
        return null;
    }

    private void ReadCell(Cell cell, int column, SheetCollector sheet)
    {
        var raw = cell.CellValue?.Text ?? "";
        if (cell.CellFormula is not null)
        {
            // Never evaluated and never taken from the cached value: it may be stale or not what the user sees.
            sheet.Refuse(column, ImportCodes.Formula, "=" + cell.CellFormula.Text);
            return;
        }
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Count)
                sheet.AddCell(column, LedgerCell.FromText(sharedStrings[index]));
            else
                sheet.Refuse(column, ImportCodes.CellUnreadable, raw, raw);
        }
        else if (type == CellValues.InlineString) sheet.AddCell(column, LedgerCell.FromText(XlsxText.Of(cell.InlineString)));
        else if (type == CellValues.String) sheet.AddCell(column, LedgerCell.FromText(raw));
        else if (type == CellValues.Boolean) sheet.AddCell(column, LedgerCell.FromBoolean(raw.Trim() == "1"));
        else if (type == CellValues.Error) sheet.Refuse(column, ImportCodes.CellError, raw, raw);
        else if (type == CellValues.Date) AddIsoDate(raw, column, sheet);
        else if (raw.Length > 0) AddNumber(raw, dates.IsDateStyle(cell.StyleIndex?.Value), column, sheet);
    }

    /// <summary>Numbers are parsed from the stored text as decimals, never through double, so 1234.56 stays exact.</summary>
    private void AddNumber(string raw, bool isDate, int column, SheetCollector sheet)
    {
        if (!decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            sheet.Refuse(column, ImportCodes.CellUnreadable, raw, raw);
            return;
        }
        if (!isDate)
        {
            sheet.AddCell(column, LedgerCell.FromNumber(number, raw));
            return;
        }
        // The time of day, if any, is dropped: the ledgers hold dates only.
        var days = decimal.Floor(number);
        if (days < 0 || days > 2_958_465) // 9999-12-31
        {
            sheet.Refuse(column, ImportCodes.CellUnreadable, raw, raw);
            return;
        }
        sheet.AddCell(column, LedgerCell.FromDate((date1904 ? Epoch1904 : Epoch1900).AddDays((int)days)));
    }

    /// <summary>Cells of type "d" (strict OOXML and some tools) hold an ISO 8601 date as text.</summary>
    private static void AddIsoDate(string raw, int column, SheetCollector sheet)
    {
        if (DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date))
            sheet.AddCell(column, LedgerCell.FromDate(DateOnly.FromDateTime(date)));
        else
            sheet.Refuse(column, ImportCodes.CellUnreadable, raw, raw);
    }
}

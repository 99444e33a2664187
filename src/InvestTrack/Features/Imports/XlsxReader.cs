using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace InvestTrack.Features.Imports;

/// <summary>
/// Reads an .xlsx that <see cref="ZipGuard"/> has already cleared. Sheet names and order come from
/// xl/workbook.xml; chart sheets and other non-worksheets are skipped.
/// </summary>
internal static class XlsxReader
{
    public static LedgerWorkbook? Read(Stream zip, string fileName, ImportLimits limits, ProblemSink problems)
    {
        zip.Position = 0;
        // A third guard after ZipGuard: the XML reader itself stops at this many characters per part.
        var settings = new OpenSettings { MaxCharactersInPart = limits.MaxUncompressedBytes };
        using var document = SpreadsheetDocument.Open(zip, false, settings);
        var workbookPart = document.WorkbookPart;
        if (workbookPart?.Workbook is not { } workbook)
        {
            problems.Add(fileName, null, null, ImportCodes.NotLedgerFile);
            return null;
        }
        var date1904 = workbook.WorkbookProperties?.Date1904?.Value == true;
        var dates = DateFormats.From(workbookPart.WorkbookStylesPart?.Stylesheet);
        var cells = new XlsxSheetReader(XlsxText.LoadSharedStrings(workbookPart.SharedStringTablePart), dates, date1904);

        var sheets = new List<LedgerSheet>();
        foreach (var sheet in workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Id?.Value is not { } id || !workbookPart.TryGetPartById(id, out var part) || part is not WorksheetPart worksheet) continue;
            var collector = new SheetCollector(sheet.Name?.Value ?? "", limits, problems);
            cells.Read(worksheet, collector);
            sheets.Add(collector.Build());
        }
        return new LedgerWorkbook(sheets);
    }
}

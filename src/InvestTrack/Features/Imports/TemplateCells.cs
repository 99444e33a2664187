using System.Globalization;
using DocumentFormat.OpenXml.Spreadsheet;
using InvestTrack.Kernel;

namespace InvestTrack.Features.Imports;

/// <summary>Cells of the import template: text as inline strings (neutralised like every export's), numbers and dates as number cells.</summary>
internal static class TemplateCells
{
    public static Cell Text(string reference, string text, uint style) => new()
    {
        CellReference = reference, StyleIndex = style, DataType = CellValues.InlineString,
        InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(SpreadsheetSafe.Cell(text)!)),
    };

    /// <summary>An example value as the column takes it: 万元 and counts as numbers, dates and months as date cells.</summary>
    public static Cell Value(string reference, object value, uint style) => value switch
    {
        string text => Text(reference, text, style),
        decimal number => Number(reference, number.ToString(CultureInfo.InvariantCulture), style),
        int count => Number(reference, count.ToString(CultureInfo.InvariantCulture), style),
        DateOnly date => Number(reference, TemplateWorkbook.Serial(date), style),
        _ => throw new ArgumentException($"no template cell for {value.GetType().Name}", nameof(value)),
    };

    private static Cell Number(string reference, string digits, uint style) =>
        new() { CellReference = reference, StyleIndex = style, CellValue = new CellValue(digits) };

    /// <summary>Characters as Excel measures them: a Chinese character is about two digits wide.</summary>
    public static int DisplayWidth(string text) => text.Sum(c => c >= '\u2E80' ? 2 : 1);
}

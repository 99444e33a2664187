using DocumentFormat.OpenXml.Spreadsheet;
using InvestTrack.Kernel;

namespace InvestTrack.Features.Imports;

/// <summary>
/// The import template's cell formats (cellXfs indexes). A data column's format is its &lt;col&gt; style, so that what
/// the user types is kept as typed: codes and credit codes as text (18 digits would lose precision as a number), dates
/// shown yyyy-mm-dd whatever the locale, months yyyy-mm, amounts with two decimals.
/// </summary>
internal static class TemplateStyles
{
    public const uint HeaderOptional = 1, HeaderRequired = 2, Text = 3, Amount = 4, Date = 5, Month = 6, Count = 7, Title = 8, Note = 9, Section = 10;

    public const uint MonthFormatId = 165;
    public const string MonthFormatCode = "yyyy-mm";

    /// <summary>The format of a column's cells, and of its example on 填表说明.</summary>
    public static uint For(TemplateInput input) => input switch
    {
        TemplateInput.Amount or TemplateInput.PositiveAmount => Amount,
        TemplateInput.PastDate or TemplateInput.Date => Date,
        TemplateInput.Month => Month,
        TemplateInput.Count => Count,
        _ => Text,
    };

    public static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = SpreadsheetExport.DateFormatId, FormatCode = SpreadsheetExport.DateFormatCode },
            new NumberingFormat { NumberFormatId = MonthFormatId, FormatCode = MonthFormatCode })
        { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }),
            new Font(new Bold(), new FontSize { Val = 11 }),
            new Font(new Bold(), new FontSize { Val = 14 }))
        { Count = 3 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            Solid("FFD9D9D9"),  // optional column: grey
            Solid("FFF8CBAD")) // required column: orange, as 填表说明 says
        { Count = 4 },
        new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(Thin(new LeftBorder()), Thin(new RightBorder()), Thin(new TopBorder()), Thin(new BottomBorder()), new DiagonalBorder()))
        { Count = 2 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            Header(fill: 2),
            Header(fill: 3),
            Top(49),                                   // text "@"
            Top(4),                                    // amount "#,##0.00"
            Top(SpreadsheetExport.DateFormatId),       // date yyyy-mm-dd
            Top(MonthFormatId),                        // month yyyy-mm
            Top(1),                                    // count "0"
            new CellFormat { FontId = 2, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 49, ApplyNumberFormat = true, ApplyAlignment = true },
            new CellFormat { FontId = 1, ApplyFont = true })
        { Count = 11 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    private static Fill Solid(string argb) =>
        new(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });

    private static T Thin<T>(T border) where T : BorderPropertiesType
    {
        border.Style = BorderStyleValues.Thin;
        border.Append(new Color { Auto = true });
        return border;
    }

    private static CellFormat Header(uint fill) =>
        new(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true })
        {
            FontId = 1, FillId = fill, BorderId = 1, NumberFormatId = 49,
            ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyNumberFormat = true, ApplyAlignment = true,
        };

    /// <summary>Top-aligned, so that an example beside a long explanation on 填表说明 sits on its first line.</summary>
    private static CellFormat Top(uint numberFormat) =>
        new(new Alignment { Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = numberFormat, ApplyNumberFormat = true, ApplyAlignment = true };
}

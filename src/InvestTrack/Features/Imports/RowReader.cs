using System.Globalization;
using InvestTrack.Kernel;

namespace InvestTrack.Features.Imports;

/// <summary>
/// Reads the cells of one ledger row by contract column, turning text, number and date cells into
/// values, and files a problem (sheet, row, Chinese column name) for each cell that does not fit.
/// A cell the reader already refused (a formula, an over-long text) fails the row without a second problem.
/// </summary>
internal sealed class RowReader(LedgerSheet sheet, LedgerRow row, HeaderMap map, CultureInfo? culture, List<ImportProblem> problems)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d"];

    public bool Failed { get; private set; }

    public int RowNumber => row.RowNumber;

    public void Problem(ColumnSpec column, string code, params object[] args)
    {
        Failed = true;
        problems.Add(new ImportProblem(sheet.Name, row.RowNumber, column.Chinese, code, ImportMessages.Format(code, culture, args)));
    }

    /// <summary>
    /// Trimmed text in NFC, or null when blank. A number or date cell gives the text it shows. Text the app would not
    /// store (Kernel/TextInput: control or bidirectional characters, only invisible ones) is a problem of the cell;
    /// a code loses its invisible characters.
    /// </summary>
    public string? Text(ColumnSpec column, bool required = false, int? maxLength = null, bool code = false)
    {
        var cell = Cell(column);
        if (cell is null) return null;
        var text = cell.IsBlank ? null : cell.Original.Trim();
        if (text is null)
        {
            if (required) Problem(column, ImportCodes.Required, column.Chinese);
            return null;
        }
        var multiLine = maxLength >= TextInput.MultiLineFrom;
        text = TextInput.Normalise(code ? TextInput.Code(text) : text, multiLine);
        switch (TextInput.Problem(text, multiLine))
        {
            case TextInput.Control: Problem(column, ImportCodes.TextControl); return null;
            case TextInput.Bidi: Problem(column, ImportCodes.TextBidi); return null;
            case TextInput.Blank: Problem(column, ImportCodes.TextBlank); return null;
        }
        if (code && text.Length == 0)
        {
            Problem(column, ImportCodes.TextBlank);
            return null;
        }
        if (maxLength is int max && text.Length > max)
        {
            Problem(column, ImportCodes.TooLong, max);
            return null;
        }
        return text;
    }

    /// <summary>A number cell, or text that reads as a number (1234.5, 1,234.50).</summary>
    public decimal? Number(ColumnSpec column, bool required = false)
    {
        var cell = Cell(column);
        if (cell is null) return null;
        if (cell.IsBlank)
        {
            if (required) Problem(column, ImportCodes.Required, column.Chinese);
            return null;
        }
        if (cell.Kind == LedgerCellKind.Number) return cell.Number;
        if (cell.Kind == LedgerCellKind.Text && decimal.TryParse(cell.Original.Trim(),
                NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value))
            return value;
        Problem(column, ImportCodes.NotANumber, cell.Original);
        return null;
    }

    /// <summary>A real date cell, or text yyyy-mm-dd. A bare number is refused: it may be a date whose format was lost, or not.</summary>
    public DateOnly? Date(ColumnSpec column)
    {
        var cell = Cell(column);
        if (cell is null || cell.IsBlank) return null;
        if (cell.Kind == LedgerCellKind.Date) return cell.Date;
        if (cell.Kind == LedgerCellKind.Text &&
            DateOnly.TryParseExact(cell.Original.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        Problem(column, ImportCodes.NotADate, cell.Original);
        return null;
    }

    /// <summary>The cell, or null when the reader refused it (the row fails, the problem is already listed).</summary>
    private LedgerCell? Cell(ColumnSpec column)
    {
        var cell = map.CellOf(row, column);
        if (cell.Kind != LedgerCellKind.Refused) return cell;
        Failed = true;
        return null;
    }
}

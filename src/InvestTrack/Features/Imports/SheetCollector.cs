namespace InvestTrack.Features.Imports;

/// <summary>
/// Builds a <see cref="LedgerSheet"/> from rows as a reader streams them (CSV or xlsx alike), and
/// applies the sheet caps as it goes so that nothing past a cap is kept in memory.
/// </summary>
internal sealed class SheetCollector(string sheetName, ImportLimits limits, ProblemSink problems)
{
    private readonly List<LedgerRow> rows = [];
    private List<LedgerCell> cells = [];
    private IReadOnlyList<string> headers = [];
    private int headerRowNumber;
    private int physicalRows;
    private int rowNumber;
    private bool tooManyColumnsReported;

    public string SheetName => sheetName;

    /// <summary>
    /// Starts a row. False once the sheet is over the row cap — counted by physical rows and by row
    /// number, since xlsx rows may skip numbers — and the caller must stop reading the sheet.
    /// </summary>
    public bool BeginRow(int number)
    {
        physicalRows++;
        rowNumber = number;
        cells = [];
        if (physicalRows <= limits.MaxRowsPerSheet && number <= limits.MaxRowsPerSheet) return true;
        problems.Add(sheetName, null, null, ImportCodes.SheetTooManyRows, limits.MaxRowsPerSheet);
        return false;
    }

    public void AddCell(int column, LedgerCell cell)
    {
        if (!FitsColumns(column)) return;
        if (cell.Original.Length > limits.MaxCellLength)
        {
            Refuse(column, ImportCodes.CellTooLong, cell.Original[..Math.Min(20, cell.Original.Length)] + "…", limits.MaxCellLength);
            return;
        }
        Put(column, cell);
    }

    /// <summary>Records a problem for the cell and keeps it as refused, so validators skip it.</summary>
    public void Refuse(int column, string code, string original, params object[] args)
    {
        if (!FitsColumns(column)) return;
        problems.Add(sheetName, rowNumber, ColumnLetters.FromIndex(column), code, args);
        Put(column, LedgerCell.Refused(original));
    }

    /// <summary>A problem with the current row as a whole (a CSV record with broken quotes).</summary>
    public void RowProblem(string code, params object[] args) => problems.Add(sheetName, rowNumber, null, code, args);

    public void EndRow()
    {
        if (cells.All(c => c.IsBlank)) return; // skipped, but it was counted and numbers stay true
        if (headerRowNumber == 0)
        {
            headerRowNumber = rowNumber;
            headers = cells.Select(c => c.Original.Trim()).ToArray();
            return;
        }
        rows.Add(new LedgerRow(rowNumber, cells));
    }

    public LedgerSheet Build() => new(sheetName, headerRowNumber, headers, rows);

    private bool FitsColumns(int column)
    {
        if (column < limits.MaxColumns) return true;
        if (!tooManyColumnsReported) problems.Add(sheetName, rowNumber, null, ImportCodes.SheetTooManyColumns, limits.MaxColumns);
        tooManyColumnsReported = true;
        return false;
    }

    private void Put(int column, LedgerCell cell)
    {
        while (cells.Count <= column) cells.Add(LedgerCell.Empty);
        cells[column] = cell;
    }
}

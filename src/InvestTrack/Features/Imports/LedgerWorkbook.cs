namespace InvestTrack.Features.Imports;

/// <summary>What was read from an uploaded ledger: the sheets in workbook order (a CSV gives one).</summary>
public sealed record LedgerWorkbook(IReadOnlyList<LedgerSheet> Sheets);

/// <summary>
/// One sheet. <see cref="Headers"/> is the first non-empty row, trimmed, indexed by column (A = 0);
/// <see cref="Rows"/> are the non-empty rows below it. For a CSV the name is the file name, so that
/// the sheet is recognised by its header row, as the contract says.
/// </summary>
public sealed record LedgerSheet(string Name, int HeaderRowNumber, IReadOnlyList<string> Headers, IReadOnlyList<LedgerRow> Rows)
{
    /// <summary>True when the sheet has no non-empty row at all (a blank Sheet2, say).</summary>
    public bool IsBlank => HeaderRowNumber == 0;
}

/// <summary>A non-empty row: its number as Excel shows it, and its cells indexed by column (A = 0).</summary>
public sealed record LedgerRow(int RowNumber, IReadOnlyList<LedgerCell> Cells)
{
    /// <summary>The cell in column <paramref name="index"/>, empty when the row is shorter.</summary>
    public LedgerCell Cell(int index) => index >= 0 && index < Cells.Count ? Cells[index] : LedgerCell.Empty;
}

namespace InvestTrack.Features.Imports;

/// <summary>
/// The outcome of <see cref="LedgerReader.Read"/>. <see cref="Workbook"/> is null when the file could
/// not be read at all (wrong type, zip bomb, macros...). It is still given when only some cells or
/// sheets had problems, so that the row validator can add its own and the user gets every problem
/// at once; but any problem means nothing may be imported (the contract's all or nothing).
/// </summary>
public sealed record LedgerReadResult(LedgerWorkbook? Workbook, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Workbook is not null && Problems.Count == 0;
}

namespace InvestTrack.Features.Imports;

/// <summary>
/// One thing wrong with an uploaded ledger, located as the user sees it: the sheet, the row number
/// as Excel shows it (the header is row 1) and the column (a letter such as "C" for a cell, a column
/// name for header problems). <see cref="Code"/> is stable for code and tests, <see cref="Message"/>
/// is for people, in their language (<see cref="ImportMessages"/>).
/// </summary>
public sealed record ImportProblem(string Sheet, int? Row, string? Column, string Code, string Message);

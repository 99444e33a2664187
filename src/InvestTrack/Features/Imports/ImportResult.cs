namespace InvestTrack.Features.Imports;

/// <summary>How many rows an import creates, updates or leaves as they are, and how many companies it adds.</summary>
public sealed record ImportCounts(int Rows, int Created, int Updated, int Unchanged, int CompaniesCreated)
{
    public static readonly ImportCounts None = new(0, 0, 0, 0, 0);
}

/// <summary>What the 到位资金 rows of an import do; Audited counts the rows that come in (or stay) audited.</summary>
public sealed record FundsImportCounts(int Rows, int Created, int Updated, int Unchanged, int Audited);

/// <summary>A row as the preview shows it; amounts in hundredths of a 万元.</summary>
public sealed record ImportPreviewRow(int Row, string Code, string Name, string Investor, string Unit, long PlannedInvestment, IReadOnlyList<string> ChangedColumns);

/// <summary>
/// The answer of a preview or a commit. Any problem means nothing was (or would be) written;
/// warnings (an unknown column, a sheet not supported yet) do not stop the import.
/// </summary>
public sealed record ImportResult(
    string FileName, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<ImportProblem> Warnings, ImportCounts Counts,
    IReadOnlyList<ImportPreviewRow> ToCreate, IReadOnlyList<ImportPreviewRow> ToUpdate, bool Committed,
    FundsImportCounts? Funds = null, ActivityImportCounts? Activities = null)
{
    public bool Ok => Problems.Count == 0;

    public static ImportResult Failed(string fileName, IReadOnlyList<ImportProblem> problems, IReadOnlyList<ImportProblem> warnings) =>
        new(fileName, problems, warnings, ImportCounts.None, [], [], false);
}

using System.Globalization;

namespace InvestTrack.Features.Imports;

/// <summary>
/// Where each contract column is in a sheet. Column order does not matter (the contract says so);
/// unknown columns are warnings and are ignored, missing required and duplicate columns are problems.
/// Problems are placed on the header row.
/// </summary>
public sealed class HeaderMap
{
    private readonly Dictionary<int, ColumnSpec> columns;

    private HeaderMap(Dictionary<int, ColumnSpec> columns, IReadOnlyList<ImportProblem> problems, IReadOnlyList<ImportProblem> warnings)
    {
        this.columns = columns;
        Problems = problems;
        Warnings = warnings;
    }

    /// <summary>Column index (A = 0) → its contract column.</summary>
    public IReadOnlyDictionary<int, ColumnSpec> Columns => columns;
    public IReadOnlyList<ImportProblem> Problems { get; }
    public IReadOnlyList<ImportProblem> Warnings { get; }

    /// <summary>The column index of <paramref name="spec"/>, or null when the sheet lacks it.</summary>
    public int? IndexOf(ColumnSpec spec)
    {
        foreach (var (index, column) in columns)
            if (column == spec) return index;
        return null;
    }

    /// <summary>The row's cell in the column of <paramref name="spec"/>, empty when the sheet lacks the column.</summary>
    public LedgerCell CellOf(LedgerRow row, ColumnSpec spec) => IndexOf(spec) is int index ? row.Cell(index) : LedgerCell.Empty;

    public static HeaderMap Build(LedgerSheet sheet, SheetKind kind, CultureInfo? culture = null)
    {
        var catalogue = SheetKinds.Columns(kind);
        var map = new Dictionary<int, ColumnSpec>();
        var problems = new List<ImportProblem>();
        var warnings = new List<ImportProblem>();
        var row = sheet.HeaderRowNumber == 0 ? 1 : sheet.HeaderRowNumber;
        ImportProblem Problem(string column, string code) => new(sheet.Name, row, column, code, ImportMessages.Format(code, culture, column));

        for (var i = 0; i < sheet.Headers.Count; i++)
        {
            var header = sheet.Headers[i];
            if (header.Length == 0) continue;
            var spec = catalogue.FirstOrDefault(c => c.Matches(header));
            if (spec is null) warnings.Add(Problem(header, ImportCodes.UnknownColumn));
            else if (map.ContainsValue(spec)) problems.Add(Problem(header, ImportCodes.DuplicateColumn));
            else map[i] = spec;
        }
        foreach (var spec in catalogue.Where(c => c.Required && !map.ContainsValue(c)))
            problems.Add(Problem(spec.Chinese, ImportCodes.MissingColumn));
        return new HeaderMap(map, problems, warnings);
    }
}

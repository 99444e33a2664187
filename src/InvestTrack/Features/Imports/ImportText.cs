using System.Globalization;

namespace InvestTrack.Features.Imports;

/// <summary>A problem as one line of text, for the command line and logs: sheet!row column: message.</summary>
public static class ImportText
{
    public static string Line(ImportProblem p)
    {
        var where = p.Row is int row ? $"{p.Sheet}!{row.ToString(CultureInfo.InvariantCulture)}" : p.Sheet;
        return p.Column is null ? $"{where}: {p.Message}" : $"{where} {p.Column}: {p.Message}";
    }
}

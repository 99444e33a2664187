namespace InvestTrack.Features.Imports;

/// <summary>
/// A column of the import contract: its Chinese header, its English alias, and whether the header
/// row must have it. Whether a cell may be empty is the row validator's business (目的地 is
/// required for 走出去 only, so it is not required here).
/// </summary>
public sealed record ColumnSpec(string Chinese, string Alias, bool Required)
{
    /// <summary>
    /// The Chinese name, ignoring blanks and full-width parentheses (Chinese input methods type
    /// “（万元）”), or the alias in any letter case.
    /// </summary>
    public bool Matches(string header) =>
        Normalize(header) == Normalize(Chinese) || header.Trim().Equals(Alias, StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c))).Replace('（', '(').Replace('）', ')');
}

namespace InvestTrack.Components;

/// <summary>
/// A column of a list as the column chooser shows it: its key (stored in the user's preferences), its header, and
/// whether the user may hide it. A list names all its columns in the order of its cells, so that the n-th column is
/// the n-th cell of every row.
/// </summary>
public sealed record ListColumn(string Key, string Label, bool Hideable = true);

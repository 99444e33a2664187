namespace InvestTrack.Kernel;

/// <summary>What a column of an export holds, and so how its cells are written (<see cref="SpreadsheetExport"/>).</summary>
public enum CellKind
{
    /// <summary>Text, neutralised against formula injection (docs/security.md 16).</summary>
    Text,
    /// <summary>An amount in 万元 from stored hundredths (docs/decisions/0001-money.md): "#,##0.00".</summary>
    Wan,
    /// <summary>An amount in 亿元 from stored hundredths of a 万元, its exact value shown as "#,##0.00".</summary>
    Yi,
    /// <summary>A whole number: "0".</summary>
    Count,
    /// <summary>A number of mixed meaning (a target's value is 万元 or a count): General.</summary>
    Number,
    /// <summary>A date: a date cell shown as yyyy-mm-dd.</summary>
    Date,
    /// <summary>A percentage such as 34.5 (per cent), stored as the fraction 0.345 and shown as "0.00%".</summary>
    Percent,
}

/// <summary>
/// One column of an export: its header, its kind and how to read its value from a row. Made only through the
/// typed factories, so a column of amounts can only be given stored hundredths (a <see cref="long"/>), never a double.
/// </summary>
public sealed class ExportColumn<T>
{
    private ExportColumn(string header, CellKind kind, Func<T, object?> value, int? width, bool wrap)
    {
        Header = header;
        Kind = kind;
        Value = value;
        Width = width;
        Wrap = wrap;
    }

    public string Header { get; }
    public CellKind Kind { get; }
    internal Func<T, object?> Value { get; }
    /// <summary>Width in characters; null fits the header and the first rows.</summary>
    public int? Width { get; }
    public bool Wrap { get; }

    public static ExportColumn<T> Text(string header, Func<T, string?> value, int? width = null, bool wrap = false) =>
        new(header, CellKind.Text, value, width, wrap);

    public static ExportColumn<T> Wan(string header, Func<T, long?> hundredths, int? width = null) =>
        new(header, CellKind.Wan, r => hundredths(r), width, false);

    public static ExportColumn<T> Yi(string header, Func<T, long?> hundredths, int? width = null) =>
        new(header, CellKind.Yi, r => hundredths(r), width, false);

    public static ExportColumn<T> Count(string header, Func<T, long?> value, int? width = null) =>
        new(header, CellKind.Count, r => value(r), width, false);

    public static ExportColumn<T> Number(string header, Func<T, decimal?> value, int? width = null) =>
        new(header, CellKind.Number, r => value(r), width, false);

    public static ExportColumn<T> Date(string header, Func<T, DateOnly?> value, int? width = null) =>
        new(header, CellKind.Date, r => value(r), width, false);

    public static ExportColumn<T> Percent(string header, Func<T, decimal?> percent, int? width = null) =>
        new(header, CellKind.Percent, r => percent(r), width, false);
}

/// <summary>
/// One sheet of an export: a name, the columns and the rows, each row read once when the file is written. The rows
/// may come from memory or stream from the database (IAsyncEnumerable), read as the file goes out.
/// </summary>
public sealed class ExportSheet
{
    private ExportSheet(string name, IReadOnlyList<ExportSheetColumn> columns, IAsyncEnumerable<object?[]> rows, long? rowCount)
    {
        Name = name;
        Columns = columns;
        Rows = rows;
        RowCount = rowCount;
    }

    public string Name { get; }
    public IReadOnlyList<ExportSheetColumn> Columns { get; }
    internal IAsyncEnumerable<object?[]> Rows { get; }
    /// <summary>How many rows, when they were read before the file (a list): the total of the writer's progress.</summary>
    public long? RowCount { get; }

    public static ExportSheet Of<T>(string name, IEnumerable<T> rows, params IReadOnlyList<ExportColumn<T>> columns) =>
        Of(name, rows.ToAsyncEnumerable(), columns, rows is IReadOnlyCollection<T> list ? list.Count : null);

    public static ExportSheet Of<T>(string name, IAsyncEnumerable<T> rows, params IReadOnlyList<ExportColumn<T>> columns) => Of(name, rows, columns, null);

    private static ExportSheet Of<T>(string name, IAsyncEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns, long? rowCount)
    {
        // Excel refuses these in a sheet name, and longer names.
        if (name.Length is 0 or > 31 || name.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) >= 0)
            throw new ArgumentException($"'{name}' is not a valid sheet name", nameof(name));
        var read = columns.Select(c => c.Value).ToArray();
        return new ExportSheet(name, [.. columns.Select(c => new ExportSheetColumn(c.Header, c.Kind, c.Width, c.Wrap))], Cells(rows, read), rowCount);
    }

    private static async IAsyncEnumerable<object?[]> Cells<T>(IAsyncEnumerable<T> rows, Func<T, object?>[] read,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var row in rows.WithCancellation(ct)) yield return Array.ConvertAll(read, value => value(row));
    }
}

public sealed record ExportSheetColumn(string Header, CellKind Kind, int? Width, bool Wrap);

namespace InvestTrack.Features.Imports;

/// <summary>
/// Caps on what an uploaded ledger may cost to read (docs/security.md item 15). Every cap is checked
/// while reading, so a hostile file is refused early instead of being loaded first.
/// </summary>
public sealed record ImportLimits
{
    public static ImportLimits Default { get; } = new();

    /// <summary>The upload itself, as stored.</summary>
    public long MaxFileBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Physical rows per sheet, empty ones included: a million empty rows costs time too.</summary>
    public int MaxRowsPerSheet { get; init; } = 200_000;

    public int MaxColumns { get; init; } = 200;

    public int MaxCellLength { get; init; } = 4000;

    /// <summary>Files inside an .xlsx; a real workbook has a few dozen.</summary>
    public int MaxZipEntries { get; init; } = 1000;

    /// <summary>All files inside an .xlsx together, once decompressed.</summary>
    public long MaxUncompressedBytes { get; init; } = 300L * 1024 * 1024;

    /// <summary>Decompressed : compressed, per file inside an .xlsx. Real sheets stay near 10:1.</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>
    /// The ratio is only judged above this size: tiny parts (a blank styles.xml) can compress
    /// far beyond 100:1 and cost nothing to read.
    /// </summary>
    public long RatioCheckMinBytes { get; init; } = 1024 * 1024;

    /// <summary>After this many problems reading stops: the user has enough to fix, memory stays bounded.</summary>
    public int MaxProblems { get; init; } = 1000;
}

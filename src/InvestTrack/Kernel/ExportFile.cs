using System.Globalization;
using System.Text.RegularExpressions;

namespace InvestTrack.Kernel;

/// <summary>
/// A file for download under a name the server sets (docs/security.md 16): the Chinese name as filename*=UTF-8''…
/// (RFC 6266/5987), which browsers use, and an ASCII name as filename for clients that know no other. The file is
/// written to the response as it is made (<see cref="SpreadsheetExport"/> streams), never held whole.
/// </summary>
public sealed partial class ExportFile : IResult
{
    private readonly Func<Stream, IProgress<WorkProgress>?, CancellationToken, Task> _write;

    public ExportFile(Func<Stream, CancellationToken, Task> write, string contentType, string fileName, string asciiFileName)
        : this((output, _, ct) => write(output, ct), contentType, fileName, asciiFileName)
    {
    }

    /// <param name="write">Writes the file, telling the progress of the rows written (a large export in the page shows it).</param>
    public ExportFile(Func<Stream, IProgress<WorkProgress>?, CancellationToken, Task> write, string contentType, string fileName, string asciiFileName)
    {
        // Both names are made here from constants, dates and numbers; anything else is a bug.
        if (!AsciiName().IsMatch(asciiFileName)) throw new ArgumentException($"'{asciiFileName}' is not a plain ASCII file name", nameof(asciiFileName));
        if (fileName.Length == 0 || fileName.IndexOfAny([.. Path.GetInvalidFileNameChars(), '"', '\\', '\r', '\n']) >= 0)
            throw new ArgumentException($"'{fileName}' is not a file name", nameof(fileName));
        (_write, ContentType, FileName, AsciiFileName) = (write, contentType, fileName, asciiFileName);
    }

    public string ContentType { get; }
    public string FileName { get; }
    public string AsciiFileName { get; }

    public string ContentDisposition => $"attachment; filename=\"{AsciiFileName}\"; filename*=UTF-8''{Uri.EscapeDataString(FileName)}";

    /// <summary>One sheet as .xlsx or as CSV; <paramref name="name"/> and <paramref name="asciiName"/> without the extension.</summary>
    public static ExportFile Of(ExportSheet sheet, bool csv, string name, string asciiName) =>
        csv ? new((output, progress, ct) => SpreadsheetExport.WriteCsvAsync(output, sheet, ct, progress), SpreadsheetExport.CsvContentType, name + ".csv", asciiName + ".csv")
            : Xlsx(name, asciiName, sheet);

    public static ExportFile Xlsx(string name, string asciiName, params IReadOnlyList<ExportSheet> sheets) =>
        new((output, progress, ct) => SpreadsheetExport.WriteXlsxAsync(output, sheets, ct, progress), SpreadsheetExport.XlsxContentType, name + ".xlsx", asciiName + ".xlsx");

    /// <summary>Writes the file to <paramref name="output"/> with its progress: the same bytes as the download's (cells and rows).</summary>
    public Task WriteAsync(Stream output, IProgress<WorkProgress>? progress, CancellationToken ct) => _write(output, progress, ct);

    /// <summary>The moment in a file name, in the city's time (UTC+8): 20250918-1430.</summary>
    public static string Stamp(TimeProvider clock) =>
        clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);

    /// <summary>
    /// Headers first, then the file as it is written. A failure half way (the database gone) can no longer change the
    /// status; the server then aborts the connection, so the client sees a broken download rather than a short file.
    /// </summary>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = ContentDisposition;
        await response.StartAsync(httpContext.RequestAborted);
        await _write(response.Body, null, httpContext.RequestAborted);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex AsciiName();
}

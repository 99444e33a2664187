using System.Globalization;
using System.Text.RegularExpressions;

namespace InvestTrack.Kernel;

/// <summary>
/// A file for download under a name the server sets (docs/security.md 16): the Chinese name as filename*=UTF-8''…
/// (RFC 6266/5987), which browsers use, and an ASCII name as filename for clients that know no other.
/// </summary>
public sealed partial class ExportFile : IResult
{
    public ExportFile(byte[] content, string contentType, string fileName, string asciiFileName)
    {
        // Both names are made here from constants, dates and numbers; anything else is a bug.
        if (!AsciiName().IsMatch(asciiFileName)) throw new ArgumentException($"'{asciiFileName}' is not a plain ASCII file name", nameof(asciiFileName));
        if (fileName.Length == 0 || fileName.IndexOfAny([.. Path.GetInvalidFileNameChars(), '"', '\\', '\r', '\n']) >= 0)
            throw new ArgumentException($"'{fileName}' is not a file name", nameof(fileName));
        (Content, ContentType, FileName, AsciiFileName) = (content, contentType, fileName, asciiFileName);
    }

    public byte[] Content { get; }
    public string ContentType { get; }
    public string FileName { get; }
    public string AsciiFileName { get; }

    public string ContentDisposition => $"attachment; filename=\"{AsciiFileName}\"; filename*=UTF-8''{Uri.EscapeDataString(FileName)}";

    /// <summary>One sheet as .xlsx or as CSV; <paramref name="name"/> and <paramref name="asciiName"/> without the extension.</summary>
    public static ExportFile Of(ExportSheet sheet, bool csv, string name, string asciiName) =>
        csv ? new(SpreadsheetExport.Csv(sheet), SpreadsheetExport.CsvContentType, name + ".csv", asciiName + ".csv")
            : Xlsx(name, asciiName, sheet);

    public static ExportFile Xlsx(string name, string asciiName, params IReadOnlyList<ExportSheet> sheets) =>
        new(SpreadsheetExport.Xlsx(sheets), SpreadsheetExport.XlsxContentType, name + ".xlsx", asciiName + ".xlsx");

    /// <summary>The moment in a file name, in the city's time (UTC+8): 20250918-1430.</summary>
    public static string Stamp(TimeProvider clock) =>
        clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.ContentDisposition = ContentDisposition;
        return Results.Bytes(Content, ContentType).ExecuteAsync(httpContext);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex AsciiName();
}

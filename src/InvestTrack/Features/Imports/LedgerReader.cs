using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace InvestTrack.Features.Imports;

/// <summary>
/// Reads an uploaded ledger (.xlsx or .csv, see docs/import-format.md) into sheets of typed
/// cells, or says what is wrong with it. The name states what the file claims to be and the bytes
/// must agree; nothing is trusted before it is checked, and every cap of <see cref="ImportLimits"/>
/// holds whatever the file says about itself. No database, no rules of the ledger: those come after.
/// </summary>
public static class LedgerReader
{
    public static LedgerReadResult Read(Stream content, string fileName, ImportLimits? limits = null, CultureInfo? culture = null)
    {
        limits ??= ImportLimits.Default;
        var name = Path.GetFileName(fileName);
        var problems = new ProblemSink(culture, limits.MaxProblems);
        LedgerWorkbook? workbook = null;
        try
        {
            workbook = ReadChecked(content, name, limits, problems);
        }
        catch (ImportStoppedException)
        {
            // Too many problems: the sink has said so.
        }
        catch (Exception ex) when (IsUnreadableFile(ex))
        {
            // A file that passed the checks but does not parse: damaged or hand-made. Never a crash.
            problems.Add(name, null, null, IsDtd(ex) ? ImportCodes.XmlDtd : ImportCodes.NotLedgerFile);
            workbook = null;
        }
        return new LedgerReadResult(workbook, problems.Items);
    }

    private static LedgerWorkbook? ReadChecked(Stream content, string name, ImportLimits limits, ProblemSink problems)
    {
        using var buffer = Buffer(content, limits);
        if (buffer is null) return Fail(problems, name, ImportCodes.FileTooLarge, limits.MaxFileBytes / (1024 * 1024));
        if (buffer.Length == 0) return Fail(problems, name, ImportCodes.FileEmpty);

        var sniffed = FileSniffer.Detect(buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, 16)));
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (sniffed == SniffedType.Ole2) return Fail(problems, name, ImportCodes.LegacyOrEncrypted);
        switch (extension)
        {
            case ".xlsm" or ".xltm" or ".xlam":
                return Fail(problems, name, ImportCodes.Macros);
            case ".xlsx" when sniffed == SniffedType.Zip:
                return ZipGuard.Check(buffer, name, limits, problems) ? XlsxReader.Read(buffer, name, limits, problems) : null;
            case ".csv" when sniffed == SniffedType.MaybeText:
                if (IsOnlyBom(buffer)) return Fail(problems, name, ImportCodes.FileEmpty);
                return CsvReader.Read(buffer, name, limits, problems);
            default:
                return Fail(problems, name, ImportCodes.NotLedgerFile);
        }
    }

    /// <summary>
    /// Copies the upload into memory, stopping one byte past the cap: the zip reader needs to seek,
    /// and an upload stream may not say its length.
    /// </summary>
    private static MemoryStream? Buffer(Stream content, ImportLimits limits)
    {
        if (content.CanSeek && content.Length - content.Position > limits.MaxFileBytes) return null;
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limits.MaxFileBytes)
            {
                buffer.Dispose();
                return null;
            }
        }
        buffer.Position = 0;
        return buffer;
    }

    private static bool IsOnlyBom(MemoryStream buffer) =>
        buffer.GetBuffer().AsSpan(0, (int)buffer.Length).SequenceEqual((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);

    private static bool IsUnreadableFile(Exception ex) =>
        ex is InvalidDataException or XmlException or OpenXmlPackageException or FileFormatException or IOException
            or FormatException or OverflowException or InvalidOperationException or NotSupportedException or ArgumentException;

    private static bool IsDtd(Exception ex) => ex is XmlException && ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase);

    private static LedgerWorkbook? Fail(ProblemSink problems, string name, string code, params object[] args)
    {
        problems.Add(name, null, null, code, args);
        return null;
    }
}

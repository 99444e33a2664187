using System.Buffers.Binary;
using System.IO.Compression;

namespace InvestTrack.Features.Imports;

/// <summary>
/// Checks an .xlsx as a zip before any part of it is parsed: entry count from the end record
/// (before the directory is even loaded), then declared sizes and ratios from the directory, then
/// every entry decompressed once, counting the bytes that really come out — a directory can lie —
/// and looking for macros and DTDs. Memory stays at one buffer whatever the file claims.
/// (.NET 10's ZipArchive already stops an entry at its declared size, so a lying entry comes out
/// truncated and fails to parse; the count here holds even if the runtime ever stops doing that.)
/// </summary>
internal static class ZipGuard
{
    private const int EndRecordSize = 22;
    private const int MaxCommentSize = ushort.MaxValue;

    /// <summary>True when the workbook may be handed to the OpenXml reader; otherwise a problem is added.</summary>
    public static bool Check(Stream zip, string fileName, ImportLimits limits, ProblemSink problems)
    {
        var declaredEntries = ReadDeclaredEntryCount(zip);
        if (declaredEntries is null) return Fail(problems, fileName, ImportCodes.NotLedgerFile);
        if (declaredEntries > (ulong)limits.MaxZipEntries) return Fail(problems, fileName, ImportCodes.ZipTooManyEntries, limits.MaxZipEntries);

        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        if (archive.Entries.Count > limits.MaxZipEntries) return Fail(problems, fileName, ImportCodes.ZipTooManyEntries, limits.MaxZipEntries);
        if (Find(archive, "[Content_Types].xml") is null || Find(archive, "xl/workbook.xml") is null)
            return Fail(problems, fileName, ImportCodes.NotLedgerFile);
        return CheckDirectory(archive, fileName, limits, problems) && CheckContents(archive, fileName, limits, problems);
    }

    private static bool CheckDirectory(ZipArchive archive, string fileName, ImportLimits limits, ProblemSink problems)
    {
        long total = 0;
        foreach (var entry in archive.Entries)
        {
            if (IsMacroPart(entry.FullName)) return Fail(problems, fileName, ImportCodes.Macros);
            total += entry.Length;
            if (total > limits.MaxUncompressedBytes) return Fail(problems, fileName, ImportCodes.ZipTooLarge, Megabytes(limits.MaxUncompressedBytes));
            if (RatioTooHigh(entry.Length, entry.CompressedLength, limits)) return Fail(problems, fileName, ImportCodes.ZipRatio, entry.FullName, limits.MaxCompressionRatio);
        }
        return true;
    }

    private static bool CheckContents(ZipArchive archive, string fileName, ImportLimits limits, ProblemSink problems)
    {
        var buffer = new byte[81920];
        long total = 0;
        foreach (var entry in archive.Entries)
        {
            using var content = entry.Open();
            var scan = new DoctypeScanner();
            var isContentTypes = entry.FullName.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase);
            var contentTypes = isContentTypes ? new MemoryStream() : null;
            long actual = 0;
            int read;
            while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
            {
                actual += read;
                total += read;
                if (actual > entry.Length) return Fail(problems, fileName, ImportCodes.ZipSizeMismatch, entry.FullName);
                if (total > limits.MaxUncompressedBytes) return Fail(problems, fileName, ImportCodes.ZipTooLarge, Megabytes(limits.MaxUncompressedBytes));
                if (RatioTooHigh(actual, entry.CompressedLength, limits)) return Fail(problems, fileName, ImportCodes.ZipRatio, entry.FullName, limits.MaxCompressionRatio);
                if (scan.Found(buffer.AsSpan(0, read))) return Fail(problems, fileName, ImportCodes.XmlDtd);
                contentTypes?.Write(buffer, 0, read);
            }
            if (contentTypes is not null && DeclaresMacros(contentTypes)) return Fail(problems, fileName, ImportCodes.Macros);
        }
        return true;
    }

    /// <summary>Macro-enabled main parts, VBA projects and Excel 4 macro sheets all say "macro" or "vba" in their content type.</summary>
    private static bool DeclaresMacros(MemoryStream contentTypes)
    {
        var text = System.Text.Encoding.UTF8.GetString(contentTypes.GetBuffer(), 0, (int)contentTypes.Length);
        return text.Contains("macro", StringComparison.OrdinalIgnoreCase) || text.Contains("vbaProject", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsMacroPart(string name) =>
        name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase) || name.Contains("macrosheets/", StringComparison.OrdinalIgnoreCase);

    private static bool RatioTooHigh(long uncompressed, long compressed, ImportLimits limits) =>
        uncompressed > limits.RatioCheckMinBytes && uncompressed > Math.Max(compressed, 1) * (long)limits.MaxCompressionRatio;

    private static ZipArchiveEntry? Find(ZipArchive archive, string name) =>
        archive.Entries.FirstOrDefault(e => e.FullName.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static long Megabytes(long bytes) => bytes / (1024 * 1024);

    private static bool Fail(ProblemSink problems, string fileName, string code, params object[] args)
    {
        problems.Add(fileName, null, null, code, args);
        return false;
    }

    /// <summary>
    /// The entry count from the end-of-central-directory record (or its zip64 twin), read without
    /// loading the directory, so a file declaring millions of entries costs nothing. Null when the
    /// record is missing: not a zip.
    /// </summary>
    private static ulong? ReadDeclaredEntryCount(Stream zip)
    {
        var tailLength = (int)Math.Min(zip.Length, EndRecordSize + MaxCommentSize);
        var tail = new byte[tailLength];
        zip.Position = zip.Length - tailLength;
        zip.ReadExactly(tail);
        for (var i = tailLength - EndRecordSize; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) != 0x06054b50) continue;
            ulong entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 10));
            if (entries != ushort.MaxValue) return entries;
            return ReadZip64EntryCount(zip, zip.Length - tailLength + i) ?? entries;
        }
        return null;
    }

    private static ulong? ReadZip64EntryCount(Stream zip, long endRecordOffset)
    {
        if (endRecordOffset < 20) return null;
        var locator = new byte[20];
        zip.Position = endRecordOffset - 20;
        zip.ReadExactly(locator);
        if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != 0x07064b50) return null;
        var offset = BinaryPrimitives.ReadUInt64LittleEndian(locator.AsSpan(8));
        if (offset > (ulong)(zip.Length - 56)) return null;
        var record = new byte[56];
        zip.Position = (long)offset;
        zip.ReadExactly(record);
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != 0x06064b50) return null;
        return BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32));
    }
}

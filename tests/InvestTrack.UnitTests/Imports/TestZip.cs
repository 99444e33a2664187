using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace InvestTrack.UnitTests.Imports;

/// <summary>Hand-made zips for the zip-bomb tests: kept small on disk, huge or lying once opened.</summary>
internal static class TestZip
{
    /// <summary>
    /// A workbook-looking zip whose sheet entry inflates to <paramref name="zeroBytes"/> zeros,
    /// written through the deflate stream in chunks so the test never holds the big content.
    /// </summary>
    public static byte[] Bomb(long zeroBytes)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Add(archive, "xl/workbook.xml", "<workbook/>");
            using var entry = archive.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open();
            var zeros = new byte[1 << 20];
            for (long written = 0; written < zeroBytes; written += zeros.Length) entry.Write(zeros);
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Rewrites the declared uncompressed size of <paramref name="entryName"/> in both its local
    /// header and its central directory record: the directory then lies about what will come out.
    /// </summary>
    public static byte[] WithDeclaredSize(byte[] zip, string entryName, uint declared)
    {
        var bytes = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50 && bytes.AsSpan(i + 30).StartsWith(name))
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), declared);
            else if (signature == 0x02014b50 && bytes.AsSpan(i + 46).StartsWith(name))
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), declared);
        }
        return bytes;
    }

    public static byte[] WithEntries(int count)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "[Content_Types].xml", "<Types/>");
            Add(archive, "xl/workbook.xml", "<workbook/>");
            for (var i = 0; i < count; i++) Add(archive, $"xl/extra/{i}.xml", "<x/>");
        }
        return stream.ToArray();
    }

    private static void Add(ZipArchive archive, string name, string content)
    {
        using var entry = archive.CreateEntry(name).Open();
        entry.Write(Encoding.UTF8.GetBytes(content));
    }
}

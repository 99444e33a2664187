namespace InvestTrack.Features.Imports;

internal enum SniffedType { Zip, Ole2, OtherBinary, MaybeText }

/// <summary>
/// What a file really is, from its first bytes: the name can say anything. Only the zip and OLE2
/// signatures matter to the reader; the other binaries are named so that a PDF or an image that
/// happens to be plain ASCII at the start is not taken for a CSV.
/// </summary>
internal static class FileSniffer
{
    private static readonly byte[][] OtherBinaries =
    [
        "%PDF"u8.ToArray(),
        [0x89, (byte)'P', (byte)'N', (byte)'G'],
        [0xFF, 0xD8, 0xFF],          // JPEG
        "GIF8"u8.ToArray(),
        "Rar!"u8.ToArray(),
        [0x1F, 0x8B],                // gzip
        [0x37, 0x7A, 0xBC, 0xAF],    // 7z
        [0x7F, (byte)'E', (byte)'L', (byte)'F'],
    ];

    public static SniffedType Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("PK\x03\x04"u8)) return SniffedType.Zip;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return SniffedType.Ole2;
        foreach (var magic in OtherBinaries)
            if (head.StartsWith(magic)) return SniffedType.OtherBinary;
        return SniffedType.MaybeText;
    }
}

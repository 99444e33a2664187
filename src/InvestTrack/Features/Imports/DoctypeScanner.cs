namespace InvestTrack.Features.Imports;

/// <summary>
/// Finds "&lt;!DOCTYPE" (any case) in a stream of chunks, across chunk borders. A workbook never needs
/// a DTD; refusing it outright keeps entity expansion and external entities out whatever the XML
/// reader's own settings are. In text content "&lt;" is always escaped, so a hit is never data.
/// </summary>
internal sealed class DoctypeScanner
{
    private static readonly byte[] Pattern = "<!DOCTYPE"u8.ToArray();
    private int matched;

    public bool Found(ReadOnlySpan<byte> chunk)
    {
        for (var i = 0; i < chunk.Length; i++)
        {
            if (matched == 0)
            {
                // Jump to the next '<' (vectorised): text between tags is skipped in one step.
                var next = chunk[i..].IndexOf((byte)'<');
                if (next < 0) return false;
                i += next;
            }
            var b = chunk[i];
            var upper = b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b;
            if (upper == Pattern[matched]) matched++;
            else matched = upper == Pattern[0] ? 1 : 0;
            if (matched == Pattern.Length) return true;
        }
        return false;
    }
}

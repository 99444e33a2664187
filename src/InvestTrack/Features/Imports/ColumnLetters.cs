namespace InvestTrack.Features.Imports;

/// <summary>Excel column letters (A, B, ..., Z, AA...) and cell references such as "AB12".</summary>
public static class ColumnLetters
{
    /// <summary>0 → "A", 25 → "Z", 26 → "AA".</summary>
    public static string FromIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    /// <summary>
    /// Splits "AB12" into column index 27 and row 12. False for anything else, including references
    /// beyond what a sheet can hold, so a hostile reference cannot overflow.
    /// </summary>
    internal static bool TryParseReference(string? reference, out int column, out int row)
    {
        column = -1;
        row = 0;
        if (string.IsNullOrEmpty(reference)) return false;
        var i = 0;
        var col = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            if (i >= 3) return false; // XFD is the last column Excel has
            col = col * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        }
        if (i == 0 || i == reference.Length) return false;
        var r = 0;
        for (; i < reference.Length; i++)
        {
            if (!char.IsAsciiDigit(reference[i]) || r > 100_000_000) return false;
            r = r * 10 + (reference[i] - '0');
        }
        column = col - 1;
        row = r;
        return row > 0;
    }
}

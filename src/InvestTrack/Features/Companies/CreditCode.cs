namespace InvestTrack.Features.Companies;

/// <summary>统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet, the last a check character.</summary>
public static class CreditCode
{
    public const int Length = 18;
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Upper-cases and trims; full-width letters and digits typed in Chinese input methods become ASCII; invisible characters go.</summary>
    public static string Normalize(string code)
    {
        var chars = Kernel.TextInput.Code(code).Select(c => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c).ToArray();
        return new string(chars).ToUpperInvariant();
    }

    public static bool IsValid(string? code) => Check(code) is null;

    /// <summary>null when valid; otherwise what is wrong, as a message key: Length, Character or CheckCharacter.</summary>
    public static string? Check(string? code)
    {
        if (code is null || code.Length != Length) return "Length";
        var sum = 0;
        for (var i = 0; i < Length - 1; i++)
        {
            var value = Alphabet.IndexOf(code[i], StringComparison.Ordinal);
            if (value < 0) return "Character";
            sum += value * Weights[i];
        }
        if (Alphabet.IndexOf(code[^1], StringComparison.Ordinal) < 0) return "Character";
        return code[^1] == CheckCharacter(sum) ? null : "CheckCharacter";
    }

    /// <summary>The check character for the first 17 characters (for tests and the synthetic-data generator).</summary>
    public static char CheckCharacterFor(string first17)
    {
        var sum = 0;
        for (var i = 0; i < Length - 1; i++) sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        return CheckCharacter(sum);
    }

    private static char CheckCharacter(int sum) => Alphabet[(31 - sum % 31) % 31];
}

namespace InvestTrack.Features.Companies;

/// <summary>
/// The comparable form of a company name, for finding duplicates: full-width folded to half-width, lower case,
/// spaces, punctuation and brackets removed, and legal-form suffixes (有限公司, 股份有限公司, 集团, Co., Ltd.) stripped,
/// so that 比亚迪（集团）股份有限公司 and 比亚迪集团 compare equal.
/// </summary>
public static class CompanyNames
{
    // Longest first: 股份有限公司 must go before 有限公司 leaves 股份 behind.
    private static readonly string[] Suffixes =
    [
        "股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团公司", "株式会社", "集团", "公司",
        "companylimited", "corporation", "limited", "coltd", "corp", "ltd", "inc",
    ];

    public static string Key(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var chars = new List<char>(name.Length);
        foreach (var raw in name)
        {
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            if (char.IsLetterOrDigit(c)) chars.Add(char.ToLowerInvariant(c));
        }
        var key = new string([.. chars]);
        // Strip repeatedly (集团股份有限公司 → 集团 → ""), but never down to nothing: 集团公司 alone stays comparable.
        for (var stripped = true; stripped;)
        {
            stripped = false;
            foreach (var suffix in Suffixes)
            {
                if (key.Length > suffix.Length && key.EndsWith(suffix, StringComparison.Ordinal))
                {
                    key = key[..^suffix.Length];
                    stripped = true;
                    break;
                }
            }
        }
        return key;
    }

    /// <summary>The Levenshtein distance when it is at most <paramref name="max"/>; otherwise max + 1 (stops early).</summary>
    public static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        if (a.Length > b.Length) (a, b) = (b, a);
        var previous = new int[a.Length + 1];
        var current = new int[a.Length + 1];
        for (var i = 0; i <= a.Length; i++) previous[i] = i;
        for (var j = 1; j <= b.Length; j++)
        {
            current[0] = j;
            var rowMin = j;
            for (var i = 1; i <= a.Length; i++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[i] = Math.Min(Math.Min(current[i - 1] + 1, previous[i] + 1), previous[i - 1] + cost);
                rowMin = Math.Min(rowMin, current[i]);
            }
            if (rowMin > max) return max + 1;
            (previous, current) = (current, previous);
        }
        return Math.Min(previous[a.Length], max + 1);
    }
}

namespace InvestTrack.Features.Companies;

public enum DuplicateReason { SameCreditCode = 0, SameName = 1, NearName = 2, NameContains = 3 }

/// <summary>A company as the duplicate scan sees it.</summary>
public sealed record NameEntry(int Id, string Name, string? CreditCode);

public sealed record CandidatePair(int FirstId, int SecondId, DuplicateReason Reason);

/// <summary>
/// Finds likely duplicate pairs without comparing every pair (100 000 companies would be 5·10⁹ pairs):
/// exact keys are grouped; near names are compared only inside blocks that share the first or the last two
/// characters of the normalized name and differ in length by at most two; containment is checked only against
/// names that contain the shorter name's rarest two-character piece. Pure, so it is tested without a database.
/// </summary>
public static class DuplicateFinder
{
    public const int MaxDistance = 2;
    /// <summary>Edit distance means little on short names (华为 vs 华联).</summary>
    public const int MinLengthForDistance = 6;
    /// <summary>A two- or three-character name is contained in too many others to be a useful signal.</summary>
    public const int MinLengthForContains = 4;

    public static List<CandidatePair> Find(IReadOnlyList<NameEntry> companies)
    {
        var found = new Dictionary<(int, int), DuplicateReason>();
        void Add(int a, int b, DuplicateReason reason)
        {
            if (a == b) return;
            var key = a < b ? (a, b) : (b, a);
            // The strongest reason wins: a lower enum value is stronger.
            if (!found.TryGetValue(key, out var existing) || reason < existing) found[key] = reason;
        }

        // Same code, ignoring case and width (the unique index only sees exact equality).
        foreach (var group in companies.Where(c => !string.IsNullOrWhiteSpace(c.CreditCode))
                     .GroupBy(c => CreditCode.Normalize(c.CreditCode!)).Where(g => g.Count() > 1))
            AllPairs(group.ToList(), (a, b) => Add(a.Id, b.Id, DuplicateReason.SameCreditCode));

        // Same normalized name.
        var byKey = companies.Select(c => (Company: c, Key: CompanyNames.Key(c.Name))).Where(x => x.Key.Length > 0)
            .GroupBy(x => x.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.Company).ToList(), StringComparer.Ordinal);
        foreach (var group in byKey.Values.Where(g => g.Count > 1))
            AllPairs(group, (a, b) => Add(a.Id, b.Id, DuplicateReason.SameName));

        // From here on each distinct key stands for all the companies that share it.
        var keys = byKey.Keys.ToList();
        foreach (var (a, b) in NearKeys(keys))
            foreach (var x in byKey[a])
                foreach (var y in byKey[b])
                    Add(x.Id, y.Id, DuplicateReason.NearName);
        foreach (var (shorter, longer) in ContainedKeys(keys))
            foreach (var x in byKey[shorter])
                foreach (var y in byKey[longer])
                    Add(x.Id, y.Id, DuplicateReason.NameContains);

        return [.. found.Select(f => new CandidatePair(f.Key.Item1, f.Key.Item2, f.Value)).OrderBy(p => p.Reason).ThenBy(p => p.FirstId).ThenBy(p => p.SecondId)];
    }

    /// <summary>Pairs of distinct keys within edit distance 2, compared only inside prefix and suffix blocks.</summary>
    public static IEnumerable<(string, string)> NearKeys(IReadOnlyList<string> keys)
    {
        var seen = new HashSet<(string, string)>();
        var eligible = keys.Where(k => k.Length >= MinLengthForDistance).ToList();
        foreach (var block in eligible.GroupBy(k => "^" + k[..2]).Concat(eligible.GroupBy(k => "$" + k[^2..])))
        {
            // Sorted by length, each key is compared only with the following keys at most two longer.
            var sorted = block.OrderBy(k => k.Length).ToList();
            for (var i = 0; i < sorted.Count; i++)
            {
                for (var j = i + 1; j < sorted.Count && sorted[j].Length - sorted[i].Length <= MaxDistance; j++)
                {
                    var pair = string.CompareOrdinal(sorted[i], sorted[j]) < 0 ? (sorted[i], sorted[j]) : (sorted[j], sorted[i]);
                    if (seen.Contains(pair)) continue;
                    if (CompanyNames.Distance(sorted[i], sorted[j], MaxDistance) <= MaxDistance && seen.Add(pair)) yield return pair;
                }
            }
        }
    }

    /// <summary>(shorter, longer) pairs where the longer key contains the shorter, through an index of two-character pieces.</summary>
    public static IEnumerable<(string Shorter, string Longer)> ContainedKeys(IReadOnlyList<string> keys)
    {
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            foreach (var piece in Pieces(keys[i]).Distinct())
            {
                if (!index.TryGetValue(piece, out var list)) index[piece] = list = [];
                list.Add(i);
            }
        }
        foreach (var shorter in keys.Where(k => k.Length >= MinLengthForContains))
        {
            // Every name containing this one contains its rarest piece too.
            var rarest = Pieces(shorter).MinBy(p => index[p].Count)!;
            foreach (var i in index[rarest])
            {
                var longer = keys[i];
                if (longer.Length > shorter.Length && longer.Contains(shorter, StringComparison.Ordinal)) yield return (shorter, longer);
            }
        }
    }

    private static IEnumerable<string> Pieces(string key)
    {
        for (var i = 0; i + 2 <= key.Length; i++) yield return key.Substring(i, 2);
    }

    private static void AllPairs<T>(List<T> items, Action<T, T> add)
    {
        for (var i = 0; i < items.Count; i++)
            for (var j = i + 1; j < items.Count; j++)
                add(items[i], items[j]);
    }
}

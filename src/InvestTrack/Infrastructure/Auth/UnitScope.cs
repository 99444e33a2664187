using System.Globalization;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>The set of units whose records a user may see. Empty means none: the default fails closed.</summary>
public sealed record UnitScope(bool All, IReadOnlyList<int> UnitIds)
{
    /// <summary>The same ids as an array, for query parameters.</summary>
    public int[] UnitIdArray { get; } = [.. UnitIds];

    public static readonly UnitScope Nothing = new(false, []);
    public static readonly UnitScope Everything = new(true, []);

    public bool Contains(int unitId) => All || UnitIds.Contains(unitId);

    /// <summary>The form kept in the sign-in cookie: "*" or a comma-separated list of unit ids.</summary>
    public string ToClaimValue() => All ? "*" : string.Join(',', UnitIds);

    public static UnitScope FromClaimValue(string? value)
    {
        if (string.IsNullOrEmpty(value)) return Nothing;
        if (value == "*") return Everything;
        var ids = value.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
            .Where(id => id is not null).Select(id => id!.Value).ToArray();
        return new UnitScope(false, ids);
    }
}

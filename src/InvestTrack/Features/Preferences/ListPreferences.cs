using System.Text.Json;
using System.Text.RegularExpressions;
using InvestTrack.Data;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Preferences;

/// <summary>How one user wants one list: the columns hidden (by key) and compact rows.</summary>
public sealed record ListView(IReadOnlyList<string> Hidden, bool Compact)
{
    public static readonly ListView Default = new([], false);
}

/// <summary>
/// Each user's choice of columns and density per list, kept on the account beside the language (AppUser.ListViews) so
/// that it follows the user to any browser and survives signing out. Written with one UPDATE and never audited: it is a
/// way of looking at records, not a record, and a click on a column must not fill the audit trail.
/// </summary>
public sealed partial class ListPreferences(IDbContextFactory<AppDbContext> contexts, CurrentUser user)
{
    public const int MaxLists = 60;
    public const int MaxHidden = 30;
    /// <summary>The column's length (AppUserConfiguration).</summary>
    public const int MaxLength = 8000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A list's key (projects, funds-ledger) and a column's key: short ASCII words, never markup.</summary>
    public static bool IsKey(string? key) => key is not null && Key().IsMatch(key);

    public async Task<ListView> GetAsync(string list, CancellationToken ct = default)
    {
        if (!IsKey(list) || user.UserId is not { } id) return ListView.Default;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.Users.Where(u => u.Id == id).Select(u => u.ListViews).SingleOrDefaultAsync(ct);
        return Parse(stored).GetValueOrDefault(list) ?? ListView.Default;
    }

    /// <summary>Saves the user's view of a list; false (nothing written) when a key is malformed or there are too many.</summary>
    public async Task<bool> SetAsync(string list, ListView view, CancellationToken ct = default)
    {
        if (!IsKey(list) || view.Hidden.Count > MaxHidden || !view.Hidden.All(IsKey) || user.UserId is not { } id) return false;
        var clean = new ListView([.. view.Hidden.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], view.Compact);
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Two tabs saving at once: the update only lands on the value it was computed from; the loser reads again.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var stored = await db.Users.Where(u => u.Id == id).Select(u => u.ListViews).SingleOrDefaultAsync(ct);
            var all = Parse(stored);
            if (clean.Hidden.Count == 0 && !clean.Compact) all.Remove(list);
            else all[list] = clean;
            if (all.Count > MaxLists) return false;
            var json = all.Count == 0 ? null : JsonSerializer.Serialize(all, Json);
            if (json?.Length > MaxLength) return false;
            var written = await db.Users.Where(u => u.Id == id && u.ListViews == stored).ExecuteUpdateAsync(s => s.SetProperty(u => u.ListViews, json), ct);
            if (written == 1) return true;
        }
        return false;
    }

    /// <summary>What is stored, or nothing when it cannot be read (a view is a convenience: never an error page).</summary>
    private static Dictionary<string, ListView> Parse(string? stored)
    {
        if (string.IsNullOrEmpty(stored)) return new(StringComparer.Ordinal);
        try
        {
            var all = JsonSerializer.Deserialize<Dictionary<string, ListView>>(stored, Json) ?? [];
            return new(all.Where(kv => IsKey(kv.Key) && kv.Value is not null)
                .ToDictionary(kv => kv.Key, kv => kv.Value with { Hidden = kv.Value.Hidden ?? [] }), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return new(StringComparer.Ordinal);
        }
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9-]{0,39}$")]
    private static partial Regex Key();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Data;

/// <summary>
/// Who changed records lately, in this instance's memory: their reads go to the primary for as long as the replica
/// may lag (Database:ReplicaMaxLagSeconds, plus a second for the lag's measurement), so that a user sees what they
/// just saved. Across instances the same holds through a short-lived cookie set on the writing response
/// (<see cref="Infrastructure.Hosting.RecentWriteCookie"/>); a Blazor circuit stays on its instance (sticky sessions).
/// </summary>
public sealed class RecentWriters(DatabaseSettings settings)
{
    private readonly ConcurrentDictionary<string, long> _lastWrite = new(StringComparer.Ordinal);

    public TimeSpan Window { get; } = settings.ReplicaMaxLag + TimeSpan.FromSeconds(1);

    public void Note(string userId)
    {
        var now = Stopwatch.GetTimestamp();
        _lastWrite[userId] = now;
        // Bounded by the users who wrote within the window; old entries go when the map grows.
        if (_lastWrite.Count > 256)
            foreach (var (id, at) in _lastWrite)
                if (Stopwatch.GetElapsedTime(at, now) >= Window) _lastWrite.TryRemove(new KeyValuePair<string, long>(id, at));
    }

    public bool IsRecent(string userId) => _lastWrite.TryGetValue(userId, out var at) && Stopwatch.GetElapsedTime(at) < Window;
}

/// <summary>Scoped: whether this request or circuit wrote, and whether its user's reads must see the primary.</summary>
public sealed class RecentWrites(RecentWriters writers, CurrentUser user)
{
    /// <summary>Records were saved in this scope (the response then carries the cookie).</summary>
    public bool WroteHere { get; private set; }

    /// <summary>The request carried the cookie of a recent write, possibly made through another instance.</summary>
    public bool Declared { get; set; }

    public TimeSpan Window => writers.Window;

    public bool ReadsPrimary => Declared || (user.UserId is { } id && writers.IsRecent(id));

    /// <summary>
    /// Hooked to SavingChanges of write contexts when a replica is configured. A record is a business record
    /// (<see cref="IAudited"/>): the audit trail's own entries, sign-in bookkeeping on the account and the Data
    /// Protection keys are not what a user reads back in reports.
    /// </summary>
    public void OnSaving(object? sender, SavingChangesEventArgs e)
    {
        if (sender is not DbContext db) return;
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false; // AppDbContext detected them already; not again for a large import
        try
        {
            if (!tracker.Entries().Any(x => x.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && x.Entity is IAudited and not AppUser)) return;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
        WroteHere = true;
        if (user.UserId is { } id) writers.Note(id);
    }
}

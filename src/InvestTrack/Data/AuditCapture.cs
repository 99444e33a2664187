using System.Text.Json;
using InvestTrack.Features.Audit;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace InvestTrack.Data;

/// <summary>Turns the tracked changes of audited entities into audit entries (old and new values of changed fields).</summary>
internal static class AuditCapture
{
    /// <summary>Secrets never go into the trail, not even hashed.</summary>
    private static readonly HashSet<string> Hidden = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Version", "Content", "ProtectedSecret", "TotpSecret", "RecoveryCodes", "PhoneHash"];

    /// <summary>Personal information is recorded as changed, never in clear (docs/security.md 22).</summary>
    private static readonly HashSet<string> Masked = ["Phone", "PhoneNumber", "IdNumber", "Email"];

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public sealed class Pending(EntityEntry entry, string action, string? oldValues, Func<string?> newValues, Func<AuditEntry> stamp)
    {
        public AuditEntry ToEntry()
        {
            var e = stamp();
            e.Action = action;
            e.ObjectType = entry.Metadata.ClrType.Name;
            e.ObjectId = KeyText(entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue ?? entry.Property(p.Name).OriginalValue));
            e.OldValues = oldValues;
            e.NewValues = newValues();
            return e;
        }
    }

    public static List<Pending> Capture(AppDbContext db)
    {
        var result = new List<Pending>();
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is IAudited))
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    // Read after the save, when generated keys are known.
                    result.Add(new Pending(entry, "Create", null, () => Serialize(entry, p => p.CurrentValue, _ => true), () => Stamp(db)));
                    break;
                case EntityState.Deleted:
                    result.Add(new Pending(entry, "Delete", Serialize(entry, p => p.OriginalValue, _ => true), () => null, () => Stamp(db)));
                    break;
                case EntityState.Modified:
                    var changed = entry.Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).Select(p => p.Metadata.Name).ToHashSet();
                    changed.ExceptWith(Hidden);
                    if (changed.Count == 0) break;
                    var newValues = Serialize(entry, p => p.CurrentValue, changed.Contains);
                    result.Add(new Pending(entry, "Update", Serialize(entry, p => p.OriginalValue, changed.Contains), () => newValues, () => Stamp(db)));
                    break;
            }
        }
        return result;
    }

    /// <summary>Who, when, where: filled from the acting user.</summary>
    public static AuditEntry Stamp(AppDbContext db)
    {
        var user = db.Actor;
        return new AuditEntry
        {
            Action = "",
            OccurredAt = DateTimeOffset.UtcNow,
            UserId = user.UserId,
            UserName = user.UserName,
            Role = user.IsSystem ? "Operator" : user.Role,
            UnitId = user.UnitId,
            Address = user.Address,
            TraceId = user.TraceId ?? System.Diagnostics.Activity.Current?.TraceId.ToString(),
        };
    }

    /// <summary>
    /// An entry of what the code did (not a tracked change), stamped and added to <paramref name="db"/> unsaved, so that it
    /// commits or rolls back with the change it records (docs/security.md 19).
    /// </summary>
    public static AuditEntry Add(AppDbContext db, string action, string? objectType, string? objectId, string? newValues = null, string result = "Success")
    {
        var entry = Stamp(db);
        (entry.Action, entry.ObjectType, entry.ObjectId, entry.NewValues, entry.Result) = (action, objectType, objectId, newValues, result);
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>
    /// The Create entry of a new entity written without the change tracker (BulkInsert.InsertAuditedAsync): the same
    /// values, object id and stamp that SaveChanges records for an added entity, read from the entity after its key is set.
    /// </summary>
    public static AuditEntry Created(AppDbContext db, IEntityType type, object entity)
    {
        var e = Stamp(db);
        e.Action = "Create";
        e.ObjectType = type.ClrType.Name;
        e.ObjectId = KeyText(type.FindPrimaryKey()!.Properties.Select(p => p.GetGetter().GetClrValue(entity)));
        e.NewValues = Serialize(type.GetProperties().Select(p => (p.Name, p.GetGetter().GetClrValue(entity))), _ => true);
        return e;
    }

    /// <summary>A record's key as text that reads the same on every server: a date key (a holiday) as 2026-01-01, never in the server's culture.</summary>
    private static string KeyText(IEnumerable<object?> values) => string.Join(",", values.Select(v => v switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => v?.ToString(),
    }));

    private static string Serialize(EntityEntry entry, Func<PropertyEntry, object?> value, Func<string, bool> include) =>
        Serialize(entry.Properties.Select(p => (p.Metadata.Name, value(p))), include);

    private static string Serialize(IEnumerable<(string Name, object? Value)> properties, Func<string, bool> include)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in properties)
        {
            if (Hidden.Contains(name) || !include(name)) continue;
            values[name] = Masked.Contains(name) && value is string text && text.Length > 0
                ? name == "Email" ? Features.Network.PersonalData.MaskEmail(text) : MaskPersonal(text)
                : value;
        }
        return JsonSerializer.Serialize(values, Json);
    }

    private static string MaskPersonal(string text) => text.Length <= 4 ? "****" : text[..Math.Min(3, text.Length - 4)] + "****" + text[^4..];
}

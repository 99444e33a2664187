using InvestTrack.Features.Audit;
using InvestTrack.Kernel;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace InvestTrack.Data;

/// <summary>
/// Every string that a save adds or changes passes <see cref="TextInput"/> here, whichever page, API, import or
/// command wrote it: normalised to NFC, codes (properties named *Code) without invisible characters, and refused
/// with <see cref="InvalidTextException"/> when it holds a control or bidirectional character or shows nothing.
/// A column of 500 characters or more (or unbounded) is multi-line and keeps tabs and line breaks.
/// </summary>
internal static class TextGuard
{
    /// <summary>Written by the system, not typed: the trail keeps what happened as it was (JSON-escaped), key XML is the framework's.</summary>
    private static readonly HashSet<Type> Exempt = [typeof(AuditEntry), typeof(DataProtectionKey)];

    public static void Apply(AppDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified) || Exempt.Contains(entry.Metadata.ClrType)) continue;
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.ClrType != typeof(string) || property.CurrentValue is not string text || text.Length == 0) continue;
                if (entry.State == EntityState.Modified && !property.IsModified) continue;
                var value = Clean(property.Metadata, text);
                if (!string.Equals(value, text, StringComparison.Ordinal)) property.CurrentValue = value;
            }
        }
    }

    /// <summary>The same for a new entity that is written without the change tracker (BulkInsert.InsertAuditedAsync).</summary>
    public static void ApplyToNew(IEntityType type, object entity)
    {
        if (Exempt.Contains(type.ClrType)) return;
        foreach (var property in type.GetProperties())
        {
            if (property.ClrType != typeof(string) || property.PropertyInfo is not { } info || info.GetValue(entity) is not string text || text.Length == 0) continue;
            var value = Clean(property, text);
            if (!string.Equals(value, text, StringComparison.Ordinal)) info.SetValue(entity, value);
        }
    }

    private static string Clean(IProperty property, string text)
    {
        var name = property.Name;
        var multiLine = TextInput.IsMultiLine(property.GetMaxLength());
        var value = TextInput.Normalise(text, multiLine);
        if (name.EndsWith("Code", StringComparison.Ordinal)) value = TextInput.Code(value) is { Length: > 0 } code ? code : value;
        if (TextInput.Problem(value, multiLine) is { } problem) throw new InvalidTextException(property.DeclaringType.ClrType.Name, name, problem);
        return value;
    }
}

using System.Collections.Concurrent;
using System.Reflection;
using InvestTrack.Kernel;
using InvestTrack.Kernel.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace InvestTrack.Data;

/// <summary>
/// Personal data (<see cref="PersonalDataAttribute"/>) sealed at rest, open in memory (docs/security.md 22).
/// <para>
/// Why here and not in each feature or in a value converter: the associated data binds a ciphertext to its row id, which
/// a value converter never sees and which a new row only gets from its insert. So the context seals in SaveChanges: a
/// changed value is sealed before the write, a new row's value after its insert (same transaction, before the audit
/// entries are written, so the row is never committed without it and never holds plaintext), and every entity read is
/// opened as it is materialised. Feature code keeps reading and writing plain strings on the entities; the global query
/// filters, compiled queries and unit scoping are untouched. The one thing it must not do is project a personal column
/// in SQL (<c>Select(x =&gt; x.Phone)</c>) — that reads the sealed text — so features read the entity, or
/// <see cref="PersonalDataCipher.Open"/> such a projection; and a search by phone compares the keyed hash column.
/// </para>
/// </summary>
internal static class PersonalDataSealing
{
    public sealed record Field(string Property, string? HashProperty);

    /// <summary>One personal column of the model, for the batch tools (migrate's encryption, rotate-keys).</summary>
    public sealed record Column(IEntityType Entity, string Table, string KeyColumn, string Name, string? HashColumn);

    private static readonly ConcurrentDictionary<Type, Field[]> FieldsByType = new();

    public static Field[] FieldsOf(Type type) => FieldsByType.GetOrAdd(type, t =>
        [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (p.Name, Attribute: p.GetCustomAttribute<PersonalDataAttribute>()))
            .Where(p => p.Attribute is not null).Select(p => new Field(p.Name, p.Attribute!.HashProperty))]);

    public static IReadOnlyList<Column> Columns(AppDbContext db) =>
    [
        .. db.Model.GetEntityTypes().Where(t => FieldsOf(t.ClrType).Length > 0).SelectMany(t => FieldsOf(t.ClrType).Select(f =>
        {
            var table = StoreObjectIdentifier.Table(t.GetTableName()!, t.GetSchema());
            return new Column(t, table.Name, t.FindPrimaryKey()!.Properties[0].GetColumnName(table)!,
                t.FindProperty(f.Property)!.GetColumnName(table)!, f.HashProperty is { } h ? t.FindProperty(h)!.GetColumnName(table) : null);
        })),
    ];

    public static PersonalDataCipher Cipher(AppDbContext db) => new((db.Keys ??
        throw new InvalidOperationException("This context has no key provider: it cannot read or write personal data (DatabaseSettings.Keys).")).Value);

    private static (string Table, string Column, object Id) Cell(IEntityType type, string property, object entity)
    {
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var key = type.FindPrimaryKey()!.Properties[0];
        return (table.Name, type.FindProperty(property)!.GetColumnName(table)!, key.GetGetter().GetClrValue(entity)!);
    }

    /// <summary>Opens a personal column that a query projected in SQL (the sealed text) for one row of <typeparamref name="T"/>.</summary>
    public static string? Open<T>(AppDbContext db, string property, object rowId, string? stored)
    {
        if (stored is null) return null;
        var type = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        return Cipher(db).Open(stored, table.Name, type.FindProperty(property)!.GetColumnName(table)!, rowId);
    }

    /// <summary>The values a save seals, to be put back in clear once written.</summary>
    public sealed class Save
    {
        private readonly List<(EntityEntry Entry, string Property, string? Plain, bool Added)> _values = [];
        private PersonalDataCipher? _cipher;

        public bool Any => _values.Count > 0;

        /// <summary>Before the write: changed values sealed and hashed; a new row's values held back until its id is known.</summary>
        public static Save Before(AppDbContext db)
        {
            var save = new Save();
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified))
            {
                var fields = FieldsOf(entry.Metadata.ClrType);
                if (fields.Length == 0) continue;
                foreach (var field in fields)
                {
                    var property = entry.Property(field.Property);
                    if (entry.State == EntityState.Modified && !property.IsModified) continue;
                    var plain = (string?)property.CurrentValue;
                    save._cipher ??= Cipher(db);
                    if (field.HashProperty is { } hash) entry.Property(hash).CurrentValue = save._cipher.PhoneHash(plain);
                    var added = entry.State == EntityState.Added;
                    save._values.Add((entry, field.Property, plain, added));
                    if (added) property.CurrentValue = null;
                    else
                    {
                        var (table, column, id) = Cell(entry.Metadata, field.Property, entry.Entity);
                        property.CurrentValue = save._cipher.Seal(plain, table, column, id);
                    }
                }
            }
            return save;
        }

        /// <summary>After a write: the entities hold their values in clear again, unchanged (for the audit entries and the caller).</summary>
        public void RestorePlain()
        {
            foreach (var (entry, name, plain, _) in _values)
            {
                if (entry.State is EntityState.Detached or EntityState.Deleted) continue;
                var property = entry.Property(name);
                property.CurrentValue = plain;
                property.OriginalValue = plain;
                property.IsModified = false;
            }
        }

        /// <summary>A failed write: the entities hold their values in clear again, still changed, as before the save.</summary>
        public void Undo()
        {
            foreach (var (entry, name, plain, _) in _values)
                if (entry.State is not EntityState.Detached) entry.Property(name).CurrentValue = plain;
        }

        /// <summary>After the insert: a new row's values sealed with its id, written by the save that follows (the audit entries').</summary>
        public void SealAdded()
        {
            foreach (var (entry, name, plain, added) in _values)
            {
                if (!added || plain is null || entry.State is EntityState.Detached or EntityState.Deleted) continue;
                var (table, column, id) = Cell(entry.Metadata, name, entry.Entity);
                entry.Property(name).CurrentValue = _cipher!.Seal(plain, table, column, id);
            }
        }
    }

    /// <summary>A tracked entity read from the database: its opened values are its original ones, so that it reads as unchanged.</summary>
    public static void OnTracked(EntityEntry entry)
    {
        foreach (var field in FieldsOf(entry.Metadata.ClrType))
        {
            var property = entry.Property(field.Property);
            property.OriginalValue = property.CurrentValue;
        }
    }

    /// <summary>Opens the personal values of every entity materialised from a query, tracked or not.</summary>
    public sealed class Opener : IMaterializationInterceptor
    {
        public static readonly Opener Instance = new();

        public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
        {
            var fields = FieldsOf(entity.GetType());
            if (fields.Length == 0 || materializationData.Context is not AppDbContext db) return entity;
            var cipher = Cipher(db);
            foreach (var field in fields)
            {
                var property = materializationData.EntityType.FindProperty(field.Property)!;
                var stored = (string?)property.GetGetter().GetClrValue(entity);
                if (stored is null) continue;
                var (table, column, id) = Cell(materializationData.EntityType, field.Property, entity);
                property.PropertyInfo!.SetValue(entity, cipher.Open(stored, table, column, id));
            }
            return entity;
        }
    }
}

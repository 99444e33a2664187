using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Text;
using InvestTrack.Data;
using InvestTrack.Kernel.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace InvestTrack.Features.Audit;

/// <summary>
/// The tamper-evident chain of the audit trail (docs/security.md 20). Every entry gets the next <see cref="AuditEntry.Sequence"/>
/// (1, 2, 3, … without a gap) and <c>Mac = HMAC-SM3(audit-mac key, Canonical(entry) ‖ previous Mac)</c>; the first entry
/// chains to <see cref="Genesis"/>. Sequence and MAC are given in the transaction that writes the entry, under a lock
/// that serialises every writer of every instance: on PostgreSQL <c>pg_advisory_xact_lock(<see cref="LockKey"/>)</c>,
/// on SQLite a write transaction (a no-op UPDATE takes SQLite's one write lock) — both taken before the last entry is
/// read and held until commit. The key never leaves the key provider; the database holds only MACs.
/// </summary>
public static class AuditChain
{
    /// <summary>The first bytes of every canonical form: a future format gets a new tag.</summary>
    public const string Format = "investtrack-audit-v1";

    /// <summary>The MAC the first entry chains to: SM3("investtrack-audit-genesis"), hex.</summary>
    public static readonly string Genesis = Convert.ToHexStringLower(Sm3.Hash("investtrack-audit-genesis"u8));

    /// <summary>The PostgreSQL advisory lock of the chain ("ITAUDIT" in ASCII).</summary>
    public const long LockKey = 0x49_54_41_55_44_49_54;

    /// <summary>
    /// The bytes the MAC covers: <see cref="Format"/>, then each field as a 4-byte big-endian length and its UTF-8 text
    /// (length 0xFFFFFFFF for null), in this order: Sequence, OccurredAt (UTC, yyyy-MM-ddTHH:mm:ss.ffffffZ), UserId,
    /// UserName, Role, UnitId, Address, Action, ObjectType, ObjectId, OldValues, NewValues, Result, TraceId. Numbers in
    /// invariant decimal. Every field but the storage key Id and the Mac itself (a test keeps this list complete).
    /// </summary>
    public static byte[] Canonical(AuditEntry e)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Encoding.ASCII.GetBytes(Format));
        Span<byte> length = stackalloc byte[4];
        foreach (var field in Fields(e))
        {
            if (field is null)
            {
                BinaryPrimitives.WriteUInt32BigEndian(length, uint.MaxValue);
                buffer.Write(length);
                continue;
            }
            var bytes = Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
            buffer.Write(length);
            buffer.Write(bytes);
        }
        return buffer.ToArray();
    }

    /// <summary>The names of the fields <see cref="Canonical"/> covers, in its order.</summary>
    public static readonly IReadOnlyList<string> CoveredFields =
    [
        nameof(AuditEntry.Sequence), nameof(AuditEntry.OccurredAt), nameof(AuditEntry.UserId), nameof(AuditEntry.UserName),
        nameof(AuditEntry.Role), nameof(AuditEntry.UnitId), nameof(AuditEntry.Address), nameof(AuditEntry.Action),
        nameof(AuditEntry.ObjectType), nameof(AuditEntry.ObjectId), nameof(AuditEntry.OldValues), nameof(AuditEntry.NewValues),
        nameof(AuditEntry.Result), nameof(AuditEntry.TraceId),
    ];

    private static IEnumerable<string?> Fields(AuditEntry e) =>
    [
        e.Sequence?.ToString(CultureInfo.InvariantCulture),
        e.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        e.UserId, e.UserName, e.Role, e.UnitId?.ToString(CultureInfo.InvariantCulture), e.Address, e.Action,
        e.ObjectType, e.ObjectId, e.OldValues, e.NewValues, e.Result, e.TraceId,
    ];

    public static string ComputeMac(byte[] key, AuditEntry e, string previousMac) =>
        Convert.ToHexStringLower(Sm3.Hmac(key, [.. Canonical(e), .. Convert.FromHexString(previousMac)]));

    /// <summary>PostgreSQL keeps microseconds: the MAC covers the moment as it will be read back on every provider.</summary>
    public static DateTimeOffset Normalise(DateTimeOffset moment)
    {
        var utc = moment.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }

    internal static byte[] Key(AppDbContext db) =>
        (db.Keys ?? throw new InvalidOperationException("This context has no key provider: it cannot write audit entries (DatabaseSettings.Keys)."))
        .Value.Secret(KeyNames.AuditMac);

    /// <summary>Gives the entries the next sequences and their MACs, in the context's transaction, under the chain's lock.</summary>
    public static async Task SealAsync(AppDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        var key = Key(db);
        await using (var lockCommand = Command(db, LockSql(db)))
            await lockCommand.ExecuteNonQueryAsync(ct);
        await using var head = Command(db, HeadSql);
        await using var reader = await head.ExecuteReaderAsync(ct);
        var (sequence, mac) = await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetString(1)) : (0L, Genesis);
        await reader.DisposeAsync();
        Apply(key, entries, sequence, mac);
    }

    /// <summary>The same for the synchronous save (Data Protection writes its keys synchronously).</summary>
    public static void Seal(AppDbContext db, IReadOnlyList<AuditEntry> entries)
    {
        if (entries.Count == 0) return;
        var key = Key(db);
        using (var lockCommand = Command(db, LockSql(db)))
            lockCommand.ExecuteNonQuery();
        long sequence;
        string mac;
        using (var head = Command(db, HeadSql))
        using (var reader = head.ExecuteReader())
            (sequence, mac) = reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0L, Genesis);
        Apply(key, entries, sequence, mac);
    }

    /// <summary>
    /// Seals the entries written before the chain existed (Sequence null), oldest Id first, after the sealed ones: part
    /// of `migrate` and of the SQLite start-up. On PostgreSQL the append-only trigger lets exactly this update through
    /// (Sequence and Mac set on a row that had none, nothing else changed).
    /// </summary>
    public static async Task<int> SealUnsealedAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (!await db.AuditEntries.AnyAsync(e => e.Sequence == null, ct)) return 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sealedCount = 0;
        while (true)
        {
            var batch = await db.AuditEntries.Where(e => e.Sequence == null).OrderBy(e => e.Id).Take(2000).ToListAsync(ct);
            if (batch.Count == 0) break;
            await SealAsync(db, batch, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            sealedCount += batch.Count;
        }
        await transaction.CommitAsync(ct);
        return sealedCount;
    }

    private static void Apply(byte[] key, IReadOnlyList<AuditEntry> entries, long sequence, string mac)
    {
        foreach (var entry in entries)
        {
            entry.OccurredAt = Normalise(entry.OccurredAt);
            entry.Sequence = ++sequence;
            entry.Mac = mac = ComputeMac(key, entry, mac);
        }
    }

    private const string HeadSql = "SELECT \"Sequence\", \"Mac\" FROM \"AuditEntries\" WHERE \"Sequence\" IS NOT NULL ORDER BY \"Sequence\" DESC LIMIT 1";

    /// <summary>PostgreSQL: the chain's advisory lock. SQLite: a statement that writes nothing still takes the database's write lock.</summary>
    private static string LockSql(AppDbContext db) => db.Database.IsNpgsql()
        ? $"SELECT pg_advisory_xact_lock({LockKey})"
        : "UPDATE \"AuditEntries\" SET \"Sequence\" = \"Sequence\" WHERE 0";

    private static DbCommand Command(AppDbContext db, string sql)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Audit entries are sealed inside a transaction.");
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }
}

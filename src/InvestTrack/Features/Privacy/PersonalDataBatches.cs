using System.Data.Common;
using InvestTrack.Data;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace InvestTrack.Features.Privacy;

/// <summary>How many stored values of one personal column are on one data-key version (<c>plain</c>: not yet sealed).</summary>
public sealed record KeyVersionCount(string Table, string Column, string Version, int Rows);

/// <summary>
/// The batch work on sealed personal data, straight on the columns (no entity is loaded, nothing else of a row changes,
/// no audit entry per row): `migrate` seals plaintext left by an older version, `rotate-keys` re-seals every value that
/// is not on the current data key. Each batch is its own transaction, and a value is only replaced when it is still the
/// one read, so a run stopped at any point loses nothing and the next run continues where it stopped; a user's save in
/// between wins.
/// </summary>
public static class PersonalDataBatches
{
    public const int DefaultBatchSize = 500;
    public const string ObjectType = "PersonalData";
    public const string RotateAction = "RotateKeys";
    public const string SealAction = "SealPersonalData";

    /// <summary>`migrate`: seals every value stored in clear (a database from before encryption), in batches; 0 when there was none.</summary>
    public static async Task<int> SealPlaintextAsync(AppDbContext db, int batchSize = DefaultBatchSize, CancellationToken ct = default)
    {
        var columns = PersonalDataSealing.Columns(db);
        if (await CountAsync(db, columns, "v%:%") == 0) return 0;
        var cipher = PersonalDataSealing.Cipher(db);
        var done = await ResealAsync(db, cipher, columns, "v%:%", batchSize, null, _ => { }, ct);
        await AdminGuard.AuditAsync(db, SealAction, ObjectType, "", new { rows = done.Rows, version = cipher.CurrentPrefix.TrimEnd(':') }, ct);
        return done.Rows;
    }

    public sealed record RotationResult(int Version, bool NewKey, int Rows, bool Finished);

    /// <summary>
    /// `rotate-keys`: a new data-key version when every value is on the current one (else the unfinished rotation goes on),
    /// then every value on an older version (or in clear) re-sealed under it, <paramref name="batchSize"/> rows a
    /// transaction; <paramref name="maxBatches"/> stops early (what is left is continued by the next run). Audited when it
    /// starts and when it ends.
    /// </summary>
    public static async Task<RotationResult> RotateAsync(AppDbContext db, IKeyProvider keys, int batchSize, int? maxBatches,
        Action<string> progress, CancellationToken ct = default)
    {
        var columns = PersonalDataSealing.Columns(db);
        var cipher = new PersonalDataCipher(keys);
        var factors = new Account.TwoFactor.TotpFactor(keys);
        var newKey = false;
        if (await CountAsync(db, columns, cipher.CurrentPrefix + "%") == 0 && await FactorsBehindAsync(db, keys, ct) == 0)
        {
            keys.AddDataKey();
            newKey = true;
        }
        var version = keys.CurrentDataKey().Version;
        var total = await CountAsync(db, columns, cipher.CurrentPrefix + "%");
        progress(newKey ? $"新密钥 new data key v{version}; {total} values to re-encrypt" : $"继续 continuing with data key v{version}; {total} values left");
        await AdminGuard.AuditAsync(db, RotateAction, ObjectType, "", new { phase = "start", version, newKey, rows = total }, ct);
        var done = await ResealAsync(db, cipher, columns, cipher.CurrentPrefix + "%", batchSize, maxBatches,
            count => progress($"{count}/{total}"), ct);
        var left = await CountAsync(db, columns, cipher.CurrentPrefix + "%");
        // The authenticator secrets (two-factor sign-in) are sealed under the same data keys: re-sealed last, in one
        // transaction (one per user who has a factor), so that the old key file may go once --status shows nothing on it.
        if (left == 0) done = done with { Rows = done.Rows + await ResealFactorsAsync(db, keys, factors, ct) };
        await AdminGuard.AuditAsync(db, RotateAction, ObjectType, "", new { phase = left == 0 ? "done" : "stopped", version, rows = done.Rows, left }, ct);
        return new RotationResult(version, newKey, done.Rows, left == 0);
    }

    /// <summary>`rotate-keys --status`: per column, how many values are on each data-key version, and in clear.</summary>
    public static async Task<IReadOnlyList<KeyVersionCount>> StatusAsync(AppDbContext db, IKeyProvider keys, CancellationToken ct = default)
    {
        var result = new List<KeyVersionCount>();
        var current = keys.CurrentDataKey().Version;
        foreach (var column in PersonalDataSealing.Columns(db))
        {
            var all = await ScalarAsync(db, $"SELECT COUNT(*) FROM {Q(column.Table)} WHERE {Q(column.Name)} IS NOT NULL", null, ct);
            var sealedCount = 0;
            for (var v = 1; v <= current; v++)
            {
                var n = await ScalarAsync(db, $"SELECT COUNT(*) FROM {Q(column.Table)} WHERE {Q(column.Name)} LIKE @p", PersonalDataCipher.Prefix(v) + "%", ct);
                sealedCount += n;
                if (n > 0) result.Add(new(column.Table, column.Name, $"v{v}", n));
            }
            if (all > sealedCount) result.Add(new(column.Table, column.Name, "plain", all - sealedCount));
        }
        foreach (var group in (await SealedFactorsAsync(db, ct)).GroupBy(u => FactorVersion(u.TotpSecret!)).OrderBy(g => g.Key))
            result.Add(new("AspNetUsers", nameof(Users.AppUser.TotpSecret), $"v{group.Key}", group.Count()));
        return result;
    }

    private static Task<List<Users.AppUser>> SealedFactorsAsync(AppDbContext db, CancellationToken ct) =>
        db.Users.Where(u => u.TotpSecret != null).OrderBy(u => u.Id).ToListAsync(ct);

    /// <summary>The data-key version of a sealed authenticator secret ("version:base64", <see cref="Account.TwoFactor.TotpFactor"/>).</summary>
    private static int FactorVersion(string stored) =>
        int.Parse(stored.AsSpan(0, Math.Max(stored.IndexOf(':'), 0)), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<int> FactorsBehindAsync(AppDbContext db, IKeyProvider keys, CancellationToken ct)
    {
        var current = keys.CurrentDataKey().Version;
        return (await SealedFactorsAsync(db, ct)).Count(u => FactorVersion(u.TotpSecret!) != current);
    }

    private static async Task<int> ResealFactorsAsync(AppDbContext db, IKeyProvider keys, Account.TwoFactor.TotpFactor factors, CancellationToken ct)
    {
        var current = keys.CurrentDataKey().Version;
        var behind = (await SealedFactorsAsync(db, ct)).Where(u => FactorVersion(u.TotpSecret!) != current).ToList();
        foreach (var user in behind) user.TotpSecret = factors.Seal(user.Id, factors.Open(user.Id, user.TotpSecret!));
        await db.SaveChangesAsync(ct);
        return behind.Count;
    }

    private sealed record Done(int Rows);

    /// <summary>Re-seals, under the current key, every non-null value that does not match <paramref name="skipLike"/>.</summary>
    private static async Task<Done> ResealAsync(AppDbContext db, PersonalDataCipher cipher, IReadOnlyList<PersonalDataSealing.Column> columns,
        string skipLike, int batchSize, int? maxBatches, Action<int> progress, CancellationToken ct)
    {
        var rows = 0;
        var batches = 0;
        foreach (var column in columns)
        {
            var after = long.MinValue;
            while (maxBatches is null || batches < maxBatches)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var batch = new List<(long Id, string Stored)>();
                await using (var select = Command(db, transaction,
                    $"SELECT {Q(column.KeyColumn)}, {Q(column.Name)} FROM {Q(column.Table)} WHERE {Q(column.Name)} IS NOT NULL AND {Q(column.Name)} NOT LIKE @skip " +
                    $"AND {Q(column.KeyColumn)} > @after ORDER BY {Q(column.KeyColumn)} LIMIT @n", ("skip", skipLike), ("after", after), ("n", batchSize)))
                await using (var reader = await select.ExecuteReaderAsync(ct))
                    while (await reader.ReadAsync(ct)) batch.Add((Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1)));
                if (batch.Count == 0) break;
                foreach (var (id, stored) in batch)
                {
                    var plain = cipher.Open(stored, column.Table, column.Name, id);
                    var set = column.HashColumn is { } hash ? $"{Q(column.Name)} = @value, {Q(hash)} = @hash" : $"{Q(column.Name)} = @value";
                    await using var update = Command(db, transaction, $"UPDATE {Q(column.Table)} SET {set} WHERE {Q(column.KeyColumn)} = @id AND {Q(column.Name)} = @old",
                        ("value", cipher.Seal(plain, column.Table, column.Name, id)), ("hash", cipher.PhoneHash(plain)), ("id", (int)id), ("old", stored));
                    rows += await update.ExecuteNonQueryAsync(ct);
                }
                await transaction.CommitAsync(ct);
                after = batch[^1].Id;
                batches++;
                progress(rows);
            }
        }
        return new Done(rows);
    }

    private static async Task<int> CountAsync(AppDbContext db, IReadOnlyList<PersonalDataSealing.Column> columns, string skipLike)
    {
        var count = 0;
        foreach (var column in columns)
            count += await ScalarAsync(db, $"SELECT COUNT(*) FROM {Q(column.Table)} WHERE {Q(column.Name)} IS NOT NULL AND {Q(column.Name)} NOT LIKE @p", skipLike, default);
        return count;
    }

    private static async Task<int> ScalarAsync(AppDbContext db, string sql, string? parameter, CancellationToken ct)
    {
        await using var command = Command(db, db.Database.CurrentTransaction, sql, parameter is null ? [] : [("p", parameter)]);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static DbCommand Command(AppDbContext db, IDbContextTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) db.Database.OpenConnection();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    /// <summary>A quoted identifier; the same on PostgreSQL and SQLite. Names come from the model, never from input.</summary>
    private static string Q(string identifier) => $"\"{identifier}\"";
}

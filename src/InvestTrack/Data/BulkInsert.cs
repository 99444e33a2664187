using System.Data.Common;
using InvestTrack.Features.Audit;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace InvestTrack.Data;

/// <summary>
/// Inserts many rows of one entity type fast: binary COPY on PostgreSQL, one prepared statement in a
/// transaction on SQLite. Columns and conversions come from the EF model, so it follows the migrations.
/// <see cref="InsertAsync"/> is for synthetic data and benchmarks: it bypasses change tracking and the per-record
/// audit, so callers write one summary audit entry themselves. <see cref="InsertAuditedAsync"/> does what SaveChanges
/// does for new entities, for the import.
/// </summary>
public static class BulkInsert
{
    public static async Task<int> InsertAsync<T>(AppDbContext db, IEnumerable<T> rows, CancellationToken ct = default) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var (table, columns) = Columns(entity, withGeneratedKey: false);

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return db.Database.GetDbConnection() is NpgsqlConnection npgsql
                ? await CopyAsync(npgsql, table, columns, rows, TimeoutOf(db), ct)
                : await InsertPreparedAsync(db.Database.GetDbConnection(), table, columns, rows, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// New entities by binary COPY in the caller's transaction (PostgreSQL), with what SaveChanges does for an added
    /// entity: text checked and normalised (<see cref="TextGuard"/>), the acting user's unit scope demanded
    /// (<see cref="UnitWriteGuard"/>), and for audited entities keys drawn from the table's identity and set on them and one
    /// Create audit entry each with the same values (<see cref="AuditCapture.Created"/>). A failure anywhere
    /// leaves the transaction to roll back: all or nothing. No row is tracked, so 100 000 cost no change detection.
    /// </summary>
    public static async Task InsertAuditedAsync<T>(AppDbContext db, IReadOnlyList<T> rows, CancellationToken ct = default) where T : class
    {
        if (rows.Count == 0) return;
        if (db.Database.CurrentTransaction is null || db.Database.GetDbConnection() is not NpgsqlConnection connection)
            throw new InvalidOperationException("InsertAuditedAsync writes on PostgreSQL inside the caller's transaction");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        foreach (var row in rows)
        {
            TextGuard.ApplyToNew(entity, row);
            UnitWriteGuard.CheckNew(db, row);
        }
        // Keys of audited rows are drawn here, since their entries name them (and the caller links rows by them);
        // other rows take the table's own.
        var audited = rows[0] is IAudited;
        var (table, columns) = Columns(entity, withGeneratedKey: audited);
        var key = entity.FindPrimaryKey()!.Properties.Single();
        if (audited && key.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never)
        {
            // The identity's own sequence hands out the keys, as for an INSERT: other writers keep theirs.
            await using var next = new NpgsqlCommand("SELECT nextval(pg_get_serial_sequence(@table, @column)) FROM generate_series(1, @count)", connection);
            next.Parameters.AddWithValue("table", $"\"{table}\"");
            next.Parameters.AddWithValue("column", key.GetColumnName());
            next.Parameters.AddWithValue("count", rows.Count);
            await using var reader = await next.ExecuteReaderAsync(ct);
            for (var i = 0; await reader.ReadAsync(ct); i++) key.PropertyInfo!.SetValue(rows[i], Convert.ChangeType(reader.GetInt64(0), key.ClrType, System.Globalization.CultureInfo.InvariantCulture));
        }
        await CopyAsync(connection, table, columns, rows, TimeoutOf(db), ct);
        if (!audited) return;
        var auditEntity = db.Model.FindEntityType(typeof(AuditEntry))!;
        var (auditTable, auditColumns) = Columns(auditEntity, withGeneratedKey: false);
        var entries = rows.Select(r => AuditCapture.Created(db, entity, r)).ToList();
        // Into the chain like every other entry: the chain's lock is taken here and held until the caller commits.
        await AuditChain.SealAsync(db, entries, ct);
        await CopyAsync(connection, auditTable, auditColumns, entries, TimeoutOf(db), ct);
    }

    /// <summary>A column and how to read its stored value from an entity.</summary>
    private sealed record Column(string Name, IClrPropertyGetter Getter, ValueConverter? Converter, string DataType)
    {
        public object? StoreValue(object entity)
        {
            var value = Getter.GetClrValue(entity);
            return value is not null && Converter is not null ? Converter.ConvertToProvider(value) : value;
        }
    }

    private static (string Table, List<Column> Columns) Columns(IEntityType entity, bool withGeneratedKey)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // Generated keys are left to the database unless the caller draws them; generated columns
        // (StageChange.ChangedAtBeijing) always are.
        var columns = entity.GetProperties()
            .Where(p => (withGeneratedKey || p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never || !p.IsPrimaryKey())
                && p.GetComputedColumnSql(table) is null)
            .Select(p => new Column(p.GetColumnName(table)!, p.GetGetter(), p.GetTypeMapping().Converter, p.GetColumnType())).ToList();
        return (table.Name, columns);
    }

    /// <summary>The context's command timeout (DatabaseSettings: 120 s), not the connection's 30 s.</summary>
    private static TimeSpan TimeoutOf(AppDbContext db) => TimeSpan.FromSeconds(db.Database.GetCommandTimeout() ?? 120);

    private static async Task<int> CopyAsync<T>(NpgsqlConnection connection, string table, List<Column> columns, IEnumerable<T> rows, TimeSpan timeout, CancellationToken ct)
        where T : class
    {
        var sql = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(sql, ct);
        // Completing a COPY runs the statement's triggers (the running year totals): as long as a statement may take.
        writer.Timeout = timeout;
        var count = 0;
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                var value = column.StoreValue(row);
                if (value is null) await writer.WriteNullAsync(ct);
                else await writer.WriteAsync(value, column.DataType, ct);
            }
            count++;
        }
        await writer.CompleteAsync(ct);
        return count;
    }

    private static async Task<int> InsertPreparedAsync<T>(DbConnection connection, string table, List<Column> columns, IEnumerable<T> rows, CancellationToken ct)
        where T : class
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = columns.Select((_, i) =>
        {
            var p = command.CreateParameter();
            p.ParameterName = $"@p{i}";
            command.Parameters.Add(p);
            return p;
        }).ToList();
        await command.PrepareAsync(ct);
        var count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++) parameters[i].Value = columns[i].StoreValue(row) ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
            count++;
        }
        await transaction.CommitAsync(ct);
        return count;
    }
}

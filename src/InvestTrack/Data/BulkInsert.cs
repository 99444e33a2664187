using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace InvestTrack.Data;

/// <summary>
/// Inserts many rows of one entity type fast: binary COPY on PostgreSQL, one prepared statement in a
/// transaction on SQLite. Columns and conversions come from the EF model, so it follows the migrations.
/// For synthetic data and benchmarks: it bypasses change tracking and the per-record audit, so callers
/// write one summary audit entry themselves.
/// </summary>
public static class BulkInsert
{
    public static async Task<int> InsertAsync<T>(AppDbContext db, IEnumerable<T> rows, CancellationToken ct = default) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // Generated keys and generated columns (StageChange.ChangedAtBeijing) are left to the database.
        var properties = entity.GetProperties()
            .Where(p => (p.ValueGenerated == ValueGenerated.Never || !p.IsPrimaryKey()) && p.GetComputedColumnSql(table) is null).ToList();
        var columns = properties.Select(p => p.GetColumnName(table)!).ToList();

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return db.Database.GetDbConnection() is NpgsqlConnection npgsql
                ? await CopyAsync(npgsql, table.Name, columns, properties, rows, ct)
                : await InsertPreparedAsync(db.Database.GetDbConnection(), table.Name, columns, properties, rows, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static object? StoreValue(IProperty property, object entity)
    {
        var value = property.PropertyInfo!.GetValue(entity);
        var converter = property.GetTypeMapping().Converter;
        if (value is not null && converter is not null) value = converter.ConvertToProvider(value);
        return value;
    }

    private static async Task<int> CopyAsync<T>(NpgsqlConnection connection, string table, List<string> columns, List<IProperty> properties, IEnumerable<T> rows, CancellationToken ct)
        where T : class
    {
        var sql = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(sql, ct);
        var count = 0;
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var property in properties)
            {
                var value = StoreValue(property, row);
                if (value is null) await writer.WriteNullAsync(ct);
                else await writer.WriteAsync(value, property.GetColumnType(), ct);
            }
            count++;
        }
        await writer.CompleteAsync(ct);
        return count;
    }

    private static async Task<int> InsertPreparedAsync<T>(DbConnection connection, string table, List<string> columns, List<IProperty> properties, IEnumerable<T> rows, CancellationToken ct)
        where T : class
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
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
            for (var i = 0; i < properties.Count; i++) parameters[i].Value = StoreValue(properties[i], row) ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
            count++;
        }
        await transaction.CommitAsync(ct);
        return count;
    }
}

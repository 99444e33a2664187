using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InvestTrack.Data;

/// <summary>
/// SQLite waits for a lock instead of failing at once. A save commits when its statement finishes (EF's INSERT/UPDATE …
/// RETURNING), and while a reader holds the file that commit met "database is locked" at once: Microsoft.Data.Sqlite
/// retries only a statement's first step (dotnet/efcore#29514). Seen as a job's run left at 运行中 and a job whose retry
/// went to recording a run instead of its work. With SQLite's own busy handler, the commit waits up to the command
/// timeout, as the first step already did.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    /// <summary>30 s: EF's default command timeout.</summary>
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

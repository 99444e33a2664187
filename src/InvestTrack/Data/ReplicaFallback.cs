using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace InvestTrack.Data;

/// <summary>
/// On the replica's read contexts: when the replica does not accept a connection (stopped, starting, unreachable),
/// the context reads the primary instead and the replica counts as unreachable, so a stopped replica costs no failed
/// page. A query that loses its replica connection half-way fails once; it marks the replica unreachable and empties
/// its pool, so the next reads go to the primary.
/// </summary>
internal sealed class ReplicaFallback(DatabaseSettings settings, ReplicaLag lag) : DbConnectionInterceptor, IDbCommandInterceptor
{
    /// <summary>Connections switched to the primary stay there for their context's life.</summary>
    private readonly ConditionalWeakTable<DbConnection, object> _onPrimary = [];

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        if (result.IsSuppressed || _onPrimary.TryGetValue(connection, out _)) return result;
        try
        {
            connection.Open();
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            ToPrimary(connection, e);
            connection.Open();
        }
        return InterceptionResult.Suppress();
    }

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        if (result.IsSuppressed || _onPrimary.TryGetValue(connection, out _)) return result;
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            ToPrimary(connection, e);
            await connection.OpenAsync(cancellationToken);
        }
        return InterceptionResult.Suppress();
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Lost(command, eventData.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Lost(command, eventData.Exception);
        return Task.CompletedTask;
    }

    private void ToPrimary(DbConnection connection, Exception e)
    {
        lag.MarkUnreachable(e);
        connection.ConnectionString = settings.ConnectionString;
        _onPrimary.AddOrUpdate(connection, true);
    }

    private void Lost(DbCommand command, Exception e)
    {
        if (command.Connection is not NpgsqlConnection connection || _onPrimary.TryGetValue(connection, out _) || !IsConnectionFailure(e)) return;
        lag.MarkUnreachable(e);
        NpgsqlConnection.ClearPool(connection);
    }

    /// <summary>
    /// The server is gone or refuses sessions: network and I/O errors, connection exceptions (SQLSTATE class 08), and
    /// shutdown or start-up (57P01–57P03). Not a query's own error, nor a conflict with recovery.
    /// </summary>
    private static bool IsConnectionFailure(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState is "57P01" or "57P02" or "57P03",
        NpgsqlException => true,
        TimeoutException => true,
        _ => false,
    };
}

using System.Net;
using Npgsql;

namespace InvestTrack.Data;

/// <summary>
/// TLS to PostgreSQL (docs/security.md 24). Outside Development a connection string that names no SSL mode gets
/// VerifyFull (encrypted, and the server's certificate checked against its host name) for a database on another
/// machine, and a mode that may fall back to plaintext (Disable, Allow, Prefer) to such a database stops start-up
/// unless Database:AllowPlaintext says otherwise in writing. A database on this machine (loopback or a Unix socket)
/// is not reached over the network and keeps what the string says.
/// </summary>
public static class PostgresTransport
{
    public const string AllowPlaintextKey = "Database:AllowPlaintext";

    public static string Secure(string connectionString, string key, bool development, bool allowPlaintext)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (development || IsLocal(builder.Host)) return builder.ConnectionString;
        if (!NamesSslMode(connectionString)) builder.SslMode = SslMode.VerifyFull;
        else if (builder.SslMode is SslMode.Disable or SslMode.Allow or SslMode.Prefer && !allowPlaintext)
            throw new ConfigurationException(key,
                $"SSL Mode={builder.SslMode} to {builder.Host}, a database on another machine that may then be reached in plaintext; "
                + $"use SSL Mode=VerifyFull (the default when no mode is named) or VerifyCA, or set {AllowPlaintextKey}=true");
        return builder.ConnectionString;
    }

    /// <summary>Every host is this machine: a loopback name or address, or a Unix socket directory.</summary>
    public static bool IsLocal(string? hosts) => !string.IsNullOrWhiteSpace(hosts) && hosts.Split(',').All(entry =>
    {
        var host = entry.Trim();
        // host:port, [v6]:port
        if (host.StartsWith('[') && host.IndexOf(']') is var close and > 0) host = host[1..close];
        else if (host.Count(c => c == ':') == 1) host = host[..host.IndexOf(':')];
        return host.StartsWith('/') || host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    });

    private static bool NamesSslMode(string connectionString)
    {
        var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>();
        return keys.Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("sslmode", StringComparison.OrdinalIgnoreCase));
    }
}

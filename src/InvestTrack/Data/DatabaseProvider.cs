using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InvestTrack.Data;

public enum DatabaseProviderKind { Sqlite, Postgres }

/// <summary>
/// The one place where the provider is chosen (Database:Provider, ConnectionStrings:InvestTrack) and, on PostgreSQL,
/// an optional streaming replica for reports (ConnectionStrings:InvestTrackRead, Database:ReplicaMaxLagSeconds).
/// </summary>
public sealed class DatabaseSettings
{
    public DatabaseProviderKind Provider { get; init; }
    public required string ConnectionString { get; init; }

    /// <summary>The read replica; null without one (always on SQLite: an embedded file has no replica).</summary>
    public string? ReadConnectionString { get; init; }

    /// <summary>How far the replica may be behind the primary and still serve reads.</summary>
    public TimeSpan ReplicaMaxLag { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The keys of the audit chain, set by the app's services (CoreServices); a context without them cannot write audit entries.</summary>
    public Lazy<Kernel.Crypto.IKeyProvider>? Keys { get; set; }

    /// <summary>Reads and checks the configuration; a missing or wrong value stops start-up with a message naming it.</summary>
    /// <param name="development">The Development environment: PostgreSQL without TLS is allowed anywhere (PostgresTransport).</param>
    public static DatabaseSettings FromConfiguration(IConfiguration configuration, string contentRoot, bool development = false)
    {
        var providerText = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(providerText))
            throw new ConfigurationException("Database:Provider", "missing; set it to Sqlite or Postgres (environment variable Database__Provider)");
        if (!Enum.TryParse<DatabaseProviderKind>(providerText, ignoreCase: true, out var provider))
            throw new ConfigurationException("Database:Provider", $"'{providerText}' is not Sqlite or Postgres");
        var connection = configuration.GetConnectionString("InvestTrack");
        if (string.IsNullOrWhiteSpace(connection))
            throw new ConfigurationException("ConnectionStrings:InvestTrack", "missing (environment variable ConnectionStrings__InvestTrack)");
        var allowPlaintext = configuration.GetValue(PostgresTransport.AllowPlaintextKey, false);
        connection = provider == DatabaseProviderKind.Sqlite ? SqliteFiles.EnsureFolder(connection, contentRoot)
            : PostgresTransport.Secure(WithPostgresDefaults(connection), "ConnectionStrings:InvestTrack", development, allowPlaintext);
        var maxLag = configuration.GetValue("Database:ReplicaMaxLagSeconds", 5.0);
        if (!(maxLag is > 0 and <= 3600))
            throw new ConfigurationException("Database:ReplicaMaxLagSeconds", $"{maxLag}, not a number of seconds above 0 and at most 3600");
        var read = configuration.GetConnectionString("InvestTrackRead");
        return new DatabaseSettings
        {
            Provider = provider,
            ConnectionString = connection,
            ReadConnectionString = provider == DatabaseProviderKind.Postgres && !string.IsNullOrWhiteSpace(read)
                ? PostgresTransport.Secure(WithPostgresDefaults(read), "ConnectionStrings:InvestTrackRead", development, allowPlaintext) : null,
            ReplicaMaxLag = TimeSpan.FromSeconds(maxLag),
        };
    }

    /// <summary>
    /// Session settings for PostgreSQL unless the connection string gives its own Options: JIT compilation off,
    /// because the statistics' aggregates over a year of funds cost ~100 ms more to compile than to run
    /// (bench/README.md, figures).
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.Options)) builder.Options = "-c jit=off";
        return builder.ConnectionString;
    }

    public DbContextOptions BuildOptions(ILoggerFactory? loggerFactory = null) => Builder(ConnectionString, loggerFactory).Options;

    /// <summary>
    /// Options of read contexts (<see cref="ReadContexts"/>): on the primary or the replica, no tracking, and a save refused.
    /// </summary>
    public DbContextOptions BuildReadOptions(string connectionString, ILoggerFactory? loggerFactory, params IInterceptor[] interceptors) =>
        Builder(connectionString, loggerFactory)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .AddInterceptors([new ReadOnlyContext(), .. interceptors])
            .Options;

    private DbContextOptionsBuilder Builder(string connectionString, ILoggerFactory? loggerFactory)
    {
        var builder = Provider == DatabaseProviderKind.Postgres
            ? new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString, o => o.CommandTimeout(120))
            : (DbContextOptionsBuilder)new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connectionString).AddInterceptors(SqliteBusyTimeout.Instance);
        if (loggerFactory is not null) builder.UseLoggerFactory(loggerFactory);
        return builder;
    }

    public AppDbContext CreateContext(DbContextOptions options, CurrentUser user)
    {
        AppDbContext db = Provider == DatabaseProviderKind.Postgres ? new PostgresAppDbContext(options, user) : new SqliteAppDbContext(options, user);
        db.Keys = Keys;
        return db;
    }
}

public sealed class ConfigurationException(string key, string problem)
    : Exception($"Configuration value '{key}' is {problem}.")
{
    public string Key { get; } = key;
}

public sealed class PostgresAppDbContext(DbContextOptions options, CurrentUser user) : AppDbContext(options, user);

public sealed class SqliteAppDbContext(DbContextOptions options, CurrentUser user) : AppDbContext(options, user);

/// <summary>Design-time factories for dotnet-ef; the connection strings are never opened when adding migrations.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=investtrack_design").Options, DesignUser());

    internal static CurrentUser DesignUser()
    {
        var user = new CurrentUser();
        user.SetSystem("design");
        return user;
    }
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options, PostgresDesignTimeFactory.DesignUser());
}

using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InvestTrack.Data;

/// <summary>
/// Contexts for reports and large lists (figures, dashboards, exports, the project and funds lists): they may read a
/// streaming replica. Read-only: no tracking, and SaveChanges is refused. Writes, and whatever a service reads to
/// decide a write, take <see cref="IDbContextFactory{AppDbContext}"/>.
/// </summary>
public interface IReadDbContextFactory : IDbContextFactory<AppDbContext>;

/// <summary>
/// Scoped, like <see cref="AppDbContextFactory"/>: each context carries the acting user's unit scope. A context reads the
/// replica when one is configured, its measured lag is within Database:ReplicaMaxLagSeconds and the user has not
/// written in that time (their own records read the primary); otherwise, and always on SQLite, the primary. The choice
/// holds for the context's life, so the queries of one context see one server.
/// </summary>
public sealed class ReadContexts(DatabaseSettings settings, ReadOptions options, ReplicaLag replica, RecentWrites writes, CurrentUser user)
    : IReadDbContextFactory
{
    public AppDbContext CreateDbContext() =>
        settings.CreateContext(options.Replica is { } onReplica && !writes.ReadsPrimary && replica.IsUsable() ? onReplica : options.Primary, user);

    /// <summary>Read contexts on the primary alone, for tools that build services by hand (bench/).</summary>
    public static IReadDbContextFactory OnPrimary(DatabaseSettings settings, CurrentUser user, ILoggerFactory? loggers = null) =>
        new Primary(settings, settings.BuildReadOptions(settings.ConnectionString, loggers), user);

    private sealed class Primary(DatabaseSettings settings, DbContextOptions options, CurrentUser user) : IReadDbContextFactory
    {
        public AppDbContext CreateDbContext() => settings.CreateContext(options, user);
    }
}

/// <summary>The read contexts' options: on the primary, and on the replica when there is one.</summary>
public sealed class ReadOptions(DbContextOptions primary, DbContextOptions? replica)
{
    public DbContextOptions Primary { get; } = primary;
    public DbContextOptions? Replica { get; } = replica;

    public static ReadOptions Build(DatabaseSettings settings, ILoggerFactory loggers, ReplicaLag lag) => new(
        settings.BuildReadOptions(settings.ConnectionString, loggers),
        settings.ReadConnectionString is { } read ? settings.BuildReadOptions(read, loggers, new ReplicaFallback(settings, lag)) : null);
}

/// <summary>A read context never writes: a save through one is a programming error, refused before any SQL.</summary>
internal sealed class ReadOnlyContext : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) => throw Refused();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        throw Refused();

    private static InvalidOperationException Refused() =>
        new("A read context (IReadDbContextFactory) does not save: write through IDbContextFactory<AppDbContext>.");
}

public static class ReadContextServices
{
    /// <summary>The read contexts, the replica's lag and the memory of recent writers.</summary>
    public static void AddReadContexts(this IServiceCollection services)
    {
        services.AddSingleton<ReplicaLag>();
        services.AddSingleton<RecentWriters>();
        services.AddScoped<RecentWrites>();
        services.AddSingleton(sp => ReadOptions.Build(sp.GetRequiredService<DatabaseSettings>(), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<ReplicaLag>()));
        services.AddScoped<IReadDbContextFactory, ReadContexts>();
    }
}

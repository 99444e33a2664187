using InvestTrack.Data;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.UnitTests;

/// <summary>Fails when the model changed and a provider's migration set was not regenerated (scripts/add-migration.sh).</summary>
public class MigrationTests
{
    private static CurrentUser System()
    {
        var user = new CurrentUser();
        user.SetSystem("test");
        return user;
    }

    [Fact]
    public void Postgres_migrations_match_the_model()
    {
        using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost").Options, System());
        Assert.False(db.Database.HasPendingModelChanges(), "PostgreSQL has pending model changes: run scripts/add-migration.sh NAME");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options, System());
        Assert.False(db.Database.HasPendingModelChanges(), "SQLite has pending model changes: run scripts/add-migration.sh NAME");
        Assert.Equal(
            new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost").Options, System())
                .Database.GetMigrations().Select(m => m[15..]),
            db.Database.GetMigrations().Select(m => m[15..]));
    }

    /// <summary>
    /// A migration that calls live code (a SQL builder, a constant of a feature) would create a different schema on a
    /// fresh install the day that code changes: each migration holds its own literal SQL and names nothing of the app.
    /// </summary>
    [Fact]
    public void Migrations_hold_their_own_SQL_and_call_no_code_of_the_app()
    {
        var migrations = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}InvestTrack.Migrations.", StringComparison.Ordinal)
                && !f.EndsWith(".Designer.cs", StringComparison.Ordinal) && !f.EndsWith("ModelSnapshot.cs", StringComparison.Ordinal))
            .ToList();
        Assert.True(migrations.Count >= 16, $"{migrations.Count} migrations found");
        var calling = migrations.Where(f => File.ReadAllText(f) is var text
            && (text.Contains("using InvestTrack.", StringComparison.Ordinal) || text.Contains("InvestTrack.Features", StringComparison.Ordinal)
                || text.Contains("InvestTrack.Kernel", StringComparison.Ordinal) || text.Contains("InvestTrack.Infrastructure", StringComparison.Ordinal)))
            .Select(Path.GetFileName).ToList();
        Assert.Empty(calling);
    }
}

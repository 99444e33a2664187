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
}

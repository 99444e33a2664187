using InvestTrack.Data;

namespace InvestTrack.IntegrationTests.WeeklyDispatch;

/// <summary>A clock the test moves: each scenario sets the moment it needs (and signs in again after a move).</summary>
public sealed class MovableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Sets the clock to a wall-clock time in China (UTC+8).</summary>
    public void SetChina(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        Now = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromHours(8));
}

public sealed class PostgresDispatchFixture() : AppFixture(DatabaseProviderKind.Postgres, new MovableClock(DateTimeOffset.UtcNow));

public sealed class SqliteDispatchFixture() : AppFixture(DatabaseProviderKind.Sqlite, new MovableClock(DateTimeOffset.UtcNow));

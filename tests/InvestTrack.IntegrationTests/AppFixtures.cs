using InvestTrack.Data;
using InvestTrack.Tests;

namespace InvestTrack.IntegrationTests;

/// <summary>One app per provider, shared by the tests of a class; tests must not depend on each other's writes.</summary>
public abstract class AppFixture(DatabaseProviderKind provider, TimeProvider? clock = null) : IAsyncLifetime
{
    public TestApp App { get; } = new(provider, clock: clock);

    public async Task InitializeAsync() => await App.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class PostgresFixture() : AppFixture(DatabaseProviderKind.Postgres);

public sealed class SqliteFixture() : AppFixture(DatabaseProviderKind.Sqlite);

/// <summary>The app's clock stopped when the fixture is made: "today" and "tomorrow" cannot move under a test at midnight.</summary>
public sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

public sealed class PostgresStoppedClockFixture() : AppFixture(DatabaseProviderKind.Postgres, new StoppedClock(DateTimeOffset.UtcNow));

public sealed class SqliteStoppedClockFixture() : AppFixture(DatabaseProviderKind.Sqlite, new StoppedClock(DateTimeOffset.UtcNow));

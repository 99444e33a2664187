using InvestTrack.Data;
using InvestTrack.Tests;

namespace InvestTrack.IntegrationTests;

/// <summary>One app per provider, shared by the tests of a class; tests must not depend on each other's writes.</summary>
public abstract class AppFixture(DatabaseProviderKind provider) : IAsyncLifetime
{
    public TestApp App { get; } = new(provider);

    public async Task InitializeAsync() => await App.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class PostgresFixture() : AppFixture(DatabaseProviderKind.Postgres);

public sealed class SqliteFixture() : AppFixture(DatabaseProviderKind.Sqlite);

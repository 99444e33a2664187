using System.Net;
using InvestTrack.Data;
using InvestTrack.Features.Projects;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Hosting;

/// <summary>
/// The read contexts (reports, exports, large lists) on one database: they track nothing and refuse to save, and a
/// replica that cannot be used (none on SQLite; one that does not answer on PostgreSQL) leaves every read on the primary.
/// </summary>
public abstract class ReadContextTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task A_read_context_tracks_nothing_and_refuses_to_save()
    {
        var project = await App.CreateProjectAsync();
        var refused = await App.AsUserAsync("tiexi", async sp =>
        {
            await using var db = sp.GetRequiredService<IReadDbContextFactory>().CreateDbContext();
            var read = await db.Projects.SingleAsync(p => p.Id == project.Id);
            Assert.Empty(db.ChangeTracker.Entries());
            read.Name = "改名";
            db.Projects.Update(read);
            return await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
        Assert.Contains("IReadDbContextFactory", refused.Message);
        Assert.Equal(project.Name, (await App.ProjectAsync(project.Id)).Name);
    }

    [Fact]
    public async Task A_replica_that_cannot_be_used_leaves_every_read_on_the_primary()
    {
        var unusable = App.Provider == DatabaseProviderKind.Sqlite
            ? $"Data Source={Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "replica.db")}"
            : "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none;Timeout=2";
        await using var app = App.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:InvestTrackRead", unusable));
        Assert.Equal(App.Provider == DatabaseProviderKind.Postgres, app.Services.GetRequiredService<DatabaseSettings>().ReadConnectionString is not null);

        var project = await App.CreateProjectAsync();
        var tiexi = await ReadReplicaTests.AuthCookieAsync(app, "tiexi");
        foreach (var path in new[] { $"/api/projects?q={project.Code}", "/api/reports/dispatch?year=2025&month=8", "/api/dashboard?year=2025&month=8", "/api/funds?year=2025" })
        {
            var response = await ReadReplicaTests.SendAsync(app, HttpMethod.Get, path, null, tiexi);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (path.StartsWith("/api/projects", StringComparison.Ordinal)) Assert.Contains(project.Code, await response.Content.ReadAsStringAsync());
        }
        Assert.False(app.Services.GetRequiredService<ReplicaLag>().IsUsable());
    }
}

[Collection("postgres")]
public sealed class PostgresReadContextTests(PostgresFixture fixture) : ReadContextTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteReadContextTests(SqliteFixture fixture) : ReadContextTests(fixture), IClassFixture<SqliteFixture>;

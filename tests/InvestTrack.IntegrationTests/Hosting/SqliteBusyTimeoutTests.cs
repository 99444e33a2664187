using InvestTrack.Data;
using InvestTrack.Features.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Hosting;

/// <summary>
/// On SQLite a save that commits while another connection is reading waits for the reader instead of failing with
/// "database is locked" (Data/SqliteBusyTimeout). Seen under load as a job's run left at 运行中.
/// </summary>
public sealed class SqliteBusyTimeoutTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task A_save_waits_for_a_reader_to_finish_instead_of_failing()
    {
        var ids = await fixture.App.AsSystemAsync(async sp =>
        {
            await using var db = sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
            // A reader in a transaction holds the file (a shared lock) until it ends.
            await using var reader = new SqliteConnection(db.Database.GetConnectionString());
            await reader.OpenAsync();
            await using (var read = reader.CreateCommand())
            {
                read.CommandText = "BEGIN; SELECT COUNT(*) FROM \"JobRuns\";";
                await read.ExecuteScalarAsync();
            }
            var run = new JobRun { JobKey = "busy-test", FireInstanceId = "busy", Instance = "test", Attempt = 1, StartedAt = DateTimeOffset.UtcNow };
            db.JobRuns.Add(run);
            // SQLite's calls are synchronous: the save waits on a thread of its own.
            var save = Task.Run(() => db.SaveChangesAsync());
            // The reader goes on for a while; the save's commit meets it.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await using (var end = reader.CreateCommand())
            {
                end.CommandText = "COMMIT;";
                await end.ExecuteNonQueryAsync();
            }
            Assert.Equal(1, await save);
            return run.Id;
        });
        var stored = await fixture.App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().JobRuns.AsNoTracking().SingleAsync(r => r.Id == ids));
        Assert.Equal("busy-test", stored.JobKey);
    }
}
